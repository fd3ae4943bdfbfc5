// Scratch directories and sample-corpus databases for the web tests.
#include "test_db.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "indexer/indexer.h"

namespace gazette::web::testing {

namespace fs = std::filesystem;

std::string SamplePath(const std::string& part) {
  fs::path path = fs::path(GAZETTE_SOURCE_DIR) / "corpus" / "sample";
  if (!part.empty()) path /= part;
  return path.string();
}

void IndexInto(const std::string& db_path, const std::vector<std::string>& inputs) {
  indexer::IndexOptions options;
  options.db_path = db_path;
  options.threads = 2;
  auto summary = indexer::IndexPaths(inputs, options);
  INFO((summary.ok() ? std::string() : summary.status().ToString()));
  REQUIRE(summary.ok());
  REQUIRE(summary->documents > 0);
}

const std::string& SampleDb() {
  // Outlives every test (servers may still read it while the process winds down); its
  // files are removed at exit.
  static ScratchDir* dir = [] {
    auto* d = new ScratchDir();
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(dir->path(), ignored);
    });
    return d;
  }();
  static const std::string path = [] {
    const std::string db = dir->Sub("db");
    IndexInto(db, {SamplePath()});
    return db;
  }();
  return path;
}

}  // namespace gazette::web::testing
