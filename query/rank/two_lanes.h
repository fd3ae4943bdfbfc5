// Two lanes: a search of a large local database split over two threads by document
// id, when the caller's load leaves a core idle (private to query/).
#ifndef GAZETTE_QUERY_RANK_TWO_LANES_H_
#define GAZETTE_QUERY_RANK_TWO_LANES_H_

#include <functional>

#include "indexer/analysis/analyzer.h"
#include "query/index/index_view.h"
#include "query/rank/match.h"
#include "query/search.h"

namespace gazette::query {

// A view and the analyzer that reads it: what one thread searches with.
struct Reader {
  IndexView view;
  indexer::Analyzer analyzer;
};

// Whether a search of `main` runs in two lanes, the second on `second`: local shards, a
// database larger than Limits::parallel_above, a core idle (no more searches running
// than half the cores, none waiting, by `load`), and `second` on the same revision
// (reopened when behind). Throws nothing.
bool UseLanes(const Reader& main, Reader* second, const Limits& limits, const Load& load);

// Matches a lane's share of a search on one reader; `floor` is shared by the lanes.
using LaneMatch = std::function<Matched(Reader& reader, Lane lane, PageFloor* floor)>;

// Runs lane 0 on `main` in this thread and lane 1 on `second` in another, and merges
// what they found; in one lane on `main` when no thread is to spare. Rethrows what a
// lane throws.
Matched MatchInLanes(Reader* main, Reader* second, const SearchRequest& request,
                     const LaneMatch& match);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_TWO_LANES_H_
