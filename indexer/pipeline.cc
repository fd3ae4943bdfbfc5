// IndexPaths: resolves the database layout, runs the workers, routes their output by
// id to one writer thread per shard, then prunes, commits and reports.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "indexer/document.h"
#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/merge.h"
#include "indexer/schema.h"
#include "indexer/shard_writer.h"
#include "indexer/share.h"
#include "indexer/stories.h"
#include "indexer/workers.h"

namespace gazette::indexer {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int Cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// Workers share the cores the writers leave.
int DefaultThreads(std::size_t writers) { return std::max(1, Cores() - static_cast<int>(writers)); }

// Writer threads for a fresh build: a multiple of the shard count, so that routing an
// id to writer h % W also routes it to shard h % S.
std::size_t WriterCount(std::size_t shards, int wanted) {
  const std::size_t w = static_cast<std::size_t>(wanted > 0 ? wanted : Cores());
  return shards * std::max<std::size_t>(1, (w + shards - 1) / shards);
}

// Fails early, with the sizes, when the disk holding `shard` lacks room for the merge
// of `runs` into it: the merged shard (about 55% of the runs' size, as measured at
// 100k and 1M articles) is written while the runs still exist.
Status CheckMergeSpace(const std::vector<std::string>& runs, const std::string& shard) {
  namespace fs = std::filesystem;
  std::uintmax_t run_bytes = 0;
  std::error_code ec;
  for (const std::string& run : runs) {
    for (const auto& entry : fs::directory_iterator(run, ec)) {
      if (entry.is_regular_file(ec)) run_bytes += entry.file_size(ec);
    }
  }
  const fs::space_info space = fs::space(fs::path(shard).parent_path(), ec);
  if (ec) return Status::Ok();  // cannot tell: let the merge try
  const std::uintmax_t needed = run_bytes / 100 * 60;
  if (space.available >= needed) return Status::Ok();
  auto mb = [](std::uintmax_t bytes) { return std::to_string(bytes >> 20) + " MB"; };
  return Status::IoError(shard + ": not enough disk space to merge " + std::to_string(runs.size()) +
                         " runs (" + mb(run_bytes) + "): about " + mb(needed) + " needed, " +
                         mb(space.available) +
                         " free; a new index needs about three times its final size free "
                         "while it is built");
}

// Hands a run's commits to the caller's observer one writer at a time.
class SerialObserver : public CommitObserver {
 public:
  explicit SerialObserver(CommitObserver* target) : target_(target) {}
  void OnCommit(const std::vector<CommittedDocument>& documents) override {
    std::lock_guard<std::mutex> guard(mutex_);
    target_->OnCommit(documents);
  }

 private:
  CommitObserver* target_;
  std::mutex mutex_;
};

// Reports every document of a freshly built shard as added, in batches.
Status ReportBuilt(const std::string& shard_path, int shard, CommitObserver* observer) {
  constexpr std::size_t kBatch = 1000;
  Xapian::Database db(shard_path);
  std::vector<Xapian::Document> docs;
  std::vector<CommittedDocument> batch;
  auto flush = [&] {
    batch.clear();
    for (const Xapian::Document& doc : docs) {
      Xapian::TermIterator t = doc.termlist_begin();
      t.skip_to(schema::kPrefixId);
      std::string id;
      if (t != doc.termlist_end() && (*t).rfind(schema::kPrefixId, 0) == 0) {
        id = (*t).substr(std::strlen(schema::kPrefixId));
      }
      batch.push_back({CommittedDocument::Change::kAdded, std::move(id), shard, &doc});
    }
    if (!batch.empty()) observer->OnCommit(batch);
    docs.clear();
  };
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    docs.push_back(db.get_document(*it));
    if (docs.size() >= kBatch) flush();
  }
  flush();
  return Status::Ok();
}

// The story pass over what the run wrote: every article of a new build, else the
// neighbourhood of the articles written.
Status RunStories(const Layout& layout, const std::vector<std::string>& written, bool created,
                  IndexSummary* summary) {
  if (!created && written.empty()) return Status::Ok();
  const auto start = Clock::now();
  auto stories = AssignStories(layout.shards, written, created, !created);
  if (!stories.ok()) return stories.status();
  summary->story_articles = stories->articles;
  summary->stories = stories->stories;
  summary->story_s = Seconds(start);
  return Status::Ok();
}

