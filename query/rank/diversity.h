// Provider diversity: at most N hits of one provider on the first page, the rest of
// the ranking unchanged behind it (private to query/).
#ifndef GAZETTE_QUERY_RANK_DIVERSITY_H_
#define GAZETTE_QUERY_RANK_DIVERSITY_H_

#include <vector>

#include "query/index/index_view.h"
#include "query/rank/lanes.h"
#include "query/search.h"

namespace gazette::query {

// The request to match instead of `request` when its ranking caps providers: the first
// page, deep enough to fill the first page under the cap and to reach the end of the
// asked page behind it. Unchanged when there is no cap.
SearchRequest DiversityWindow(const SearchRequest& request);

// Cuts the asked page out of `ranked` (the ranking of DiversityWindow's request, best
// first): the first page takes, in order, hits whose provider has fewer than
// max_per_provider on it, filled up in order when too few remain; later pages follow
// the rest of the ranking in order. Nothing is lost: every hit is on exactly one page.
// Throws Xapian::Error.
void CapProviders(const IndexView& view, const SearchRequest& request, std::vector<Ranked>* ranked);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_DIVERSITY_H_
