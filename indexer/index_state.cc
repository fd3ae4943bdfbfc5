// Loads per-document source keys and content hashes from value streams.
#include "indexer/index_state.h"

#include "indexer/schema.h"

namespace gazette::indexer {

void IndexState::Load(const Xapian::Database& db) {
  by_source_.clear();
  collection_of_.clear();
  by_source_.reserve(db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotSource);
       it != db.valuestream_end(schema::kSlotSource); ++it) {
    by_source_[*it] = StoredRecord{it.get_docid(), {}};
  }
  std::unordered_map<Xapian::docid, std::string> hashes;
  hashes.reserve(by_source_.size());
  for (auto it = db.valuestream_begin(schema::kSlotContentHash);
       it != db.valuestream_end(schema::kSlotContentHash); ++it) {
    hashes[it.get_docid()] = *it;
  }
  for (auto& [source, record] : by_source_) {
    auto h = hashes.find(record.docid);
    if (h != hashes.end()) record.content_hash = h->second;
  }
  for (auto it = db.valuestream_begin(schema::kSlotCollection);
       it != db.valuestream_end(schema::kSlotCollection); ++it) {
    collection_of_[it.get_docid()] = *it;
  }
}

const StoredRecord* IndexState::Find(const std::string& source) const {
  auto it = by_source_.find(source);
  return it == by_source_.end() ? nullptr : &it->second;
}

std::vector<Xapian::docid> IndexState::DocumentsIn(const std::string& collection) const {
  std::vector<Xapian::docid> out;
  for (const auto& [docid, name] : collection_of_) {
    if (name == collection) out.push_back(docid);
  }
  return out;
}

}  // namespace gazette::indexer
