// A shard's writer thread.
#include "indexer/shard_writer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "indexer/document.h"
#include "indexer/schema.h"
#include "indexer/share.h"

namespace gazette::indexer {
namespace {

// Commits stop when less than this is free on the database's disk.
constexpr std::uintmax_t kMinFreeBytes = 32u << 20;

// Batches of messages waiting for one shard before the dispatcher blocks.
constexpr std::size_t kShardQueue = 4;

std::string RunPath(const std::string& base, std::size_t run) {
  return base + ".run-" + std::to_string(run);
}

// The oldest schema of `db`'s documents as recorded; a database written before the
// record existed holds its schema version's documents only if it is empty.
int StoredOldestSchema(const Xapian::WritableDatabase& db) {
  if (db.get_doccount() == 0) return schema::kSchemaVersion;
  const std::string oldest = db.get_metadata(schema::kMetaOldestSchema);
  if (!oldest.empty()) return std::atoi(oldest.c_str());
  return std::min(std::atoi(db.get_metadata(schema::kMetaSchemaVersion).c_str()),
                  schema::kSchemaVersion);
}

}  // namespace

ShardWriter::ShardWriter(const std::string& path, int shard, const IndexOptions& options,
                         const IndexState& state, std::size_t commit_every)
    : db_(path, Xapian::DB_CREATE_OR_OPEN),
      dir_(std::filesystem::path(path).parent_path().string()),
      shard_(shard),
      options_(options),
      state_(state),
      commit_every_(commit_every),
      channel_(kShardQueue) {
  seen_.resize(db_.get_lastdocid() + 1, false);
  fresh_database_ = db_.get_doccount() == 0;
  max_topics_ = std::atoi(db_.get_metadata(schema::kMetaMaxTopics).c_str());
  oldest_schema_ = StoredOldestSchema(db_);
}

ShardWriter::ShardWriter(const Scratch& scratch, int shard, const IndexOptions& options,
                         const IndexState& state, std::size_t commit_every)
    : db_(RunPath(scratch.base, 0), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC),
      dir_(std::filesystem::path(scratch.base).parent_path().string()),
      shard_(shard),
      options_(options),
      state_(state),
      commit_every_(commit_every),
      channel_(kShardQueue),
      scratch_(true),
      scratch_base_(scratch.base),
      run_documents_(std::max<std::size_t>(1, scratch.run_documents)),
      oldest_schema_(schema::kSchemaVersion) {
  runs_.push_back(RunPath(scratch_base_, 0));
}

ShardWriter::~ShardWriter() {
  if (thread_.joinable()) {
    channel_.Close();
    thread_.join();
  }
}

void ShardWriter::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void ShardWriter::Send(std::vector<ShardMessage> messages) {
  if (!messages.empty()) channel_.Send(std::move(messages));
}

void ShardWriter::Loop() {
  while (auto batch = channel_.Receive()) {
    if (!status_.ok()) continue;  // drain after a failure so senders never block
    try {
      for (ShardMessage& m : *batch) Apply(m);
    } catch (const Xapian::Error& e) {
      status_ = Status::IoError("shard " + std::to_string(shard_) + ": " + e.get_description());
    }
  }
}

Status ShardWriter::Finish() {
  channel_.Close();
  if (thread_.joinable()) thread_.join();
  if (!status_.ok()) return status_;
  if (scratch_) return FinishScratch();
  try {
    if (options_.prune) {
      for (Xapian::docid docid : state_.DocumentsIn(options_.collection, shard_)) {
        if (IsSeen(docid)) continue;
        try {
          NoteDeleted(docid);
          db_.delete_document(docid);
          ++summary_.deleted;
        } catch (const Xapian::DocNotFoundError&) {
          // Already replaced under a new id in this run.
        }
      }
    }
    if (oldest_schema_ < schema::kSchemaVersion) RaiseOldestSchema();
    Commit();
    documents_ = db_.get_doccount();
    db_.close();
  } catch (const Xapian::Error& e) {
    return Status::IoError("shard " + std::to_string(shard_) + ": " + e.get_description());
  }
  return Status::Ok();
}

void ShardWriter::RaiseOldestSchema() {
  // A document this run wrote or checked is of this schema (a checked one's content
  // hash covers the schema); pruning removed the collection's others.
  bool current = options_.prune;
  if (!current) {
    const auto docs = state_.DocumentsIn(options_.collection, shard_);
    current = std::all_of(docs.begin(), docs.end(), [this](Xapian::docid d) { return IsSeen(d); });
  }
  const std::string prefix = std::string(schema::kMetaOldestSchema) + ".";
  if (current) {
    db_.set_metadata(prefix + options_.collection, std::to_string(schema::kSchemaVersion));
  }
  // The least over the collections present (this one among them unless it is new).
  int oldest = schema::kSchemaVersion;
  for (const std::string& collection : state_.CollectionsIn(shard_)) {
    if (current && collection == options_.collection) continue;
    const std::string stored = db_.get_metadata(prefix + collection);
    oldest = std::min(oldest, stored.empty() ? oldest_schema_ : std::atoi(stored.c_str()));
  }
  oldest_schema_ = oldest;
}

void ShardWriter::MarkSeen(Xapian::docid docid) {
  if (docid >= seen_.size()) seen_.resize(docid + docid / 2 + 1024, false);
  seen_[docid] = true;
}

void ShardWriter::Apply(ShardMessage& m) {
  switch (m.kind) {
    case ShardMessage::Kind::kSeen:
      MarkSeen(m.docid);
      return;
    case ShardMessage::Kind::kDeleteIfUnseen:
      if (!IsSeen(m.docid)) {
        try {
          NoteDeleted(m.docid);
          db_.delete_document(m.docid);
          ++summary_.deleted;
        } catch (const Xapian::DocNotFoundError&) {
        }
      }
      return;
    case ShardMessage::Kind::kDocument:
      break;
  }
  Prepared& p = m.record;
  if (scratch_) {
    ApplyScratch(p);
    return;
  }
  // Into an empty database, an id not seen in this run cannot exist yet: add without
  // the lookup replace_document() makes (a hash collision only costs that lookup).
  const bool fresh_id = fresh_database_ && ids_added_.insert(HashBytes(p.id_term)).second;
  const bool existed = !fresh_id && (m.docid != 0 || db_.term_exists(p.id_term));
  const Xapian::docid docid =
      fresh_id ? db_.add_document(p.doc) : db_.replace_document(p.id_term, p.doc);
  if (IsSeen(docid)) {
    summary_.warnings.push_back(corpus::Diagnostic{
        p.path, p.line,
        "duplicate id " + p.id_term.substr(1) + ": replaces an article read earlier in this run"});
  }
  if (m.docid != 0 && m.docid != docid && !IsSeen(m.docid)) {
    // The record now carries a different id: its old document goes.
    NoteDeleted(m.docid);
    db_.delete_document(m.docid);
    ++summary_.deleted;
  }
  MarkSeen(docid);
  for (const std::string& word : p.spelling) ++spelling_[word];
  existed ? ++summary_.updated : ++summary_.indexed;
  if (options_.observer != nullptr) {
    Note(existed ? CommittedDocument::Change::kUpdated : CommittedDocument::Change::kAdded,
         p.id_term.substr(std::strlen(schema::kPrefixId)), p.doc);
  }
  max_topics_ = std::max(max_topics_, static_cast<int>(p.topics));
  if (++since_commit_ >= commit_every_) Commit();
}

void ShardWriter::ApplyScratch(Prepared& p) {
  const auto [it, first] = placed_.try_emplace(HashBytes(p.id_term), Placed{runs_.size() - 1, 0});
  Placed& placed = it->second;
  Xapian::docid docid = 0;
  if (first) {
    docid = db_.add_document(p.doc);
  } else if (placed.run + 1 == runs_.size()) {
    // Same run: replace by id term (a mere hash collision adds a new document).
    docid = db_.replace_document(p.id_term, p.doc);
  } else {
    // The earlier document sits in a closed run: it is deleted there before the merge.
    superseded_.push_back(Superseded{placed.run, placed.docid, p.id_term});
    docid = db_.add_document(p.doc);
  }
  const bool duplicate = !first && (IsSeen(docid) || placed.run + 1 != runs_.size());
  if (duplicate) {
    summary_.warnings.push_back(corpus::Diagnostic{
        p.path, p.line,
        "duplicate id " + p.id_term.substr(1) + ": replaces an article read earlier in this run"});
  }
  placed = Placed{runs_.size() - 1, docid};
  MarkSeen(docid);
  for (const std::string& word : p.spelling) ++spelling_[word];
  duplicate ? ++summary_.updated : ++summary_.indexed;
  max_topics_ = std::max(max_topics_, static_cast<int>(p.topics));
  if (++in_run_ >= run_documents_) {
    NextRun();
  } else if (++since_commit_ >= commit_every_) {
    Commit();
  }
}

void ShardWriter::NextRun() {
  FlushSpelling();
  Commit();
  db_.close();
  runs_.push_back(RunPath(scratch_base_, runs_.size()));
  db_ = Xapian::WritableDatabase(runs_.back(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  seen_.clear();
  in_run_ = 0;
}

Status ShardWriter::FinishScratch() {
  try {
    FlushSpelling();
    Commit();
    db_.close();
    for (const Superseded& s : superseded_) {
      Xapian::WritableDatabase run(runs_[s.run], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      // Check the id: two ids may share a hash.
      Xapian::TermIterator t = run.termlist_begin(s.docid);
      t.skip_to(s.id_term);
      if (t != run.termlist_end(s.docid) && *t == s.id_term) {
        run.delete_document(s.docid);
      } else {
        --summary_.updated;  // two ids with one hash: both stay
        ++summary_.indexed;
      }
      run.commit();
    }
    documents_ = 0;
    for (const std::string& path : runs_) documents_ += Xapian::Database(path).get_doccount();
  } catch (const Xapian::Error& e) {
    return Status::IoError("shard " + std::to_string(shard_) + ": " + e.get_description());
  }
  return Status::Ok();
}

void ShardWriter::FlushSpelling() {
  for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
  spelling_.clear();
}

void ShardWriter::Commit() {
  // Xapian 1.4 can abort the process when a commit runs out of space; stop short of it.
  std::error_code ec;
  const std::filesystem::space_info space = std::filesystem::space(dir_.empty() ? "." : dir_, ec);
  if (!ec && space.available < kMinFreeBytes) {
    throw Xapian::DatabaseError(dir_ + ": " + kDiskFull + ": " +
                                std::to_string(space.available >> 20) + " MiB free, at least " +
                                std::to_string(kMinFreeBytes >> 20) +
                                " MiB are kept free; nothing more was written");
  }
  // A scratch run takes its spelling words once, at its end (NextRun, FinishScratch).
  if (!scratch_) FlushSpelling();
  db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
  db_.set_metadata(schema::kMetaOldestSchema, std::to_string(oldest_schema_));
  if (options_.share.active()) db_.set_metadata(schema::kMetaShare, ShareText(options_.share));
  db_.set_metadata(schema::kMetaMaxTopics,
                   std::to_string(std::min(max_topics_, schema::kMaxTopicSlots)));
  db_.commit();
  since_commit_ = 0;
  if (pending_.empty()) return;
  std::vector<CommittedDocument> committed;
  committed.reserve(pending_.size());
  for (const Pending& p : pending_) {
    committed.push_back({p.change, p.id, shard_,
                         p.change == CommittedDocument::Change::kDeleted ? nullptr : &p.doc});
  }
  options_.observer->OnCommit(committed);
  pending_.clear();
}

void ShardWriter::Note(CommittedDocument::Change change, std::string id,
                       const Xapian::Document& doc) {
  pending_.push_back(Pending{change, std::move(id), doc});
}

void ShardWriter::NoteDeleted(Xapian::docid docid) {
  if (options_.observer == nullptr || scratch_) return;
  // The id term, read before the document goes (DocNotFoundError when it is gone).
  Xapian::TermIterator t = db_.termlist_begin(docid);
  t.skip_to(schema::kPrefixId);
  std::string id;
  if (t != db_.termlist_end(docid) && (*t).rfind(schema::kPrefixId, 0) == 0) {
    id = (*t).substr(std::strlen(schema::kPrefixId));
  }
  Note(CommittedDocument::Change::kDeleted, std::move(id), Xapian::Document());
}

}  // namespace gazette::indexer
