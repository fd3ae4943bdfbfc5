// Checks that two responses to one request hold the same facet counts and date
// histogram: for comparing layouts of one index (shards, lanes).
#ifndef GAZETTE_TESTS_INTEGRATION_SAME_COUNTS_H_
#define GAZETTE_TESTS_INTEGRATION_SAME_COUNTS_H_

#include <catch2/catch.hpp>

#include "query/search.h"

namespace gazette::testing {

inline void CheckSameCounts(const query::SearchResponse& a, const query::SearchResponse& b) {
  REQUIRE(a.facets.size() == b.facets.size());
  for (const auto& [facet, values] : a.facets) {
    INFO("facet " << facet);
    REQUIRE(b.facets.count(facet) == 1);
    const auto& other = b.facets.at(facet);
    REQUIRE(values.size() == other.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      CHECK(values[i].value == other[i].value);
      CHECK(values[i].count == other[i].count);
    }
  }
  REQUIRE(a.date_histogram.size() == b.date_histogram.size());
  for (std::size_t i = 0; i < a.date_histogram.size(); ++i) {
    CHECK(a.date_histogram[i].key == b.date_histogram[i].key);
    CHECK(a.date_histogram[i].count == b.date_histogram[i].count);
  }
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_INTEGRATION_SAME_COUNTS_H_
