// Facet counts from value counts per slot, and the date histogram (private to query/).
#ifndef GAZETTE_QUERY_FACETS_FACETS_H_
#define GAZETTE_QUERY_FACETS_FACETS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/analyzer.h"
#include "query/search.h"

namespace gazette::query {

// The value slots holding one facet's values (topics use several); empty for "date"
// and unknown names.
std::vector<Xapian::valueno> FacetSlots(const std::string& facet, int max_topics);

// Value -> number of matching articles holding it.
using ValueCounts = std::map<std::string, std::uint64_t>;

// One facet's values from its counts (summed over its slots) multiplied by `scale`
// (the inverse of the sampled share): merged over case-folded values (shown in their
// most frequent spelling), highest first (ties by value), at most `limit` values;
// every value in `selected` is present (count 0 when unmatched) and flagged.
std::vector<FacetValue> FacetValues(const ValueCounts& counts, std::uint64_t scale,
                                    const std::vector<std::string>& selected, std::size_t limit,
                                    indexer::Analyzer* analyzer);

// The most values FacetValues returns for `request` (SearchRequest::facet_size; 0: all).
std::size_t FacetLimit(const SearchRequest& request);

// Day counts ("YYYYMMDD" -> n) turned into a histogram by day, or by month when the
// days span more than 62 days. Sets *interval to "day" or "month". Counts are
// multiplied by `scale`.
std::vector<HistogramBucket> DateHistogram(const ValueCounts& days, std::uint64_t scale,
                                           std::string* interval);

// Day counts within calendar-day windows ending on the origin's day: "today", "7d",
// "30d", "365d", multiplied by `scale`.
std::vector<HistogramBucket> RelativeDates(const ValueCounts& days, std::uint64_t scale,
                                           std::int64_t origin);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_FACETS_FACETS_H_
