// libFuzzer target: a raw query string (what follows '?' in GET /api/search), decoded as
// the server decodes it and validated into a SearchRequest: each refusal names the
// parameter at fault, and each accepted request searches the sample corpus without an
// internal error.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/sample_searcher.h"
#include "web/request_parser.h"

namespace {

std::unique_ptr<gazette::query::Searcher> searcher;

// True when `message` starts with "NAME: " for a parameter NAME of the request.
bool NamesAParameter(const std::string& message, const gazette::web::QueryParams& params) {
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos || colon + 2 >= message.size()) return false;
  const std::string name = message.substr(0, colon);
  if (params.count(name) > 0) return true;
  // Rules across parameters name the first of them ("from: must not be after to").
  for (const auto& [key, value] : params) {
    if (message.compare(0, key.size(), key) == 0) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  searcher = gazette::fuzzing::OpenSampleSearcher("request-params-fuzz");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;  // the request line is refused above that (request framing)
  const std::string text(reinterpret_cast<const char*>(data), size);
  gazette::web::QueryParams params;
  httplib::detail::parse_query_text(text, params);
  const gazette::query::Limits limits;
  auto request = gazette::web::ParseSearchRequest(params, gazette::query::Ranking{}, limits);
  if (!request.ok()) {
    if (request.status().code() != gazette::StatusCode::kInvalidArgument ||
        !NamesAParameter(request.status().message(), params)) {
      __builtin_trap();
    }
    return 0;
  }
  auto response = searcher->Search(*request, gazette::query::Load{});
  if (!response.ok() && response.status().code() != gazette::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  return 0;
}
