// Ranking best-first: relevance order with quality and recency evaluated on the
// articles with the best quality and recency bounds first, when that provably gives
// the page a full match gives (docs/ranking.md) (private to query/).
#ifndef GAZETTE_QUERY_RANK_TIERS_H_
#define GAZETTE_QUERY_RANK_TIERS_H_

#include <xapian.h>

#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/rank/lanes.h"
#include "query/search.h"

namespace gazette::query {

// The page to rank: `per_page` hits from `first`, of `lane`'s share of the match.
struct PageWindow {
  Xapian::doccount first = 0;
  Xapian::doccount per_page = 0;
  Lane lane;
};

// Ranks the articles with the largest quality + recency bounds (a TierPlanner tier of
// day and band cells) first. When the last hit of the page there outweighs anything an
// article outside could score (the text bound plus the tier's outside bound), the page
// is exactly the one a full match gives, and *out gets it. `enquire` is set up for
// `query` (collapse, time limit) and gets it back. `counted` holds the statistics of
// the unranked text query: its weight bound is the text part's. In a lane, `floor` is
// shared by the lanes: the ranking then holds every article of the share that can make
// the merged page, though not always a full page. False when no tier decides the page.
// Throws Xapian::Error.
bool RankBestFirst(const IndexView& view, const Limits& limits, const SearchRequest& request,
                   const QueryPlan& plan, const LazyStatistics& counted, Xapian::Enquire* enquire,
                   const Xapian::Query& query, PageWindow page, PageFloor* floor,
                   Xapian::MSet* out);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_TIERS_H_
