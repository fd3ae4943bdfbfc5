// Field weights and BM25 parameters: the scored query they make, and what they do to a
// ranking on a scratch database.
#include "query/plan/field_weights.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/indexer.h"
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
      {{0, 1}, "Query((oil AND price))"},
      {{0, 2}, "Query(2 * (oil AND price))"},
      {{1, 1}, "Query(((oil AND price) AND_MAYBE (Soil OR Sprice)))"},
      {{0.5, 1}, "Query(((oil AND price) AND_MAYBE 0.5 * (Soil OR Sprice)))"},
      {{3, 0}, "Query((0 * (oil AND price) AND_MAYBE 3 * (Soil OR Sprice)))"},
  };
  for (const Row& row : rows) {
    CHECK(WeighFields(text, row.weights).get_description() == row.want);
  }
  // Prefixed terms (filters, bigrams) get no field part.
  const Xapian::Query scoped(Xapian::Query::OP_FILTER, Xapian::Query("oil"),
                             Xapian::Query("Kenergy"));
  CHECK(WeighFields(scoped, {1, 1}).get_description() ==
        "Query(((oil FILTER Kenergy) AND_MAYBE Soil))");
  CHECK(WeighFields(Xapian::Query(), {1, 1}).empty());
}

TEST_CASE("Default fields: body 1, title 0") {
  CHECK(DefaultFields(FieldWeights{}));
  CHECK_FALSE(DefaultFields(FieldWeights{0.1, 1}));
  CHECK_FALSE(DefaultFields(FieldWeights{0, 2}));
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
  dir.Write("in/a.jsonl", lines);
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  REQUIRE(indexer::IndexPaths({dir.Sub("in")}, options).ok());
  const std::string db = dir.Sub("db");

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
      {"title alone", {10, 0}, {}, "title"},
      // Repeats count nearly fully and long documents are not discounted: the body's
      // eight beat the title's five.
      {"k1 high, b 0", {0, 1}, {20, 0}, "body"},
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

}  // namespace
}  // namespace gazette::query
