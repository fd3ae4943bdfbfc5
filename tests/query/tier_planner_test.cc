// TierPlanner: the tiers of (publication day, quality band) cells, checked article by
// article against each article's quality + recency bound on hand-made databases.
#include <xapian.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "indexer/analysis/terms.h"
#include "indexer/schema.h"
#include "query/rank/ranking.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

constexpr std::int64_t kOrigin = 1767268800;  // 2026-01-01T12:00:00Z
constexpr double kEps = 1e-9;

// One article: its quality (-1: none) and its publication day ("": undated).
struct Article {
  int quality = -1;
  std::string day;
};

// "YYYYMMDD" of the day `days_back` days before kOrigin (negative: after it).
std::string DayBefore(int days_back) {
  const std::time_t t = static_cast<std::time_t>(kOrigin - std::int64_t{days_back} * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[9];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

// `count` articles from a fixed pseudo-random sequence: days skewed to the recent,
// some after the origin; `undated` and `unrated` in every this-many articles (0: none).
std::vector<Article> Articles(int count, std::uint32_t seed, int undated, int unrated) {
  std::vector<Article> out;
  std::uint32_t x = seed;
  auto next = [&x](std::uint32_t n) {
    x = x * 1664525u + 1013904223u;
    return (x >> 8) % n;
  };
  for (int i = 0; i < count; ++i) {
    Article a;
    a.quality = unrated > 0 && i % unrated == 0 ? -1 : static_cast<int>(next(101));
    if (undated == 0 || i % undated != 1) {
      const int back = static_cast<int>(next(30) * next(25)) - 3;  // -3 .. 693 days
      a.day = DayBefore(back);
    }
    out.push_back(a);
  }
  return out;
}

// A database with the quality band and day terms the indexer writes for `articles`
// (document i + 1 is articles[i]).
Xapian::WritableDatabase Build(const std::vector<Article>& articles, bool bands = true) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const Article& a : articles) {
    Xapian::Document doc;
    if (bands) {
      doc.add_boolean_term(a.quality < 0 ? std::string(schema::kPrefixQualityBand) + "n"
                                         : indexer::QualityBandTerm(a.quality));
    }
    if (!a.day.empty()) doc.add_boolean_term(schema::kPrefixDay + a.day);
    db.add_document(doc);
  }
  return db;
}

// The article's bound: its band's best quality weighted, plus its day's recency.
double Bound(const Ranking& ranking, const Article& a) {
  int best = 0;
  if (a.quality >= 0) {
    const int band = std::min(a.quality, 99) / 10;
    best = band == 9 ? 100 : band * 10 + 9;
  }
  const double recency = a.day.empty() ? 0 : RecencyWeight(ranking, a.day, kOrigin);
  return ranking.quality * best / 100.0 + (recency > kEps ? recency : 0);
}

