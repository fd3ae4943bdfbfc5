// DeleteSources: deleting the articles of files that went away, for live indexing.
#include <cstring>
#include <filesystem>
#include <set>

#include "indexer/layout.h"
#include "indexer/schema.h"
#include "indexer/watch.h"

namespace gazette::indexer {
namespace {

// The file part of a source key: "<path>" or "<path>:<line>".
bool FromAnyOf(const std::string& source, const std::set<std::string>& files) {
  if (files.count(source)) return true;
  const std::size_t colon = source.rfind(':');
  return colon != std::string::npos && files.count(source.substr(0, colon));
}

std::string IdOf(const Xapian::Database& db, Xapian::docid docid) {
  Xapian::TermIterator t = db.termlist_begin(docid);
  t.skip_to(schema::kPrefixId);
  if (t == db.termlist_end(docid) || (*t).rfind(schema::kPrefixId, 0) != 0) return "";
  return (*t).substr(std::strlen(schema::kPrefixId));
}

Result<std::uint64_t> DeleteFromShard(const std::string& shard_path, int shard,
                                      const std::set<std::string>& files,
                                      CommitObserver* observer) {
  Xapian::WritableDatabase db(shard_path, Xapian::DB_OPEN);
  std::vector<Xapian::docid> doomed;
  for (auto it = db.valuestream_begin(schema::kSlotSource);
       it != db.valuestream_end(schema::kSlotSource); ++it) {
    if (FromAnyOf(*it, files)) doomed.push_back(it.get_docid());
  }
  if (doomed.empty()) return std::uint64_t{0};
  std::vector<std::string> ids;
  for (Xapian::docid docid : doomed) {
    ids.push_back(IdOf(db, docid));
    db.delete_document(docid);
  }
  db.commit();
  if (observer != nullptr) {
    std::vector<CommittedDocument> gone;
    for (std::string& id : ids) {
      gone.push_back({CommittedDocument::Change::kDeleted, std::move(id), shard, nullptr});
    }
    observer->OnCommit(gone);
  }
  return static_cast<std::uint64_t>(doomed.size());
}

}  // namespace

Result<std::uint64_t> DeleteSources(const std::vector<std::string>& paths,
                                    const IndexOptions& options) {
  std::set<std::string> files;
  for (const std::string& path : paths) {
    files.insert(std::filesystem::absolute(path).lexically_normal().string());
  }
  auto lock = WriterLock::Acquire(options.db_path);
  if (!lock.ok()) return lock.status();
  auto layout = ReadLayout(options.db_path);
  if (!layout.ok()) return layout.status();
  std::uint64_t deleted = 0;
  try {
    for (std::size_t shard = 0; shard < layout->shards.size(); ++shard) {
      auto n =
          DeleteFromShard(layout->shards[shard], static_cast<int>(shard), files, options.observer);
      if (!n.ok()) return n.status();
      deleted += *n;
    }
  } catch (const Xapian::Error& e) {
    return Status::IoError(options.db_path + ": cannot delete articles: " + e.get_msg());
  }
  return deleted;
}

}  // namespace gazette::indexer
