// Metric code against values computed by hand, trec_eval's definitions.
#include <catch2/catch.hpp>
#include <sstream>

#include "eval/eval.h"

namespace gazette::eval {
namespace {

TEST_CASE("graded gains: nDCG@10, AP@100, Recall@100 and P@10 of one ranking") {
  // Gains by rank: x unjudged, a 3, c 1, d judged 0, b 2.
  const std::map<std::string, int> judged = {{"a", 3}, {"b", 2}, {"c", 1}, {"d", 0}};
  const std::vector<ScoredDoc> ranking = {{"x", 5}, {"a", 4}, {"c", 3}, {"d", 2}, {"b", 1}};
  QueryScores s = ScoreQuery("q", ranking, judged);
  CHECK(s.relevant == 3);
  CHECK(s.retrieved == 5);
  // DCG = 3/log2(3) + 1/log2(4) + 2/log2(6); ideal = 3 + 2/log2(3) + 1/log2(4).
  CHECK(s.ndcg_10 == Approx(0.6649702433));
  // Relevant at ranks 2, 3, 5: (1/2 + 2/3 + 3/5) / 3.
  CHECK(s.ap_100 == Approx(0.5888888889));
  CHECK(s.recall_100 == 1.0);
  CHECK(s.p_10 == Approx(0.3));
}

TEST_CASE("the order given is ignored: ranks follow scores") {
  const std::map<std::string, int> judged = {{"a", 1}};
  QueryScores s = ScoreQuery("q", {{"b", 1}, {"a", 2}}, judged);
  CHECK(s.ndcg_10 == 1.0);
  CHECK(s.ap_100 == 1.0);
}

TEST_CASE("ties are broken by document id, descending, as trec_eval does") {
  const std::map<std::string, int> judged = {{"a", 1}};
  // Equal scores: trec_eval reads c, b, a, so the relevant a is third.
  QueryScores s = ScoreQuery("q", {{"a", 1.5}, {"b", 1.5}, {"c", 1.5}}, judged);
  CHECK(s.ndcg_10 == Approx(0.5));  // 1/log2(4)
  CHECK(s.ap_100 == Approx(1.0 / 3));
  CHECK(s.p_10 == Approx(0.1));
  std::vector<ScoredDoc> ordered = {{"b", 1}, {"a", 2}, {"c", 1}, {"d", 0.5}};
  OrderAsTrecEval(&ordered);
  CHECK(ordered[0].docid == "a");
  CHECK(ordered[1].docid == "c");
  CHECK(ordered[2].docid == "b");
  CHECK(ordered[3].docid == "d");
}

TEST_CASE("a query without relevant documents scores 0") {
  QueryScores s = ScoreQuery("q", {{"a", 3}, {"b", 2}}, {{"a", 0}, {"b", -1}});
  CHECK(s.relevant == 0);
  CHECK(s.retrieved == 2);
  CHECK(s.ndcg_10 == 0);
  CHECK(s.ap_100 == 0);
  CHECK(s.recall_100 == 0);
  CHECK(s.p_10 == 0);
}

TEST_CASE("cutoffs: rank 11 is outside @10, rank 101 outside @100") {
  std::vector<ScoredDoc> ranking;
  for (int i = 1; i <= 101; ++i) ranking.push_back({"d" + std::to_string(1000 + i), 1000.0 - i});
  // d1011 is at rank 11, d1101 at rank 101; r is relevant and never retrieved.
  QueryScores s = ScoreQuery("q", ranking, {{"d1011", 2}, {"d1101", 1}, {"r", 1}});
  CHECK(s.relevant == 3);
  CHECK(s.ndcg_10 == 0);
  CHECK(s.p_10 == 0);
  CHECK(s.ap_100 == Approx((1.0 / 11) / 3));
  CHECK(s.recall_100 == Approx(1.0 / 3));
}

TEST_CASE("ideal DCG counts every judged relevant document, retrieved or not") {
  // One retrieved document of grade 1 at rank 1; unretrieved grades 2 and 1.
  QueryScores s = ScoreQuery("q", {{"a", 1}}, {{"a", 1}, {"b", 2}, {"c", 1}});
  // DCG = 1; ideal = 2 + 1/log2(3) + 1/log2(4) = 3.1309297536.
  CHECK(s.ndcg_10 == Approx(1 / 3.1309297536));
  CHECK(s.ap_100 == Approx(1.0 / 3));
  CHECK(s.p_10 == Approx(0.1));
}

TEST_CASE("Evaluate: judged queries missing from the run score 0 - unjudged are counted") {
  const std::vector<Query> queries = {{"1", "one"}, {"2", "two"}, {"3", "three"}};
  const Qrels qrels = {{"1", {{"a", 1}}}, {"2", {{"b", 1}}}, {"9", {{"c", 1}}}};
  Run run;
  run["1"] = {{"a", 2.0}, {"b", 1.0}};
  Summary s = Evaluate(queries, run, qrels);
  REQUIRE(s.queries.size() == 2);
  CHECK(s.queries[0].qid == "1");
  CHECK(s.queries[1].qid == "2");
  CHECK(s.queries[1].retrieved == 0);
  CHECK(s.unjudged == 1);
  CHECK(s.ndcg_10 == Approx(0.5));
  CHECK(s.map_100 == Approx(0.5));
  CHECK(s.recall_100 == Approx(0.5));
  CHECK(s.p_10 == Approx(0.05));
}

TEST_CASE("WriteTrecRun: qid Q0 docid rank score tag, in trec_eval's order") {
  Run run;
  run["2"] = {{"x", 1.0}, {"y", 3.25}};
  run["1"] = {{"b", 0.5}, {"a", 0.5}};
  std::ostringstream out;
  WriteTrecRun({{"2", ""}, {"1", ""}, {"3", ""}}, run, "t", out);
  CHECK(out.str() ==
        "2 Q0 y 1 3.250000 t\n"
        "2 Q0 x 2 1.000000 t\n"
        "1 Q0 b 1 0.500000 t\n"
        "1 Q0 a 2 0.500000 t\n");
  CHECK(RoundScore(1.23456749) == 1.234567);
  CHECK(RoundScore(1.2345675001) == 1.234568);
}

}  // namespace
}  // namespace gazette::eval
