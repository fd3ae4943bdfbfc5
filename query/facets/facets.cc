// Facet counts and the date histogram from value counts.
#include "query/facets/facets.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "base/dates.h"
#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

std::string IsoDay(const std::string& day) {
  return day.substr(0, 4) + "-" + day.substr(4, 2) + "-" + day.substr(6, 2);
}

// The value of the `n` digits of `s` from `at`, or -1 when one is not a digit.
int Digits(const std::string& s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::vector<Xapian::valueno> FacetSlots(const std::string& facet, int max_topics) {
  if (facet == "topic") {
    std::vector<Xapian::valueno> slots;
    for (int i = 0; i < std::max(1, max_topics); ++i) {
      slots.push_back(schema::kSlotTopicFirst + static_cast<Xapian::valueno>(i));
    }
    return slots;
  }
  if (facet == "provider") return {schema::kSlotProvider};
  if (facet == "category") return {schema::kSlotCategory};
  if (facet == "type") return {schema::kSlotType};
  if (facet == "language") return {schema::kSlotLanguage};
  if (facet == "collection") return {schema::kSlotCollection};
  return {};
}

std::vector<FacetValue> FacetValues(const ValueCounts& counts, std::uint64_t scale,
                                    const std::vector<std::string>& selected, std::size_t limit,
                                    indexer::Analyzer* analyzer) {
  // Merge by case-folded value; show the most frequent spelling.
  struct Tally {
    std::uint64_t count = 0;
    std::string shown;
    std::uint64_t shown_count = 0;
  };
  std::map<std::string, Tally> merged;
  for (const auto& [value, n] : counts) {
    Tally& t = merged[analyzer->Normalize(value)];
    t.count += n * scale;
    if (n > t.shown_count) {
      t.shown = value;
      t.shown_count = n;
    }
  }
  std::vector<FacetValue> out;
  for (const auto& [key, tally] : merged)
    out.push_back(FacetValue{tally.shown, tally.count, false});
  std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (out.size() > limit) out.resize(limit);
  for (const std::string& want : selected) {
    const std::string key = analyzer->Normalize(want);
    auto found = std::find_if(out.begin(), out.end(), [&](const FacetValue& v) {
      return analyzer->Normalize(v.value) == key;
    });
    if (found != out.end()) {
      found->selected = true;
      continue;
    }
    auto m = merged.find(key);
    out.push_back(FacetValue{m != merged.end() ? m->second.shown : want,
                             m != merged.end() ? m->second.count : 0, true});
  }
  return out;
}

std::size_t FacetLimit(const SearchRequest& request) {
  return request.facet_size > 0 ? static_cast<std::size_t>(request.facet_size) : SIZE_MAX;
}

std::vector<HistogramBucket> DateHistogram(const ValueCounts& days, std::uint64_t scale,
                                           std::string* interval) {
  // `days` is ordered by key, and YYYYMMDD keys sort by date.
  const std::string* first = nullptr;
  const std::string* last = nullptr;
  for (const auto& [day, n] : days) {
    if (day.size() != 8) continue;
    if (first == nullptr) first = &day;
    last = &day;
  }
  std::vector<HistogramBucket> out;
  if (first == nullptr) {
    *interval = "day";
    return out;
  }
  const int months = (Digits(*last, 0, 4) - Digits(*first, 0, 4)) * 12 + Digits(*last, 4, 2) -
                     Digits(*first, 4, 2);
  // Roughly more than two months of days: bucket by month.
  *interval = months >= 2 ? "month" : "day";
  for (const auto& [day, n] : days) {
    if (day.size() != 8) continue;
    if (months < 2) {
      out.push_back(HistogramBucket{IsoDay(day), n * scale});
    } else if (!out.empty() && out.back().key.compare(0, 4, day, 0, 4) == 0 &&
               out.back().key.compare(5, 2, day, 4, 2) == 0) {
      out.back().count += n * scale;
    } else {
      out.push_back(HistogramBucket{day.substr(0, 4) + "-" + day.substr(4, 2), n * scale});
    }
  }
  return out;
}

std::vector<HistogramBucket> RelativeDates(const ValueCounts& days, std::uint64_t scale,
                                           std::int64_t origin) {
  static constexpr std::pair<const char*, int> kWindows[] = {
      {"today", 1}, {"7d", 7}, {"30d", 30}, {"365d", 365}};
  std::vector<HistogramBucket> out;
  for (const auto& [key, n] : kWindows) out.push_back(HistogramBucket{key, 0});
  const std::int64_t origin_day = origin >= 0 ? origin / 86400 : (origin - 86399) / 86400;
  for (const auto& [day, n] : days) {
    if (day.size() != 8) continue;
    const int y = Digits(day, 0, 4), m = Digits(day, 4, 2), d = Digits(day, 6, 2);
    if (y < 0 || m < 1 || m > 12 || d < 0) continue;
    const std::int64_t age = origin_day - DaysFromCivil(y, m, d);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (age >= 0 && age < kWindows[i].second) out[i].count += n * scale;
    }
  }
  return out;
}

}  // namespace gazette::query
