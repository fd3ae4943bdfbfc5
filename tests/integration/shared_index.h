// Indexes of the shared corpora, built once per build tree and reused by every test
// process that only reads them (ctest runs each test case in its own process).
#ifndef GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_
#define GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "indexer/indexer.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::testing {

struct SharedIndex {
  std::string db;
};

// The index of ../shared/corpora/<name> in `shards` shards, or nullptr when the shared
// corpora are absent. Built into a scratch name and renamed into place, so concurrent
// tests never see half an index.
inline const SharedIndex* IndexOf(const std::string& name, int shards = 1) {
  static std::map<std::string, SharedIndex> cache;
  if (SharedCorpora().empty()) return nullptr;
  const std::string key = shards == 1 ? name : name + "-" + std::to_string(shards) + "shards";
  auto found = cache.find(key);
  if (found != cache.end()) return &found->second;
  namespace fs = std::filesystem;
  const fs::path final_db = fs::path(GAZETTE_TEST_CACHE) / key;
  if (!fs::exists(final_db)) {
    const fs::path scratch =
        fs::path(GAZETTE_TEST_CACHE) / (key + ".building." + std::to_string(::getpid()));
    fs::create_directories(scratch.parent_path());
    fs::remove_all(scratch);
    indexer::IndexOptions options;
    options.db_path = scratch.string();
    options.shards = shards;
    auto summary = indexer::IndexPaths({SharedCorpora() + "/" + name}, options);
    REQUIRE(summary.ok());
    REQUIRE(summary->skipped.empty());
    std::error_code ec;
    fs::rename(scratch, final_db, ec);
    if (ec) fs::remove_all(scratch);  // another process finished first
  }
  return &cache.emplace(key, SharedIndex{final_db.string()}).first->second;
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_
