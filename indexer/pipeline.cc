// IndexPaths: opens the database, runs the workers, and applies their output with a
// single writer, committing in batches; then prunes and reports.
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <unordered_set>

#include "indexer/document.h"
#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "indexer/workers.h"

namespace gazette::indexer {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Applies worker output to the database. Not thread-safe: the one writer.
class Writer {
 public:
  Writer(Xapian::WritableDatabase* db, const IndexOptions& options, IndexSummary* summary)
      : db_(db), options_(options), summary_(summary) {
    seen_.resize(db->get_lastdocid() + 1, false);
    fresh_database_ = db->get_doccount() == 0;
    max_topics_ = std::atoi(db->get_metadata(schema::kMetaMaxTopics).c_str());
  }

  void Apply(Prepared& p) {
    for (auto& w : p.warnings) summary_->warnings.push_back(std::move(w));
    switch (p.kind) {
      case Prepared::Kind::kSkipped:
        summary_->skipped.push_back(std::move(p.skipped));
        return;
      case Prepared::Kind::kUnchanged:
        ++summary_->unchanged;
        MarkSeen(p.previous);
        return;
      case Prepared::Kind::kDocument:
        break;
    }
    // Into an empty database, an id not seen in this run cannot exist yet: add without
    // the lookup replace_document() makes (a hash collision only costs that lookup).
    const bool fresh_id = fresh_database_ && ids_added_.insert(HashBytes(p.id_term)).second;
    const bool existed = !fresh_id && (p.previous != 0 || db_->term_exists(p.id_term));
    const Xapian::docid docid =
        fresh_id ? db_->add_document(p.doc) : db_->replace_document(p.id_term, p.doc);
    if (docid < seen_.size() && seen_[docid]) {
      summary_->warnings.push_back(
          corpus::Diagnostic{p.path, p.line,
                             "duplicate id " + p.id_term.substr(1) +
                                 ": replaces an article read earlier in this run"});
    }
    if (p.previous != 0 && p.previous != docid && !IsSeen(p.previous)) {
      // The record now carries a different id: its old document goes.
      db_->delete_document(p.previous);
      ++summary_->deleted;
    }
    MarkSeen(docid);
    for (const std::string& word : p.spelling) db_->add_spelling(word);
    existed ? ++summary_->updated : ++summary_->indexed;
    max_topics_ = std::max(max_topics_, static_cast<int>(p.topics));
    if (++since_commit_ >= options_.batch_size) Commit();
  }

  void Prune(const IndexState& state) {
    for (Xapian::docid docid : state.DocumentsIn(options_.collection)) {
      if (IsSeen(docid)) continue;
      try {
        db_->delete_document(docid);
        ++summary_->deleted;
      } catch (const Xapian::DocNotFoundError&) {
        // Already replaced under a new id in this run.
      }
    }
  }

  void Commit() {
    db_->set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    db_->set_metadata(schema::kMetaMaxTopics,
                      std::to_string(std::min(max_topics_, schema::kMaxTopicSlots)));
    db_->commit();
    since_commit_ = 0;
  }

 private:
  bool IsSeen(Xapian::docid docid) const { return docid < seen_.size() && seen_[docid]; }
  void MarkSeen(Xapian::docid docid) {
    if (docid >= seen_.size()) seen_.resize(docid + docid / 2 + 1024, false);
    seen_[docid] = true;
  }

  Xapian::WritableDatabase* db_;
  const IndexOptions& options_;
  IndexSummary* summary_;
  std::vector<bool> seen_;
  bool fresh_database_ = false;
  std::unordered_set<std::uint64_t> ids_added_;  // hashes of id terms added this run
  int max_topics_ = 0;
  std::size_t since_commit_ = 0;
};

// The writer keeps one core busy; the workers share the rest.
int DefaultThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n <= 2 ? 1 : static_cast<int>(n) - 1;
}

}  // namespace

Result<IndexSummary> IndexPaths(const std::vector<std::string>& paths,
                                const IndexOptions& options) {
  const auto start = Clock::now();
  if (paths.empty()) return Status::InvalidArgument("no input path given");
  auto files = corpus::ListInputs(paths);
  if (!files.ok()) return files.status();
  std::uint64_t bytes_total = 0;
  for (const auto& f : *files) bytes_total += f.size;

  // Commits are ours to schedule: keep Xapian from flushing on its own in between.
  if (std::getenv("XAPIAN_FLUSH_THRESHOLD") == nullptr) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.batch_size * 2 + 1).c_str(), 0);
  }
  IndexSummary summary;
  try {
    Xapian::WritableDatabase db(options.db_path, Xapian::DB_CREATE_OR_OPEN);
    IndexState state;
    state.Load(db);
    Writer writer(&db, options, &summary);
    Workers workers(options.collection, state, *files);
    workers.Start(options.threads > 0 ? options.threads : DefaultThreads());

    IndexProgress progress;
    progress.bytes_total = bytes_total;
    auto last_report = Clock::now();
    while (auto batch = workers.channel().Receive()) {
      for (Prepared& p : batch->records) writer.Apply(p);
      progress.records += batch->records.size();
      progress.bytes_done += batch->bytes;
      if (options.on_progress && Clock::now() - last_report > std::chrono::milliseconds(200)) {
        progress.elapsed_s = Seconds(start);
        options.on_progress(progress);
        last_report = Clock::now();
      }
    }
    if (options.prune) writer.Prune(state);
    writer.Commit();
    summary.documents = db.get_doccount();
    progress.elapsed_s = Seconds(start);
    if (options.on_progress) options.on_progress(progress);
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Unavailable(options.db_path + ": database is locked by another writer (" +
                               e.get_msg() + ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::IoError(options.db_path + ": cannot open database: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IoError(options.db_path + ": " + e.get_description());
  }
  summary.bytes = bytes_total;
  summary.elapsed_s = Seconds(start);
  return summary;
}

}  // namespace gazette::indexer