std::set<Xapian::docid> Matching(const Xapian::Database& db, const Xapian::Query& filter) {
  Xapian::Enquire enquire(db);
  enquire.set_query(filter);
  std::set<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

struct Case {
  const char* name;
  Ranking ranking;
  std::vector<Article> articles;
};

std::vector<Case> Cases() {
  Ranking standard;  // quality 1, recency 2, half-life 30 days
  Ranking gaussian = standard;
  gaussian.decay = Decay::kGaussian;
  gaussian.half_life_days = 90;
  Ranking quality_only = standard;
  quality_only.recency = 0;
  Ranking recency_only = standard;
  recency_only.quality = 0;
  std::vector<Article> one_band = Articles(300, 11, 0, 0);
  for (Article& a : one_band) a.quality = 75;
  return {
      {"every article dated and rated", standard, Articles(400, 1, 0, 0)},
      {"undated and unrated articles", standard, Articles(400, 2, 7, 5)},
      {"gaussian decay", gaussian, Articles(400, 3, 9, 0)},
      {"quality only", quality_only, Articles(300, 4, 6, 8)},
      {"recency only", recency_only, Articles(300, 5, 0, 4)},
      {"one band", standard, one_band},
  };
}

TEST_CASE("Each tier holds every article its bound admits - and bounds the rest") {
  for (const Case& c : Cases()) {
    const Xapian::WritableDatabase db = Build(c.articles);
    const std::vector<PublicationDay> days = PublicationDays(db);
    const TierPlanner planner(c.ranking, days, QualityBands(db), db.get_doccount(), kOrigin);
    INFO(c.name);
    REQUIRE(planner.usable());
    double best = 0;
    for (const Article& a : c.articles) best = std::max(best, Bound(c.ranking, a));
    CHECK(planner.top() >= best - kEps);

    std::size_t last_cells = 0;
    double last_expected = 0;
    for (double depth : {0.0, 0.01, 0.05, 0.2, 0.5, 1.0, 1.7, 3.5}) {
      INFO("depth " << depth);
      const RankTier tier = planner.Cut(depth, SIZE_MAX);
      REQUIRE(tier.cells > 0);
      REQUIRE_FALSE(tier.filter.empty());
      const double t = planner.top() - depth;
      const std::set<Xapian::docid> in = Matching(db, tier.filter);
      for (Xapian::docid did = 1; did <= c.articles.size(); ++did) {
        const Article& a = c.articles[did - 1];
        const double bound = Bound(c.ranking, a);
        INFO("article " << did << " quality " << a.quality << " day " << a.day << " bound " << bound
                        << " threshold " << t);
        if (bound >= t + kEps) CHECK(in.count(did) == 1);
        if (in.count(did) == 0) CHECK(bound <= tier.outside_max + kEps);
        // Dated articles are let in by their cell alone.
        if (in.count(did) == 1 && !a.day.empty()) CHECK(bound >= t - kEps);
      }
      CHECK(tier.expected == Approx(planner.ExpectedWithin(depth)));
      CHECK(tier.cells >= last_cells);
      CHECK(tier.expected >= last_expected - kEps);
      last_cells = tier.cells;
      last_expected = tier.expected;
      // Without terms: the same cells, no filter.
      const RankTier counted = planner.Cut(depth, SIZE_MAX, false);
      CHECK(counted.cells == tier.cells);
      CHECK(counted.expected == Approx(tier.expected));
      CHECK(counted.filter.empty());
    }
    // The deepest tier takes in every cell: every dated article is expected in it.
    std::size_t dated = 0;
    for (const Article& a : c.articles) dated += a.day.empty() ? 0 : 1;
    CHECK(planner.ExpectedWithin(planner.top() + 1) == Approx(dated));
  }
}

TEST_CASE("A tier's expected size assumes days and bands independent") {
  // 2 bands x 2 days, each day and band holding half the articles: every cell is
  // expected to hold a quarter of them, whatever the articles' real spread.
  const std::string today = DayBefore(0), old = DayBefore(400);
  const std::vector<Article> articles = {{95, today}, {95, today}, {15, old}, {15, old}};
  const Xapian::WritableDatabase db = Build(articles);
  Ranking ranking;
  const std::vector<PublicationDay> days = PublicationDays(db);
  const TierPlanner planner(ranking, days, QualityBands(db), 4, kOrigin);
  REQUIRE(planner.usable());
  // Cell bounds: 1.0 + 2.0 (band 9, today), 0.19 + 2.0, 1.0 + ~0, 0.19 + ~0.
  CHECK(planner.top() == Approx(3.0));
  const RankTier top = planner.Cut(0, SIZE_MAX);
  CHECK(top.cells == 1);
  CHECK(top.expected == Approx(1.0));
  CHECK(top.outside_max == Approx(2.19));
  CHECK(planner.Cut(0.9, SIZE_MAX).expected == Approx(2.0));
  CHECK(planner.Cut(2.0, SIZE_MAX).expected == Approx(3.0));
  CHECK(planner.Cut(2.9, SIZE_MAX).expected == Approx(4.0));
  CHECK(Matching(db, top.filter) == std::set<Xapian::docid>{1, 2});
}

TEST_CASE("DepthFor gives the smallest depth expected to hold that many articles") {
  for (const Case& c : Cases()) {
    const Xapian::WritableDatabase db = Build(c.articles);
    const std::vector<PublicationDay> days = PublicationDays(db);
    const TierPlanner planner(c.ranking, days, QualityBands(db), db.get_doccount(), kOrigin);
    INFO(c.name);
    REQUIRE(planner.usable());
    for (double want : {1.0, 10.0, 50.0, 0.5 * db.get_doccount()}) {
      INFO("want " << want);
      const double depth = planner.DepthFor(want);
      CHECK(planner.ExpectedWithin(depth) >= want - kEps);
      CHECK(planner.ExpectedWithin(depth - 1e-6) < want);
    }
  }
}

TEST_CASE("A tier that needs more day terms than allowed has no filter") {
  const Case c = Cases().front();
  const Xapian::WritableDatabase db = Build(c.articles);
  const std::vector<PublicationDay> days = PublicationDays(db);
  const TierPlanner planner(c.ranking, days, QualityBands(db), db.get_doccount(), kOrigin);
  REQUIRE(planner.usable());
  const double depth = planner.DepthFor(0.5 * db.get_doccount());
  REQUIRE_FALSE(planner.Cut(depth, SIZE_MAX).filter.empty());
  const RankTier limited = planner.Cut(depth, 2);
  CHECK(limited.cells == 0);
  CHECK(limited.filter.empty());
}

TEST_CASE("No tiers without bands on every article or without quality and recency weights") {
  const std::vector<Article> articles = Articles(50, 7, 0, 0);
  Ranking flat;
  flat.quality = 0;
  flat.recency = 0;
  Xapian::WritableDatabase partly = Build(articles);
  partly.add_document(Xapian::Document());  // an article without a band term
  struct Unusable {
    const char* name;
    Xapian::WritableDatabase db;
    Ranking ranking;
  };
  for (const Unusable& u : {Unusable{"an index without bands", Build(articles, false), Ranking()},
                            Unusable{"an article without a band", partly, Ranking()},
                            Unusable{"no quality or recency weight", Build(articles), flat}}) {
    INFO(u.name);
    const std::vector<PublicationDay> days = PublicationDays(u.db);
    const TierPlanner planner(u.ranking, days, QualityBands(u.db), u.db.get_doccount(), kOrigin);
    CHECK_FALSE(planner.usable());
    const RankTier tier = planner.Cut(1.0, SIZE_MAX);
    CHECK(tier.cells == 0);
    CHECK(tier.filter.empty());
    CHECK(planner.ExpectedWithin(1.0) == 0);
  }
}

}  // namespace
}  // namespace gazette::query
