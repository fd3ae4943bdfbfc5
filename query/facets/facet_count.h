// Facet counting: the values of a match's facets and its total, counted in a match of
// their own without ranking: exactly when the match holds at most
// Limits::facet_sample_above articles, else on a uniform sample (private to query/).
#ifndef GAZETTE_QUERY_FACETS_FACET_COUNT_H_
#define GAZETTE_QUERY_FACETS_FACET_COUNT_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/rank/lanes.h"
#include "query/search.h"

namespace gazette::query {

// The facets and total of one lane's share of a match.
struct FacetTally {
  std::map<std::string, SampledCounts> facets;  // by facet name
  SampledCounts days;                           // the "date" facet's day counts
  bool want_days = false;
  std::uint64_t total = 0;  // matching articles, scaled when sampled
  bool total_exact = true;
  bool exact = true;  // false when any count was made on a sample
  // A phrase's matches, counted one by one when few: the page's match need not check
  // their positions again. Null otherwise.
  std::shared_ptr<KnownDocids::ByShard> known;
};

// Counts the facets `request` asks for, and the total, over `lane`'s share of the
// plan's matches. `counted` holds the statistics of the filtered, unranked text query.
// Throws Xapian::Error.
FacetTally CountFacets(const IndexView& view, const Limits& limits, const SearchRequest& request,
                       const QueryPlan& plan, Lane lane, const LazyStatistics& counted);

// Value slot -> the counts its values add to.
using SlotSinks = std::vector<std::pair<Xapian::valueno, ValueCounts*>>;

// Counts the matches of `query` and, among them, the values of each slot into its
// sink: from value columns (`columns`), else with Xapian's value-count spies, which
// also run on remote shards. With `keep` and columns, *keep gets the ids of the
// matches when there are at most a bounded number, else stays null.
std::uint64_t CountMatches(const IndexView& view, const Limits& limits, const Xapian::Query& query,
                           const SlotSinks& slots, bool columns,
                           std::shared_ptr<KnownDocids::ByShard>* keep = nullptr);

// The sample level (schema::kSampleLevels) to count `estimate` matches on: 0 (all of
// them) up to Limits::facet_sample_size / cost, else the finest level whose sample is
// expected to hold no more than that. 0 when the index has no samples or
// Limits::facet_sample_above is 0. Callers count exactly whatever may hold no more than
// facet_sample_above articles.
int SampleLevel(const IndexFacts& facts, const Limits& limits, double estimate, double cost = 1);

// The coarsest level finer than `level` whose sample is expected to hold a minimum of
// matches, given `found` at `level`; 0 when none is.
int FinerLevel(int level, std::uint64_t found);

// `query` restricted to the sample of level `level`.
Xapian::Query Sampled(const Xapian::Query& query, int level);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_FACETS_FACET_COUNT_H_
