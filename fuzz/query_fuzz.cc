// libFuzzer target: query text through the query parser and its analyser, searched and
// completed on a small database of the bundled sample corpus.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "indexer/indexer.h"
#include "query/search.h"

namespace {

std::unique_ptr<gazette::query::Searcher> searcher;
std::filesystem::path db;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  namespace fs = std::filesystem;
  db = fs::temp_directory_path() / ("gazette-query-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(db);
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(db, ignored);
  });
  gazette::indexer::IndexOptions options;
  options.db_path = db.string();
  options.threads = 1;
  options.writers = 1;
  auto summary =
      gazette::indexer::IndexPaths({std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample"}, options);
  if (!summary.ok()) std::abort();
  auto opened = gazette::query::Searcher::Open(db.string());
  if (!opened.ok()) std::abort();
  searcher = std::move(*opened);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 1024) return 0;  // longer queries are refused before parsing
  const std::string text(reinterpret_cast<const char*>(data), size);
  gazette::query::SearchRequest request;
  request.query = text;
  request.facets = {"topic"};
  auto response = searcher->Search(request, gazette::query::Load{});
  // A query is never an internal error: it matches, or it is refused as invalid.
  if (!response.ok() && response.status().code() != gazette::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  auto suggestions = searcher->Suggest(text, 5);
  if (!suggestions.ok() && suggestions.status().code() != gazette::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  return 0;
}
