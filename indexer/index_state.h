// What an existing database already holds, loaded once per index run so unchanged
// articles are skipped without re-analysis (private to indexer/).
#ifndef GAZETTE_INDEXER_INDEX_STATE_H_
#define GAZETTE_INDEXER_INDEX_STATE_H_

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace gazette::indexer {

struct StoredRecord {
  int shard = 0;
  Xapian::docid docid = 0;
  std::string content_hash;  // 16 hex digits
};

// Read-only after Load(): safe to share between threads.
class IndexState {
 public:
  // Reads the source key, content hash and collection of every document of `shard`.
  // Call once per shard, before sharing the state.
  void Load(const Xapian::Database& db, int shard);

  // The stored record for a source key, or nullptr.
  const StoredRecord* Find(const std::string& source) const;

  // Documents of `collection` in `shard` present when the state was loaded.
  std::vector<Xapian::docid> DocumentsIn(const std::string& collection, int shard) const;

  // The collections with documents in `shard` when the state was loaded.
  std::vector<std::string> CollectionsIn(int shard) const;

  bool empty() const { return by_source_.empty(); }

 private:
  std::unordered_map<std::string, StoredRecord> by_source_;
  // Per shard: docid -> collection.
  std::vector<std::unordered_map<Xapian::docid, std::string>> collection_of_;
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_INDEX_STATE_H_
