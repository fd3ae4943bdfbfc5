// Facet counting with Xapian's ValueCountMatchSpy, one spy per value slot, so counts
// run unchanged on remote shards (private to query/).
#ifndef GAZETTE_QUERY_FACETS_H_
#define GAZETTE_QUERY_FACETS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analyzer.h"
#include "query/search.h"

namespace gazette::query {

// The value slots holding one facet's values (topics use several); empty for "date"
// and unknown names.
std::vector<Xapian::valueno> FacetSlots(const std::string& facet, int max_topics);

// Spies for one facet: Attach() to an Enquire, read Values() after get_mset().
class FacetCounter {
 public:
  FacetCounter(std::string facet, const std::vector<Xapian::valueno>& slots);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  const std::string& facet() const { return facet_; }
  void Attach(Xapian::Enquire* enquire);
  // Counts are multiplied by `scale` (the inverse of the sampled share).
  void set_scale(std::uint64_t scale) { scale_ = scale; }

  // Counts merged over the facet's slots, highest first (ties by value), at most
  // `limit` values; every value in `selected` is present (count 0 when unmatched)
  // and flagged. Values compare case-folded.
  std::vector<FacetValue> Values(const std::vector<std::string>& selected, std::size_t limit,
                                 indexer::Analyzer* analyzer) const;

 private:
  std::string facet_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
  std::uint64_t scale_ = 1;
};

// Day counts ("YYYYMMDD" -> n) turned into a histogram by day, or by month when the
// days span more than 62 days. Sets *interval to "day" or "month". Counts are
// multiplied by `scale`.
std::vector<HistogramBucket> DateHistogram(const Xapian::ValueCountMatchSpy& days,
                                           std::uint64_t scale, std::string* interval);

// Counts of the day spy within calendar-day windows ending on the origin's day:
// "today", "7d", "30d", "365d", multiplied by `scale`.
std::vector<HistogramBucket> RelativeDates(const Xapian::ValueCountMatchSpy& days,
                                           std::uint64_t scale, std::int64_t origin);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_FACETS_H_
