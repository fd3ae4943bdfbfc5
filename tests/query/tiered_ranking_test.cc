// Ranking the articles with the best quality and recency bounds first gives exactly
// the pages a full match gives.
#include <xapian.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "indexer/analysis/analyzer.h"
#include "indexer/indexer.h"
#include "query/rank/ranking.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;

// `lanes`: every search in two lanes (Limits::parallel_above), else in one.
std::unique_ptr<Searcher> Open(const std::string& db, bool tier, bool lanes = false) {
  Limits limits;
  limits.tiered_ranking = tier;
  limits.parallel_above = lanes ? 1 : 0;
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

// Generates `count` articles of about `mean_words` words (and `queries` matching
// queries, in queries.txt) in `dir` and indexes them into dir/db.
void GenerateAndIndex(const TempDir& dir, std::uint64_t count, int mean_words,
                      std::uint64_t queries) {
  corpus::GeneratorOptions gen;
  gen.count = count;
  gen.out_dir = dir.Sub("corpus");
  gen.format = corpus::GeneratedFormat::kJsonLines;
  gen.mean_words = mean_words;
  gen.queries = queries;
  if (queries > 0) gen.queries_out = dir.Sub("queries.txt");
  REQUIRE(corpus::GenerateCorpus(gen).ok());
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  REQUIRE(indexer::IndexPaths({dir.Sub("corpus")}, options).ok());
}

TEST_CASE("The tier returns the same pages as a full match on a generated corpus") {
  // In one lane, and in two lanes whose tiers share the page's floor (PageFloor).
  // 3,000 generated articles: quality around 50, dates skewed to the newest, Zipf
  // topics; the generator's matching queries (frequent and rare words, phrases).
  TempDir dir;
  GenerateAndIndex(dir, 3000, 120, 150);
  auto tiered = Open(dir.Sub("db"), true);
  auto full = Open(dir.Sub("db"), false);
  auto lanes = Open(dir.Sub("db"), true, true);

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
          auto c = lanes->Search(request);
          REQUIRE(a.ok());
          REQUIRE(b.ok());
          REQUIRE(c.ok());
          INFO("query '" << q << "' page " << page << " origin " << origin << " quality "
                         << quality);
          CHECK(Ids(*a) == Ids(*b));
          CHECK(Ids(*c) == Ids(*b));
          for (std::size_t i = 0; i < a->hits.size() && i < b->hits.size(); ++i) {
            CHECK(a->hits[i].score == Approx(b->hits[i].score));
          }
          for (std::size_t i = 0; i < c->hits.size() && i < b->hits.size(); ++i) {
            CHECK(c->hits[i].score == Approx(b->hits[i].score));
          }
          if (!a->total_exact && b->total_exact) ++decided_by_tier;
        }
      }
    }
  }
  INFO("pages decided by the tier: " << decided_by_tier);
  CHECK(decided_by_tier >= 15);
}

// The docids `query` matches on `db`.
std::set<Xapian::docid> Matching(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::set<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

TEST_CASE("A tier read from value columns holds every article of the same tier in terms") {
  TempDir dir;
  GenerateAndIndex(dir, 1500, 40, 0);
  Xapian::Database db(dir.Sub("db"));
  const auto days = PublicationDays(db);
  const auto bands = QualityBands(db);

  int compared = 0;
  for (std::int64_t origin : {1735776000, 1798761600}) {  // 2025-01-02, 2027-01-01
    Ranking ranking;
    ranking.quality = 1.0;
    ranking.recency = 2.0;
    const TierPlanner planner(ranking, days, bands, db.get_doccount(), origin);
    REQUIRE(planner.usable());
    for (double depth : {0.0, 0.05, 0.2, 0.5, 1.0, 1.5, 2.5}) {
      INFO("origin " << origin << " depth " << depth);
      const RankTier tier = planner.Cut(depth, SIZE_MAX);
      if (tier.filter.empty()) continue;
      const std::set<Xapian::docid> in_terms = Matching(db, tier.filter);
      const std::set<Xapian::docid> in_columns =
          Matching(db, ColumnTier(ranking, origin, planner.top() - depth - 1e-9, tier.expected));
      for (Xapian::docid did : in_terms) CHECK(in_columns.count(did) == 1);
      // Every article left out is bounded by the tier's outside bound.
      for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
        if (in_columns.count(did)) continue;
        const Xapian::Document doc = db.get_document(did);
        const std::string q = doc.get_value(1);
        const int band =
            q.empty() ? -1 : std::min(99, static_cast<int>(Xapian::sortable_unserialise(q))) / 10;
        const double band_bound =
            band < 0 ? 0 : ranking.quality * (band == 9 ? 100 : band * 10 + 9) / 100.0;
        const double recency = RecencyWeight(ranking, doc.get_value(2), origin);
        CHECK(band_bound + (recency > 1e-9 ? recency : 0) <= tier.outside_max + 1e-9);
      }
      ++compared;
    }
  }
  CHECK(compared >= 8);
}

}  // namespace
}  // namespace gazette::query
