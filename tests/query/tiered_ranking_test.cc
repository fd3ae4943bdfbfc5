// Ranking the articles with the best quality and recency bounds first gives exactly
// the pages a full match gives.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "indexer/analyzer.h"
#include "indexer/indexer.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;

std::unique_ptr<Searcher> Open(const std::string& db, bool tier) {
  Limits limits;
  limits.tiered_ranking = tier;
  limits.tier_min_matches = 0;  // a small corpus: tier every query
  auto opened = Searcher::Open(db, limits);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

std::vector<std::string> Ids(const SearchResponse& r) {
  std::vector<std::string> ids;
  for (const Hit& h : r.hits) ids.push_back(h.id);
  return ids;
}

TEST_CASE("The tier returns the same pages as a full match on a generated corpus") {
  // 3,000 generated articles: quality around 50, dates skewed to the newest, Zipf
  // topics; the generator's matching queries (frequent and rare words, phrases).
  TempDir dir;
  corpus::GeneratorOptions gen;
  gen.count = 3000;
  gen.out_dir = dir.Sub("corpus");
  gen.format = corpus::GeneratedFormat::kJsonLines;
  gen.mean_words = 120;
  gen.queries = 150;
  gen.queries_out = dir.Sub("queries.txt");
  REQUIRE(corpus::GenerateCorpus(gen).ok());
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  REQUIRE(indexer::IndexPaths({dir.Sub("corpus")}, options).ok());
  auto tiered = Open(dir.Sub("db"), true);
  auto full = Open(dir.Sub("db"), false);

  std::vector<std::string> queries{""};
  std::ifstream in(dir.Sub("queries.txt"));
  for (std::string line; std::getline(in, line);) queries.push_back(line);
  REQUIRE(queries.size() > 100);

  // The generated dates end on 2024-12-31: an origin just after (recency decides
  // much), and one two years on (recency is negligible, quality decides).
  constexpr std::int64_t kJustAfter = 1735776000;   // 2025-01-02
  constexpr std::int64_t kYearsAfter = 1798761600;  // 2027-01-01
  int decided_by_tier = 0;
  for (const std::string& q : queries) {
    for (std::int64_t origin : {kJustAfter, kYearsAfter}) {
      for (int page : {1, 4}) {
        for (auto [quality, recency] : {std::pair{1.0, 2.0}, std::pair{4.0, 0.5}}) {
          SearchRequest request;
          request.query = q;
          request.sort = SortOrder::kRelevance;
          request.per_page = 10;
          request.page = page;
          request.ranking.origin = origin;
          request.ranking.quality = quality;
          request.ranking.recency = recency;
          auto a = tiered->Search(request);
          auto b = full->Search(request);
          REQUIRE(a.ok());
          REQUIRE(b.ok());
          INFO("query '" << q << "' page " << page << " origin " << origin << " quality "
                         << quality);
          CHECK(Ids(*a) == Ids(*b));
          for (std::size_t i = 0; i < a->hits.size() && i < b->hits.size(); ++i) {
            CHECK(a->hits[i].score == Approx(b->hits[i].score));
          }
          if (!a->total_exact && b->total_exact) ++decided_by_tier;
        }
      }
    }
  }
  INFO("pages decided by the tier: " << decided_by_tier);
  CHECK(decided_by_tier >= 15);
}

}  // namespace
}  // namespace gazette::query
