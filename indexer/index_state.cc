// Loads per-document source keys and content hashes from value streams.
#include "indexer/index_state.h"

#include <set>

#include "indexer/schema.h"

namespace gazette::indexer {

void IndexState::Load(const Xapian::Database& db, int shard) {
  if (collection_of_.size() <= static_cast<std::size_t>(shard)) collection_of_.resize(shard + 1);
  std::unordered_map<Xapian::docid, std::string> hashes;
  hashes.reserve(db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotContentHash);
       it != db.valuestream_end(schema::kSlotContentHash); ++it) {
    hashes[it.get_docid()] = *it;
  }
  by_source_.reserve(by_source_.size() + db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotSource);
       it != db.valuestream_end(schema::kSlotSource); ++it) {
    auto h = hashes.find(it.get_docid());
    by_source_[*it] =
        StoredRecord{shard, it.get_docid(), h != hashes.end() ? h->second : std::string()};
  }
  for (auto it = db.valuestream_begin(schema::kSlotCollection);
       it != db.valuestream_end(schema::kSlotCollection); ++it) {
    collection_of_[shard][it.get_docid()] = *it;
  }
}

const StoredRecord* IndexState::Find(const std::string& source) const {
  auto it = by_source_.find(source);
  return it == by_source_.end() ? nullptr : &it->second;
}

std::vector<Xapian::docid> IndexState::DocumentsIn(const std::string& collection, int shard) const {
  std::vector<Xapian::docid> out;
  if (static_cast<std::size_t>(shard) >= collection_of_.size()) return out;
  for (const auto& [docid, name] : collection_of_[shard]) {
    if (name == collection) out.push_back(docid);
  }
  return out;
}

std::vector<std::string> IndexState::CollectionsIn(int shard) const {
  std::set<std::string> names;
  if (static_cast<std::size_t>(shard) < collection_of_.size()) {
    for (const auto& [docid, name] : collection_of_[shard]) names.insert(name);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace gazette::indexer
