// The searcher the query-side fuzz targets search with: the bundled sample corpus,
// indexed once per process into a temporary database removed at exit.
#ifndef GAZETTE_FUZZ_SAMPLE_SEARCHER_H_
#define GAZETTE_FUZZ_SAMPLE_SEARCHER_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "indexer/indexer.h"
#include "query/search.h"

namespace gazette::fuzzing {

// Indexes corpus/sample and opens it; aborts when that fails (the target cannot run).
inline std::unique_ptr<query::Searcher> OpenSampleSearcher(const std::string& name) {
  namespace fs = std::filesystem;
  static fs::path db;
  db = fs::temp_directory_path() / ("gazette-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(db);
  std::atexit([] {
    std::error_code ignored;
    fs::remove_all(db, ignored);
  });
  indexer::IndexOptions options;
  options.db_path = db.string();
  options.threads = 1;
  options.writers = 1;
  auto summary = indexer::IndexPaths({std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample"}, options);
  if (!summary.ok()) std::abort();
  auto opened = query::Searcher::Open(db.string());
  if (!opened.ok()) std::abort();
  return std::move(*opened);
}

}  // namespace gazette::fuzzing

#endif  // GAZETTE_FUZZ_SAMPLE_SEARCHER_H_
