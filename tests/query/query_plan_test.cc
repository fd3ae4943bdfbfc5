// QueryPlan: request -> plan, table-driven, on an empty in-memory database.
#include "query/plan/query_plan.h"

#include <catch2/catch.hpp>

#include "indexer/analysis/analyzer.h"

namespace gazette::query {
namespace {

constexpr std::int64_t kNow = 1700000000;

struct PlanCase {
  std::string query;
  std::optional<SortOrder> sort;
  bool browsing;
  SortOrder want_sort;
  std::vector<std::string> terms;  // words to mark
  std::map<std::string, std::vector<std::string>> selected;
  std::size_t notices;
};

TEST_CASE("PlanQuery turns query text into text, sort, scopes and words to mark") {
  const std::vector<PlanCase> cases = {
      {"", std::nullopt, true, SortOrder::kNewest, {}, {}, 0},
      {"", SortOrder::kOldest, true, SortOrder::kOldest, {}, {}, 0},
      {"oil prices", std::nullopt, false, SortOrder::kRelevance, {"oil", "price"}, {}, 0},
      {"oil", SortOrder::kQuality, false, SortOrder::kQuality, {"oil"}, {}, 0},
      {"title:dollar", std::nullopt, false, SortOrder::kRelevance, {"dollar"}, {}, 0},
      {"topic:cocoa", std::nullopt, true, SortOrder::kNewest, {}, {{"topic", {"cocoa"}}}, 0},
      {"lang:en oil",
       std::nullopt,
       false,
       SortOrder::kRelevance,
       {"oil"},
       {{"language", {"en"}}},
       0},
      {"-topic:sport news", std::nullopt, false, SortOrder::kRelevance, {"news"}, {}, 0},
      {"published:2022-13-01 gold", std::nullopt, false, SortOrder::kRelevance, {"gold"}, {}, 1},
      // The syntax error, and AND then read as a stop word.
      {"oil AND", std::nullopt, false, SortOrder::kRelevance, {"oil"}, {}, 2},
  };
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  indexer::Analyzer analyzer;
  for (const PlanCase& c : cases) {
    INFO("query '" << c.query << "'");
    QueryParser parser(&analyzer, db, {"en"}, false);
    SearchRequest request;
    request.query = c.query;
    request.sort = c.sort;
    request.ranking.match = MatchMode::kAll;  // the modes: matching_test.cc
    const QueryPlan plan = PlanQuery(request, &parser, &analyzer, kNow);
    CHECK(plan.browsing == c.browsing);
    CHECK(plan.sort == c.want_sort);
    CHECK(plan.origin == kNow);
    CHECK_FALSE(plan.text.empty());  // browsing matches every article
    for (const std::string& t : c.terms) CHECK(plan.terms.count(t) == 1);
    CHECK(plan.terms.size() >= c.terms.size());
    CHECK(plan.filters.selected == c.selected);
    CHECK(plan.parsed.notices.size() == c.notices);
  }
}

TEST_CASE("PlanQuery takes the request's origin over now - and its filters") {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  indexer::Analyzer analyzer;
  QueryParser parser(&analyzer, db, {"en"}, false);
  SearchRequest request;
  request.ranking.origin = 42;
  request.topics = {"Energy"};
  request.providers = {"Reuters"};
  const QueryPlan plan = PlanQuery(request, &parser, &analyzer, kNow);
  CHECK(plan.origin == 42);
  CHECK(plan.filters.by_facet.count("topic") == 1);
  CHECK(plan.filters.by_facet.count("provider") == 1);
  // A facet's own filter is left out when it is counted.
  const Xapian::Query all = Filtered(plan, plan.text, "");
  const Xapian::Query without_topic = Filtered(plan, plan.text, "topic");
  CHECK(all.get_description() != without_topic.get_description());
  CHECK(without_topic.get_description().find("Kenergy") == std::string::npos);
  CHECK(all.get_description().find("Kenergy") != std::string::npos);
}

}  // namespace
}  // namespace gazette::query
