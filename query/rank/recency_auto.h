// Query-adaptive recency: how much recency weighs in one search, from how its matches
// are spread in time against the index's own articles (private to query/;
// docs/ranking.md).
#ifndef GAZETTE_QUERY_RANK_RECENCY_AUTO_H_
#define GAZETTE_QUERY_RANK_RECENCY_AUTO_H_

#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/search.h"

namespace gazette::query {

// The recent window and the baseline before it, in days before the plan's origin.
inline constexpr int kRecentDays = 7;
inline constexpr int kBaselineDays = 90;
// Fewer recent matches than this say nothing: the query is taken as evergreen.
inline constexpr std::uint64_t kMinRecentMatches = 3;
// The recent rate, against the baseline's, at which recency weighs in full.
inline constexpr double kFullBurstRatio = 8;

// The recency weight for `plan` under `ranking`. Automatic (ranking.recency_auto, a
// relevance order and a text query): the plan's matches in the last kRecentDays and in
// the kBaselineDays before are counted, each divided by the index's articles in the
// same days; the ratio r of the two rates gives the factor clamp(log2 r / log2
// kFullBurstRatio, 0, 1) of ranking.recency: 0 for an evergreen query (flat, or too few
// recent matches), 1 for a burst. Otherwise ranking.recency as given. Throws
// Xapian::Error.
RecencyChoice ChooseRecency(const IndexView& view, const QueryPlan& plan, const Ranking& ranking);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_RECENCY_AUTO_H_
