// HTTP query parameters -> query::SearchRequest, with strict validation.
#ifndef GAZETTE_WEB_REQUEST_PARSER_H_
#define GAZETTE_WEB_REQUEST_PARSER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "query/search.h"

namespace gazette::web {

// Decoded query parameters in arrival order per name (same type as httplib::Params).
using QueryParams = std::multimap<std::string, std::string>;

// Builds the request for GET /api/search. Repeatable filters (topic, provider, site,
// category, type, lang, collection) may be given more than once; facets also takes a
// comma-separated list; empty values are ignored. `ranking` supplies the weights a
// request does not override. InvalidArgument names the parameter at fault
// ("per_page: must be between 1 and 100"), including unknown and repeated parameters.
Result<query::SearchRequest> ParseSearchRequest(const QueryParams& params,
                                                const query::Ranking& ranking,
                                                const query::Limits& limits);

// The `origin` parameter (the "now" of recency): a date, a date-time or seconds since
// the epoch. InvalidArgument naming "origin" otherwise.
Result<std::int64_t> ParseOrigin(const std::string& text);

// For the small endpoints: InvalidArgument unless every parameter is one of `allowed`
// and given at most once.
Status CheckParams(const QueryParams& params, const std::vector<std::string>& allowed);

// The optional `count` parameter: a whole number in 1..max_count, else `fallback`.
Result<int> ParseCount(const QueryParams& params, int fallback, int max_count);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_REQUEST_PARSER_H_
