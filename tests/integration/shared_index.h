// Indexes of the shared corpora, built once per build tree and schema version and
// reused by every test process that only reads them (ctest runs each test case in its
// own process).
#ifndef GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_
#define GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::testing {

// The index of the given shared corpora (paths under ../shared/corpora) in `shards`
// shards, cached under `key`. Built into a scratch name and renamed into place, so
// concurrent test processes never see half an index. REQUIRES: SharedCorpora() exists.
inline std::string CachedIndex(const std::string& key, const std::vector<std::string>& corpora,
                               int shards = 1) {
  namespace fs = std::filesystem;
  static std::map<std::string, std::string> built;
  const std::string name = key + "-v" + std::to_string(indexer::schema::kSchemaVersion);
  if (auto it = built.find(name); it != built.end()) return it->second;
  const fs::path db = fs::path(GAZETTE_TEST_CACHE) / name;
  if (!fs::exists(db)) {
    const fs::path scratch = db.string() + ".building." + std::to_string(::getpid());
    fs::create_directories(scratch.parent_path());
    fs::remove_all(scratch);
    std::vector<std::string> paths;
    for (const auto& c : corpora) paths.push_back(SharedCorpora() + "/" + c);
    indexer::IndexOptions options;
    options.db_path = scratch.string();
    options.shards = shards;
    options.field_words = true;  // so tests can weigh topic and excerpt words (no score moves)
    auto summary = indexer::IndexPaths(paths, options);
    REQUIRE(summary.ok());
    REQUIRE(summary->skipped.empty());
    std::error_code ec;
    fs::rename(scratch, db, ec);
    if (ec) fs::remove_all(scratch);  // another process finished first
  }
  return built.emplace(name, db.string()).first->second;
}

struct SharedIndex {
  std::string db;
};

// Fails the running test, naming the expected path, when ../shared/corpora is absent.
inline void RequireSharedCorpora() {
  if (SharedCorpora().empty()) {
    FAIL(GAZETTE_SHARED_CORPORA " is absent: this test needs the shared corpora");
  }
}

// The index of ../shared/corpora/<name> in `shards` shards; fails the running test when
// the shared corpora are absent (never null).
inline const SharedIndex* IndexOf(const std::string& name, int shards = 1) {
  static std::map<std::string, SharedIndex> cache;
  RequireSharedCorpora();
  const std::string key = name + (shards == 1 ? "" : "-" + std::to_string(shards) + "shards");
  if (auto it = cache.find(key); it != cache.end()) return &it->second;
  return &cache.emplace(key, SharedIndex{CachedIndex(key, {name}, shards)}).first->second;
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_INTEGRATION_SHARED_INDEX_H_
