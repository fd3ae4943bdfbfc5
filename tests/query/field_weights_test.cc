// Field weights and BM25 parameters: the scored query they make, and what they do to a
// ranking on a scratch database.
#include "query/plan/field_weights.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/schema.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using testing::TempDir;

TEST_CASE("Field weights: the scored query for each setting") {
  const Xapian::Query text(Xapian::Query::OP_AND, Xapian::Query("oil"), Xapian::Query("price"));
  struct Row {
    FieldWeights weights;
    std::string want;  // Xapian's description of the scored query
  };
  const Row rows[] = {
      {{0, 1, 0, 0}, "Query((oil AND price))"},
      {{0, 2, 0, 0}, "Query(2 * (oil AND price))"},
      {{1, 1, 0, 0}, "Query(((oil AND price) AND_MAYBE (Soil OR Sprice)))"},
      {{0.5, 1, 0, 0}, "Query(((oil AND price) AND_MAYBE 0.5 * (Soil OR Sprice)))"},
      {{3, 0, 0, 0}, "Query((0 * (oil AND price) AND_MAYBE 3 * (Soil OR Sprice)))"},
      {{0, 1, 0, 1},
       "Query(((oil AND price) AND_MAYBE ((oil FILTER XKoil) OR (price FILTER XKprice))))"},
      {{0, 1, 2, 0},
       "Query(((oil AND price) AND_MAYBE 2 * ((oil FILTER XAoil) OR (price FILTER XAprice))))"},
      {{1, 1, 0.5, 0.25},
       "Query(((oil AND price) AND_MAYBE ((Soil OR Sprice) OR 0.25 * ((oil FILTER XKoil) OR "
       "(price FILTER XKprice)) OR 0.5 * ((oil FILTER XAoil) OR (price FILTER XAprice)))))"},
  };
  for (const Row& row : rows) {
    CHECK(WeighFields(text, row.weights).get_description() == row.want);
  }
  // Prefixed terms (filters, bigrams) get no field part.
  const Xapian::Query scoped(Xapian::Query::OP_FILTER, Xapian::Query("oil"),
                             Xapian::Query("Kenergy"));
  CHECK(WeighFields(scoped, {1, 1, 0, 0}).get_description() ==
        "Query(((oil FILTER Kenergy) AND_MAYBE Soil))");
  CHECK(WeighFields(Xapian::Query(), {1, 1}).empty());
}

TEST_CASE("The text alone: body 1, the others 0 (the defaults)") {
  CHECK(TextAlone(FieldWeights{}));
  CHECK(TextAlone(FieldWeights{0, 1, 0, 0}));
  CHECK_FALSE(TextAlone(FieldWeights{0.1, 1, 0, 0}));
  CHECK_FALSE(TextAlone(FieldWeights{0, 2, 0, 0}));
  CHECK_FALSE(TextAlone(FieldWeights{0, 1, 0.5, 0}));
  CHECK_FALSE(TextAlone(FieldWeights{0, 1, 0, 0.5}));
  CHECK_FALSE(FieldWordsAsked(FieldWeights{}));
  CHECK_FALSE(FieldWordsAsked(FieldWeights{2, 0.5}));  // title and body need no marks
  CHECK(FieldWordsAsked(FieldWeights{0, 1, 0, 1}));
  CHECK(FieldWordsAsked(FieldWeights{0, 1, 1, 0}));
}

TEST_CASE("Indexes without marked topic and excerpt words: a notice when they are weighed") {
  const FieldWeights defaults;
  const FieldWeights topics{0, 1, 0, 2};
  CHECK_FALSE(FieldWordsNotice(true, true, topics));
  CHECK_FALSE(FieldWordsNotice(false, false, defaults));
  CHECK_FALSE(FieldWordsNotice(false, true, defaults));
  const auto none = FieldWordsNotice(false, false, topics);
  REQUIRE(none);
  CHECK_THAT(*none, Catch::Contains("w_topics and w_excerpt change nothing on this index"));
  CHECK_THAT(*none, Catch::Contains("reindex"));
  const auto some = FieldWordsNotice(false, true, FieldWeights{0, 1, 1, 0});
  REQUIRE(some);
  CHECK_THAT(*some, Catch::Contains("only the articles of shards indexed with field words"));
}

