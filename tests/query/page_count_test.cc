// Totals without facets, counted by the page's own match or a counting match, equal the
// facets' exact count and the hits one can page through, on real Reuters articles.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using testing::TempDir;

// Every hit of `request` unfolded, page by page (at most Limits::max_page_depth).
std::uint64_t PagedHits(Searcher* searcher, SearchRequest request) {
  request.collapse = false;
  request.facets.clear();
  request.per_page = 100;
  std::uint64_t hits = 0;
  for (request.page = 1; request.page <= 10; ++request.page) {
    auto r = searcher->Search(request);
    REQUIRE(r.ok());
    hits += r->hits.size();
    if (r->hits.size() < 100) break;
  }
  return hits;
}

TEST_CASE("Totals without facets equal the facets' count and the hits paged through") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) FAIL("../shared/corpora is missing: cannot test");
  TempDir dir;
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  auto summary = indexer::IndexPaths({corpora + "/reuters/00", corpora + "/reuters/01",
                                      corpora + "/reuters/02", corpora + "/reuters/03"},
                                     options);
  REQUIRE(summary.ok());
  auto opened = Searcher::Open(options.db_path);
  REQUIRE(opened.ok());
  Searcher* searcher = opened->get();

  struct Case {
    std::string query;
    std::vector<std::string> topics;
    bool newest;
    MatchMode match;
  };
  constexpr auto kAuto = MatchMode::kAuto;
  const std::vector<Case> cases = {
      {"cocoa", {}, false, kAuto},
      {"\"cocoa prices\"", {}, false, kAuto},
      {"\"the company said\"", {}, false, kAuto},
      {"\"said it\"", {}, false, kAuto},
      {"oil prices", {}, false, kAuto},
      {"shares", {}, false, kAuto},
      {"bank rate", {}, true, kAuto},
      {"\"net loss\"", {}, true, kAuto},
      {"wheat", {"grain"}, false, kAuto},
      {"said", {"crude"}, false, kAuto},
      {"coffee sugar cocoa", {}, false, MatchMode::kAny},
      {"dividend OR payout", {}, false, kAuto},
  };
  int counted = 0, folded = 0;
  for (const Case& c : cases) {
    INFO(c.query);
    SearchRequest request;
    request.query = c.query;
    request.topics = c.topics;
    if (c.newest) request.sort = SortOrder::kNewest;
    request.ranking.match = c.match;
    auto plain = searcher->Search(request);
    REQUIRE(plain.ok());
    SearchRequest with_facets = request;
    with_facets.facets = {"topic"};
    auto faceted = searcher->Search(with_facets);
    REQUIRE(faceted.ok());
    REQUIRE(faceted->total_exact);
    for (const Hit& hit : plain->hits) folded += hit.duplicates;
    if (plain->total > 1000) continue;
    ++counted;
    CHECK(plain->total_exact);
    CHECK(plain->total == faceted->total);
    CHECK(PagedHits(searcher, request) == plain->total);
  }
  // Most cases are small enough to be counted, and some fold duplicates.
  CHECK(counted >= 8);
  CHECK(folded > 0);
}

}  // namespace
}  // namespace gazette::query
