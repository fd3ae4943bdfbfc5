// QueryPlan: what a search request asks for, in Xapian's terms: the parsed text, the
// filters, the order, the recency origin and the words to highlight. Building one
// reads nothing but what the parser needs (wildcard expansion); it is a value, used
// by one thread (private to query/).
#ifndef GAZETTE_QUERY_PLAN_QUERY_PLAN_H_
#define GAZETTE_QUERY_PLAN_QUERY_PLAN_H_

#include <xapian.h>

#include <cstdint>
#include <string>

#include "query/assemble/snippets.h"
#include "query/plan/filters.h"
#include "query/plan/query_parser.h"
#include "query/search.h"

namespace gazette::query {

// A share of a match by document id (lanes.h): index of count.
struct Lane {
  int index = 0;
  int count = 1;
};

struct QueryPlan {
  ParsedQuery parsed;
  bool browsing = false;  // no scored text: the filters are browsed
  SortOrder sort = SortOrder::kRelevance;
  std::int64_t origin = 0;  // "now" for recency, seconds since epoch
  // The scored text; a match of every article (not Query::MatchAll, whose shared
  // reference count is not atomic) when browsing.
  Xapian::Query text;
  Xapian::Query scored;    // `text` with the ranking's field weights (field_weights.h)
  RequestFilters filters;  // the request's and the text's scopes (selected values)
  MatchTerms terms;        // stemmed words of the text, for highlighting
  bool relaxed = false;    // no article had every word: `text` is the relaxed query
};

// The plan of `request` parsed by `parser`; `now` is the origin unless the request's
// ranking sets one. `relax`: MatchMode::kAuto may relax a short query that matches
// nothing in the parser's database (matching.h); false keeps every word, for queries
// kept beyond one search (saved searches), whose answer must not depend on the index
// at the time they were parsed.
QueryPlan PlanQuery(const SearchRequest& request, QueryParser* parser, indexer::Analyzer* analyzer,
                    std::int64_t now, bool relax = true);

// `base` filtered as the plan says: every filter but the one of facet `skip` ("" keeps
// all), the text's scopes and exclusions, and, for a share of several lanes, the
// lane's share of the document ids.
Xapian::Query Filtered(const QueryPlan& plan, const Xapian::Query& base, const std::string& skip,
                       Lane lane = {});

// How many times a plain candidate's cost a phrase's candidate costs (its positions
// are checked): tiers and samples of positional queries are sized by it.
inline constexpr double kPositionalCost = 8;

// Whether `q` holds a phrase or a NEAR group.
bool Positional(const Xapian::Query& q);

// `q` with each phrase and NEAR group turned into an AND of its parts: the candidates
// whose positions the phrase checks.
Xapian::Query WithoutPositions(const Xapian::Query& q);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_QUERY_PLAN_H_