// The database of `lines` (JSON Lines articles) in `dir`, written with topic and excerpt
// word marks (index.field_words).
std::string IndexMarked(const TempDir& dir, const std::string& lines) {
  dir.Write("in/a.jsonl", lines);
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  options.field_words = true;
  REQUIRE(indexer::IndexPaths({dir.Sub("in")}, options).ok());
  return options.db_path;
}

// Ids of the hits of `q` on `db` under `ranking`.
std::vector<std::string> Ranked(const std::string& db, const std::string& q, Ranking ranking) {
  auto searcher = Searcher::Open(db);
  REQUIRE(searcher.ok());
  SearchRequest r;
  r.query = q;
  r.collapse = false;  // the test articles share most of their text: one story
  ranking.quality = 0;
  ranking.recency = 0;
  r.ranking = ranking;
  auto resp = (*searcher)->Search(r);
  REQUIRE(resp.ok());
  std::vector<std::string> ids;
  for (const Hit& h : resp->hits) ids.push_back(h.id.substr(h.id.rfind('/') + 1));
  return ids;
}

TEST_CASE("Field weights and BM25 parameters reorder hits as they say") {
  TempDir dir;
  // "cocoa" once in a title (5 in the whole text), eight times in a long body, once in
  // a topic (3), once in an excerpt (2).
  const std::string filler =
      " plain words about markets and trade and shipping and weather over many days";
  std::string lines;
  auto add = [&](const std::string& id, const std::string& title, const std::string& body,
                 const std::string& topic, const std::string& excerpt) {
    lines += "{\"webUrl\":\"https://n.example/" + id + "\",\"title\":\"" + title +
             "\",\"body\":\"" + body + "\",\"topics\":[\"" + topic + "\"],\"excerpt\":\"" +
             excerpt + "\"}\n";
  };
  add("title", "Cocoa report", "A note." + filler, "markets", "A short note.");
  add("body", "Market report",
      "Cocoa, cocoa, cocoa, cocoa, cocoa, cocoa, cocoa and cocoa." + filler + filler + filler,
      "markets", "A short note.");
  add("topic", "Weekly report", "A note." + filler, "cocoa", "A short note.");
  add("excerpt", "Daily report", "A note." + filler, "markets", "About cocoa.");
  for (int i = 0; i < 20; ++i)
    add("other" + std::to_string(i), "Report", "Nothing" + filler, "x", "y");
  const std::string db = IndexMarked(dir, lines);

  Ranking base;
  const auto plain = Ranked(db, "cocoa", base);
  REQUIRE(plain.size() == 4);
  struct Row {
    const char* what;
    FieldWeights fields;
    Bm25 bm25;
    std::string first;
  };
  const Row rows[] = {
      {"title alone", {10, 0, 0, 0}, {}, "title"},
      {"topics alone", {0, 0, 0, 10}, {}, "topic"},
      {"excerpt alone", {0, 0, 10, 0}, {}, "excerpt"},
      {"topics weighed up", {0, 1, 0, 10}, {}, "topic"},
      {"excerpt weighed up", {0, 1, 10, 0}, {}, "excerpt"},
      // Repeats count nearly fully and long documents are not discounted: the body's
      // eight beat the title's five.
      {"k1 high, b 0", {0, 1, 0, 0}, {20, 0}, "body"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    Ranking ranking;
    ranking.fields = row.fields;
    ranking.bm25 = row.bm25;
    const auto ids = Ranked(db, "cocoa", ranking);
    REQUIRE(ids.size() == 4);  // the same matches, in another order
    CHECK(ids.front() == row.first);
  }
}

// Text scores of the hits of `q` on `db` under `fields`, by id.
std::map<std::string, double> TextScores(const std::string& db, const std::string& q,
                                         const FieldWeights& fields) {
  auto searcher = Searcher::Open(db);
  REQUIRE(searcher.ok());
  SearchRequest r;
  r.query = q;
  r.collapse = false;
  r.explain = true;
  r.ranking.quality = 0;
  r.ranking.recency = 0;
  r.ranking.fields = fields;
  auto resp = (*searcher)->Search(r);
  REQUIRE(resp.ok());
  std::map<std::string, double> out;
  for (const Hit& h : resp->hits) {
    REQUIRE(h.explain);
    out[h.id.substr(h.id.rfind('/') + 1)] = h.explain->text;
  }
  return out;
}

TEST_CASE("A query word in the topics or the excerpt counts 1 + weight times its text score") {
  TempDir dir;
  // "cocoa" in the topics of t, in the excerpt of e, in both of te, in the body of b.
  const char* articles[][4] = {{"t", "Cocoa crop", "cocoa", "Rain fell."},
                               {"e", "Cocoa crop", "weather", "Cocoa rose."},
                               {"te", "Cocoa crop", "cocoa", "Cocoa rose."},
                               {"b", "Crop report", "weather", "Rain fell."}};
  std::string lines;
  for (const auto& a : articles) {
    lines += std::string("{\"webUrl\":\"https://n.example/") + a[0] + "\",\"title\":\"" + a[1] +
             "\",\"topics\":[\"" + a[2] + "\"],\"excerpt\":\"" + a[3] +
             "\",\"body\":\"Growers said cocoa and coffee sold well this week.\"}\n";
  }
  const std::string db = IndexMarked(dir, lines);

  const auto plain = TextScores(db, "cocoa", {});
  REQUIRE(plain.size() == 4);
  // The marks weigh nothing by themselves: explicit zeros give the defaults' scores.
  CHECK(TextScores(db, "cocoa", {0, 1, 0, 0}) == plain);
  const auto weighed = TextScores(db, "cocoa", {0, 1, 0.5, 2});
  REQUIRE(weighed.size() == 4);
  CHECK(weighed.at("t") == Approx(plain.at("t") * 3).epsilon(1e-12));
  CHECK(weighed.at("e") == Approx(plain.at("e") * 1.5).epsilon(1e-12));
  CHECK(weighed.at("te") == Approx(plain.at("te") * 3.5).epsilon(1e-12));
  CHECK(weighed.at("b") == Approx(plain.at("b")).epsilon(1e-12));
  // A word the topics and excerpt lack ("coffee") keeps its score beside one they hold.
  const auto two = TextScores(db, "cocoa coffee", {});
  const auto two_weighed = TextScores(db, "cocoa coffee", {0, 1, 0, 1});
  const double coffee = TextScores(db, "coffee", {}).at("t");
  CHECK(two_weighed.at("t") == Approx(two.at("t") + (two.at("t") - coffee)).epsilon(1e-12));
  CHECK(two_weighed.at("b") == Approx(two.at("b")).epsilon(1e-12));
}

TEST_CASE("A search on an index without marked field words says so when weights ask for them") {
  TempDir dir;
  dir.Write("in/a.jsonl",
            "{\"webUrl\":\"https://n.example/1\",\"title\":\"Cocoa\",\"body\":\"Cocoa "
            "prices.\",\"topics\":[\"cocoa\"],\"excerpt\":\"Cocoa.\"}\n");
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  REQUIRE(indexer::IndexPaths({dir.Sub("in")}, options).ok());
  auto notices = [&](const FieldWeights& fields) {
    auto searcher = Searcher::Open(dir.Sub("db"));
    REQUIRE(searcher.ok());
    SearchRequest r;
    r.query = "cocoa";
    r.ranking.fields = fields;
    auto resp = (*searcher)->Search(r);
    REQUIRE(resp.ok());
    REQUIRE(resp->hits.size() == 1);
    return resp->notices;
  };
  const FieldWeights topics{0, 1, 0, 2};
  // Written without field words (the default): weighing them is told to change nothing.
  CHECK(notices(FieldWeights{}).empty());
  std::vector<std::string> told = notices(topics);
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Catch::Contains("w_topics and w_excerpt change nothing"));
  // Indexed again with them: the unchanged file is read again (the option is part of its
  // content hash), its article marked, and the notice gone.
  options.field_words = true;
  auto again = indexer::IndexPaths({dir.Sub("in")}, options);
  REQUIRE(again.ok());
  CHECK(again->updated == 1);
  CHECK(notices(topics).empty());
  // And without them again: the marks go with the article's new version.
  options.field_words = false;
  REQUIRE(indexer::IndexPaths({dir.Sub("in")}, options).ok());
  CHECK(notices(FieldWeights{}).empty());
  told = notices(topics);
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Catch::Contains("w_topics and w_excerpt change nothing"));
}

}  // namespace
}  // namespace gazette::query
