// libFuzzer target: query text through the query parser and its analyser, searched and
// completed on a small database of the bundled sample corpus.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/sample_searcher.h"

namespace {

std::unique_ptr<gazette::query::Searcher> searcher;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  searcher = gazette::fuzzing::OpenSampleSearcher("query-fuzz");
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