// The layout to write into: the live one, a new one for a new database, or a fresh
// generation for a rebuild; `share` gets the share the run writes (share.h).
Result<Layout> TargetLayout(const IndexOptions& options, bool* created, ShardShare* share) {
  *created = false;
  auto live = ReadLayout(options.db_path);
  if (!live.ok() && !options.rebuild && live.status().code() != StatusCode::kNotFound) {
    return live.status();
  }
  auto resolved = ResolveShare(options, live.ok() ? live->shards.front() : std::string());
  if (!resolved.ok()) return resolved.status();
  *share = *resolved;
  if (!options.rebuild && live.ok()) {
    if (!share->active() && options.shards > 0 &&
        static_cast<std::size_t>(options.shards) != live->shards.size()) {
      return Status::InvalidArgument("--shards: the database has " +
                                     std::to_string(live->shards.size()) +
                                     " shard(s); changing that needs --rebuild");
    }
    return live;
  }
  *created = true;
  // A share is one local shard.
  int shards = share->active() ? 1 : options.shards;
  if (shards <= 0) shards = live.ok() ? static_cast<int>(live->shards.size()) : 1;
  return CreateGeneration(options.db_path, shards);
}

}  // namespace

Result<IndexSummary> IndexPaths(const std::vector<std::string>& paths,
                                const IndexOptions& options) {
  const auto start = Clock::now();
  if (paths.empty() && options.files.empty()) {
    return Status::InvalidArgument("no input path given");
  }
  std::vector<corpus::Diagnostic> unlisted;  // inputs the walk could not read
  auto files = options.files.empty() ? corpus::ListInputs(paths, &unlisted)
                                     : Result<std::vector<corpus::InputFile>>(options.files);
  if (!files.ok()) return files.status();
  std::uint64_t bytes_total = 0;
  for (const auto& f : *files) bytes_total += f.size;

  auto lock = WriterLock::Acquire(options.db_path);
  if (!lock.ok()) return lock.status();
  // What a killed build left must not be taken for a generation, nor fill the disk.
  RemoveIncomplete(options.db_path);
  bool created = false;
  ShardShare share;
  auto layout = TargetLayout(options, &created, &share);
  if (!layout.ok()) return layout.status();
  const std::size_t shard_count = layout->shards.size();
  // Into empty shards (a new database or a rebuild) several writers run in parallel,
  // each writing small scratch databases that are merged into the shard at the end
  // (shard_writer.h): Xapian's writer is single-threaded per database and the most
  // expensive stage, and its cost per commit grows with the database. Updates of a
  // live database run one writer per shard.
  const std::size_t writer_count =
      created ? WriterCount(shard_count, options.writers) : shard_count;
  const std::size_t commit_every = std::max<std::size_t>(1, options.batch_size / writer_count);
  // Commits are ours to schedule: keep Xapian from flushing on its own in between.
  if (std::getenv("XAPIAN_FLUSH_THRESHOLD") == nullptr) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(commit_every * 2 + 1).c_str(), 0);
  }

  // The writers tell the observer through `run_options`, one at a time.
  std::unique_ptr<SerialObserver> serial;
  IndexOptions run_options = options;
  run_options.share = share;
  if (options.observer != nullptr) {
    serial = std::make_unique<SerialObserver>(options.observer);
    run_options.observer = serial.get();
  }
  IndexSummary summary;
  summary.skipped = std::move(unlisted);
  summary.generation = layout->generation;
  summary.shards = static_cast<int>(shard_count);
  summary.share = share;
  // Writers are gone when this returns, so a failed new generation can be removed.
  auto build = [&]() -> Status {
    try {
      IndexState state;
      std::vector<std::unique_ptr<ShardWriter>> writers;
      for (std::size_t i = 0; i < writer_count; ++i) {
        const int shard = static_cast<int>(i % shard_count);
        if (created) {
          const ShardWriter::Scratch scratch{
              layout->shards[static_cast<std::size_t>(shard)] + ".w" + std::to_string(i),
              std::max<std::size_t>(1, options.run_documents)};
          writers.push_back(
              std::make_unique<ShardWriter>(scratch, shard, run_options, state, commit_every));
        } else {
          writers.push_back(std::make_unique<ShardWriter>(layout->shards[i], shard, run_options,
                                                          state, commit_every));
        }
      }
      if (!created) {
        for (std::size_t i = 0; i < shard_count; ++i) {
          Xapian::Database db(layout->shards[i]);
          state.Load(db, static_cast<int>(i));
        }
      }
      for (auto& w : writers) w->Start();
      Workers workers(options.collection, state, *files, options.read, share,
                      DocumentOptions{options.stories, options.field_words});
      workers.Start(options.threads > 0 ? options.threads : DefaultThreads(writer_count));

      IndexProgress progress;
      progress.bytes_total = bytes_total;
      auto last_report = Clock::now();
      std::vector<std::vector<ShardMessage>> routed(writer_count);
      std::vector<std::string> written;  // id terms, for the story pass
      // Warnings about a whole file (line 0: a field neither mapped nor known) are
      // reported once per file, however many of its records repeat them.
      std::set<std::pair<std::string, std::string>> file_warnings;
      while (auto batch = workers.channel().Receive()) {
        for (Prepared& p : batch->records) {
          for (auto& w : p.warnings) {
            if (w.line == 0 && !file_warnings.emplace(w.path, w.message).second) continue;
            summary.warnings.push_back(std::move(w));
          }
          switch (p.kind) {
            case Prepared::Kind::kSkipped:
              summary.skipped.push_back(std::move(p.skipped));
              break;
            case Prepared::Kind::kElsewhere:
              ++summary.elsewhere;
              break;
            case Prepared::Kind::kUnchanged:
              ++summary.unchanged;
              routed[p.previous_shard].push_back({ShardMessage::Kind::kSeen, {}, p.previous});
              break;
            case Prepared::Kind::kDocument: {
              if (!created) written.push_back(p.id_term);
              // Into a live database, writer i is shard i; into a fresh one, the
              // previous shard is never set.
              const std::size_t shard = WriterOf(share, HashBytes(p.id_term), writer_count);
              Xapian::docid previous = 0;
              if (p.previous != 0 && static_cast<std::size_t>(p.previous_shard) == shard) {
                previous = p.previous;
              } else if (p.previous != 0) {
                // The article moved shard with its id: its old document goes.
                routed[p.previous_shard].push_back(
                    {ShardMessage::Kind::kDeleteIfUnseen, {}, p.previous});
              }
              routed[shard].push_back({ShardMessage::Kind::kDocument, std::move(p), previous});
              break;
            }
          }
        }
        for (std::size_t i = 0; i < writer_count; ++i) writers[i]->Send(std::move(routed[i]));
        routed.assign(writer_count, {});
        progress.records += batch->records.size();
        progress.bytes_done += batch->bytes;
        if (options.on_progress && Clock::now() - last_report > std::chrono::milliseconds(200)) {
          progress.elapsed_s = Seconds(start);
          options.on_progress(progress);
          last_report = Clock::now();
        }
      }
      Status failed;
      for (auto& w : writers) {
        Status s = w->Finish();
        if (!s.ok() && failed.ok()) failed = s;
        const IndexSummary& part = w->summary();
        summary.indexed += part.indexed;
        summary.updated += part.updated;
        summary.deleted += part.deleted;
        summary.documents += w->documents();
        summary.warnings.insert(summary.warnings.end(), part.warnings.begin(), part.warnings.end());
      }
      if (!failed.ok()) return failed;
      if (created) {
        for (std::size_t shard = 0; shard < shard_count; ++shard) {
          std::vector<std::string> runs;
          for (std::size_t i = shard; i < writer_count; i += shard_count) {
            runs.insert(runs.end(), writers[i]->runs().begin(), writers[i]->runs().end());
          }
          Status s = CheckMergeSpace(runs, layout->shards[shard]);
          if (s.ok()) s = MergePartitions(runs, layout->shards[shard]);
          if (!s.ok()) return s;
        }
      }
      if (options.stories) {
        if (Status s = RunStories(*layout, written, created, &summary); !s.ok()) return s;
      }
      if (created) {
        for (std::size_t shard = 0; shard < shard_count; ++shard) {
          Status s = SyncDatabase(layout->shards[shard]);
          if (s.ok() && options.observer != nullptr) {
            s = ReportBuilt(layout->shards[shard], static_cast<int>(shard), options.observer);
          }
          if (!s.ok()) return s;
        }
      }
      progress.elapsed_s = Seconds(start);
      if (options.on_progress) options.on_progress(progress);
      return Status::Ok();
    } catch (const Xapian::DatabaseLockError& e) {
      return Status::Unavailable(options.db_path + ": database is locked by another writer (" +
                                 e.get_msg() + ")");
    } catch (const Xapian::DatabaseOpeningError& e) {
      return Status::IoError(options.db_path + ": cannot open database: " + e.get_msg());
    } catch (const Xapian::Error& e) {
      return Status::IoError(options.db_path + ": " + e.get_description());
    }
  };
  if (Status s = build(); !s.ok()) {
    // A new database or a rebuild that failed leaves nothing behind: its runs and
    // partial shards can take several times the index's size.
    if (created) Discard(*layout);
    if (s.message().find("No space left on device") != std::string::npos ||
        s.message().find(kDiskFull) != std::string::npos) {
      return Status::IoError(
          options.db_path + ": the disk is full (" + s.message() + "); " +
          (created ? "the new generation was removed and the live index is unchanged"
                   : "the live index keeps the batches committed before, and a re-run "
                     "after freeing space completes it"));
    }
    return s;
  }
  // A new database goes live at once; a rebuild waits for the caller's gate.
  if (created && !options.rebuild) {
    Status s = Activate(*layout);
    if (!s.ok()) return s;
  }
  summary.stub = created ? GenerationStub(options.db_path, layout->generation) : options.db_path;
  summary.bytes = bytes_total;
  summary.elapsed_s = Seconds(start);
  return summary;
}

}  // namespace gazette::indexer
