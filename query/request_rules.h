// The rules a request to the Searcher must follow, in one place for every caller: the
// web layer checks what it parsed with them, and the Searcher checks every request
// with them again. Each failure is InvalidArgument naming the request field at fault.
#ifndef GAZETTE_QUERY_REQUEST_RULES_H_
#define GAZETTE_QUERY_REQUEST_RULES_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "query/search.h"

namespace gazette::query {

// Completions one Suggest call returns at most.
inline constexpr int kMaxSuggestions = 20;

// Facet names understood by SearchRequest::facets.
const std::vector<std::string>& FacetNames();

// Parses SearchRequest::facet_size: a positive number, or "all" (0).
Result<int> ParseFacetSize(const std::string& text);

// Parses "relevance", "newest", "oldest", "quality".
Result<SortOrder> ParseSortOrder(const std::string& text);

// "match": auto, all or any (MatchMode).
Result<MatchMode> ParseMatchMode(const std::string& text);

// "recency": "auto" (true) or "fixed" (false): Ranking::recency_auto.
Result<bool> ParseRecencyMode(const std::string& text);

// "max_per_provider" is at most this (0: no cap).
inline constexpr int kMaxPerProvider = 100;

// "q": query text of at most Limits::max_query_bytes.
Status CheckQueryText(const std::string& text, const Limits& limits);

// "facets": a name from FacetNames().
Status CheckFacet(const std::string& name);

// `field`: a count of results in 1..`most`.
Status CheckCount(const std::string& field, long long count, long long most);

// Every field of a search request: query length, paging within the limits, quality
// range, date order, story id, facet names, ranking weights and provider cap.
Status CheckSearchRequest(const SearchRequest& request, const Limits& limits);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_REQUEST_RULES_H_
