// The match of a search: one lane's share ranked (the page, or the lane's best up to
// its end), its total and facets; and the merge of several lanes' (private to query/).
#ifndef GAZETTE_QUERY_RANK_MATCH_H_
#define GAZETTE_QUERY_RANK_MATCH_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "query/facets/facet_count.h"
#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/rank/lanes.h"
#include "query/search.h"

namespace gazette::query {

// What a lane found: its ranking (the page itself in a single lane, else the lane's
// best up to the end of the page), totals and value counts.
struct Matched {
  SearchResponse response;  // notices, totals, suggestion
  std::vector<Ranked> ranked;
  FacetTally tally;
  bool tiered = false;               // no facets, ranked within a tier: total estimated
  std::uint64_t whole_estimate = 0;  // lane 0 of several, tiered: the whole match's
  // Lane 0, when its total is not exact and was not estimated from a tier (facets
  // count it): the whole match's size when Xapian's bounds meet without matching
  // (every article, one term and its filters), else unset.
  std::optional<std::uint64_t> known_total;
};

// Matches `lane`'s share of the plan. `floor` is shared by the lanes of a search
// (RankBestFirst); null in a single lane. Throws Xapian::Error.
Matched MatchLane(const IndexView& view, const Limits& limits, const SearchRequest& request,
                  const QueryPlan& plan, Lane lane, PageFloor* floor = nullptr);

// Merges the lanes' findings (lanes[0] carries the parse and suggestion) into one.
Matched MergeLanes(const SearchRequest& request, std::vector<Matched> lanes);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_MATCH_H_
