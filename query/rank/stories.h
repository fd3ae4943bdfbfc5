// Story clusters on a results page: each hit's story, and for a hit that folded other
// articles of its story, how many and from which providers (private to query/).
#ifndef GAZETTE_QUERY_RANK_STORIES_H_
#define GAZETTE_QUERY_RANK_STORIES_H_

#include <vector>

#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/rank/lanes.h"
#include "query/search.h"

namespace gazette::query {

// The story of each of `ranked`, in order. For a hit that folded others (collapsed > 0),
// the story's other articles matching the plan (text and filters) on the days a story
// spans are counted and their providers listed; `more` is at least what the match
// folded. Throws Xapian::Error.
std::vector<Story> StoriesOf(const IndexView& view, const QueryPlan& plan,
                             const std::vector<Ranked>& ranked);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_STORIES_H_
