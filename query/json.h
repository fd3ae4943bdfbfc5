// The one JSON shape of search results, shared by `gazette search --json` and the
// HTTP API (docs/api.md).
#ifndef GAZETTE_QUERY_JSON_H_
#define GAZETTE_QUERY_JSON_H_

#include <nlohmann/json.hpp>

#include "query/search.h"

namespace gazette::query {

nlohmann::json ToJson(const Hit& hit);
nlohmann::json ToJson(const RecencyChoice& choice);
nlohmann::json ToJson(const SearchResponse& response);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_JSON_H_
