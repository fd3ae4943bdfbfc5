// A search split into two lanes (Limits::parallel_above) answers exactly like one
// match: the same page in the same order, scores, totals, facets and histogram, on one
// database and on a stub of two local shards.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/integration/same_counts.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

std::unique_ptr<query::Searcher> Open(const std::string& db, std::uint64_t parallel_above,
                                      std::uint64_t facet_sample_above) {
  query::Limits limits;
  limits.parallel_above = parallel_above;
  limits.facet_sample_above = facet_sample_above;
  limits.facet_sample_size = facet_sample_above;
  auto s = query::Searcher::Open(db, limits);
  REQUIRE(s.ok());
  return std::move(s).value();
}

// Words from rare to most frequent (so that some pages are decided within a tier and
// others by the full match), phrases, scopes, exclusions and filters, with recency
// inside the corpus or not, in every order, on the first and a later page.
std::vector<query::SearchRequest> Requests() {
  std::vector<query::SearchRequest> out;
  const std::vector<std::string> texts = {
      "cocoa",        "said",           "oil prices", "\"buffer stock\"", "\"the company\"",
      "title:coffee", "bank -interest", "year",       "trade OR tariff",  "market"};
  for (const std::string& text : texts) {
    for (const query::SortOrder sort : {query::SortOrder::kRelevance, query::SortOrder::kNewest,
                                        query::SortOrder::kOldest, query::SortOrder::kQuality}) {
      for (const int page : {1, 3}) {
        query::SearchRequest r;
        r.query = text;
        r.sort = sort;
        r.page = page;
        r.per_page = 10;
        out.push_back(r);
      }
    }
    query::SearchRequest recent;
    recent.query = text;
    recent.ranking.origin = 560000000;  // 1987-09-30: recency decides much
    for (const int per_page : {5, 50}) {
      for (const int page : {1, 4}) {
        recent.per_page = per_page;
        recent.page = page;
        out.push_back(recent);
      }
    }
    recent.per_page = 10;
    recent.page = 1;
    recent.facets = {"topic", "provider", "date"};
    out.push_back(recent);
    recent.collapse = false;
    recent.topics = {"earn", "acq"};
    recent.facets = {"topic"};
    out.push_back(recent);
  }
  query::SearchRequest browse;
  browse.topics = {"grain", "wheat"};
  browse.facets = {"topic", "date"};
  out.push_back(browse);
  return out;
}

// `exact`: one lane, every facet counted exactly.
void CheckSame(query::Searcher* one, query::Searcher* lanes, query::Searcher* exact,
               bool exact_counts) {
  int compared = 0;
  for (const auto& request : Requests()) {
    INFO("query: " << request.query << ", sort "
                   << (request.sort ? static_cast<int>(*request.sort) : -1) << ", page "
                   << request.page << ", facets " << request.facets.size());
    auto a = one->Search(request);
    auto b = lanes->Search(request);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(a->hits.size() == b->hits.size());
    for (std::size_t i = 0; i < a->hits.size(); ++i) {
      INFO("hit " << i);
      CHECK(a->hits[i].id == b->hits[i].id);
      CHECK(a->hits[i].score == b->hits[i].score);
      CHECK(a->hits[i].snippet_html == b->hits[i].snippet_html);
    }
    // Totals left to Xapian's estimates may be estimated otherwise (either way may
    // know more); an exact total is the count of every match.
    if (exact_counts && !request.facets.empty()) CHECK(b->total_exact);
    if (a->total_exact || b->total_exact) {
      query::SearchRequest count = request;
      count.facets = {"language"};
      auto counted = exact->Search(count);
      REQUIRE(counted.ok());
      REQUIRE(counted->total_exact);
      if (a->total_exact) CHECK(a->total == counted->total);
      if (b->total_exact) CHECK(b->total == counted->total);
    }
    CHECK(a->suggestion == b->suggestion);
    if (exact_counts) {
      CHECK(a->facets_exact == b->facets_exact);
      testing::CheckSameCounts(*a, *b);
    }
    if (!a->hits.empty()) ++compared;
  }
  // Most requests find something: the comparison is not vacuous.
  CHECK(compared * 10 >= static_cast<int>(Requests().size()) * 9);
}

TEST_CASE("Lanes: one Reuters database answers alike in one lane and in two") {
  const auto* index = testing::IndexOf("reuters");
  auto one = Open(index->db, 0, 0);
  auto lanes = Open(index->db, 1, 0);
  CheckSame(one.get(), lanes.get(), one.get(), true);
}

TEST_CASE("Lanes: sampled facets keep the page and exact totals of one lane") {
  const auto* index = testing::IndexOf("reuters");
  auto one = Open(index->db, 0, 2000);
  auto lanes = Open(index->db, 1, 2000);
  auto exact = Open(index->db, 0, 0);
  CheckSame(one.get(), lanes.get(), exact.get(), false);
}

TEST_CASE("Lanes: a stub of two local shards answers alike in one lane and in two") {
  const auto* index = testing::IndexOf("reuters", 2);
  auto one = Open(index->db, 0, 0);
  auto lanes = Open(index->db, 1, 0);
  CheckSame(one.get(), lanes.get(), one.get(), true);
}

}  // namespace
}  // namespace gazette
