// Table-driven tests of HTTP parameters -> SearchRequest.
#include "web/request_parser.h"

#include <catch2/catch.hpp>

namespace gazette::web {
namespace {

using query::SearchRequest;
using query::SortOrder;

Result<SearchRequest> Parse(const QueryParams& params) {
  query::Ranking ranking;
  ranking.quality = 1.5;
  return ParseSearchRequest(params, ranking, query::Limits{});
}

TEST_CASE("ParseSearchRequest with no parameters gives the defaults", "[request_parser]") {
  auto r = Parse({});
  REQUIRE(r.ok());
  CHECK(r->query.empty());
  CHECK(r->page == 1);
  CHECK(r->per_page == 10);
  CHECK(!r->sort);
  CHECK(r->ranking.quality == 1.5);  // the server's defaults
  CHECK(r->facets.empty());
}

TEST_CASE("ParseSearchRequest reads every parameter", "[request_parser]") {
  auto r = Parse({{"q", "port strike"},
                  {"topic", "Transport"},
                  {"topic", "Cybersecurity"},
                  {"provider", "Harbour Times"},
                  {"site", "harbourtimes.example"},
                  {"category", "news"},
                  {"type", "article"},
                  {"lang", "en"},
                  {"collection", "default"},
                  {"from", "2024-05-01"},
                  {"to", "2024-05-31"},
                  {"min_quality", "60"},
                  {"published", "true"},
                  {"sort", "newest"},
                  {"page", "3"},
                  {"per_page", "20"},
                  {"facets", "topic,provider"},
                  {"facets", "date"},
                  {"explain", "1"},
                  {"all_topics", "true"},
                  {"w_quality", "0.5"},
                  {"w_recency", "0"},
                  {"half_life", "7.5"},
                  {"origin", "2024-06-01T00:00:00Z"},
                  {"decay", "gaussian"},
                  {"match", "any"},
                  {"w_title", "0.5"},
                  {"w_excerpt", "0.25"},
                  {"w_topics", "2"},
                  {"w_body", "0.8"},
                  {"k1", "1.2"},
                  {"b", "0.75"}});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  CHECK(r->query == "port strike");
  CHECK(r->topics == std::vector<std::string>{"Transport", "Cybersecurity"});
  CHECK(r->providers == std::vector<std::string>{"Harbour Times"});
  CHECK(r->sites == std::vector<std::string>{"harbourtimes.example"});
  CHECK(r->categories == std::vector<std::string>{"news"});
  CHECK(r->types == std::vector<std::string>{"article"});
  CHECK(r->languages == std::vector<std::string>{"en"});
  CHECK(r->collections == std::vector<std::string>{"default"});
  CHECK(r->since == 1714521600);  // 2024-05-01T00:00:00Z
  CHECK(r->until == 1717199999);  // to=date means the end of 2024-05-31
  CHECK(r->min_quality == 60);
  CHECK(r->published == true);
  CHECK(r->sort == SortOrder::kNewest);
  CHECK(r->page == 3);
  CHECK(r->per_page == 20);
  CHECK(r->facets == std::vector<std::string>{"topic", "provider", "date"});
  CHECK(r->explain);
  CHECK(r->all_topics);
  CHECK(r->ranking.quality == 0.5);
  CHECK(r->ranking.recency == 0);
  CHECK(r->ranking.half_life_days == 7.5);
  CHECK(r->ranking.origin == 1717200000);
  CHECK(r->ranking.decay == query::Decay::kGaussian);
  CHECK(r->ranking.match == query::MatchMode::kAny);
  CHECK(r->ranking.fields.title == 0.5);
  CHECK(r->ranking.fields.excerpt == 0.25);
  CHECK(r->ranking.fields.topics == 2);
  CHECK(r->ranking.fields.body == 0.8);
  CHECK(r->ranking.bm25.k1 == 1.2);
  CHECK(r->ranking.bm25.b == 0.75);
}

TEST_CASE("ParseSearchRequest details", "[request_parser]") {
  SECTION("a to date-time is taken as given") {
    auto r = Parse({{"to", "2024-05-31T12:00:00Z"}});
    REQUIRE(r.ok());
    CHECK(r->until == 1717156800);
  }
  SECTION("empty form fields are ignored") {
    auto r = Parse({{"topic", ""}, {"sort", ""}, {"from", ""}, {"page", ""}, {"facets", ","}});
    REQUIRE(r.ok());
    CHECK(r->topics.empty());
    CHECK(!r->sort);
    CHECK(!r->since);
    CHECK(r->page == 1);
    CHECK(r->facets.empty());
  }
  SECTION("facets are deduplicated") {
    auto r = Parse({{"facets", "topic,topic"}, {"facets", "topic"}});
    REQUIRE(r.ok());
    CHECK(r->facets == std::vector<std::string>{"topic"});
  }
  SECTION("origin may be seconds since the epoch") {
    auto r = Parse({{"origin", "1700000000"}});
    REQUIRE(r.ok());
    CHECK(r->ranking.origin == 1700000000);
  }
  SECTION("published=any means no filter") {
    auto r = Parse({{"published", "any"}});
    REQUIRE(r.ok());
    CHECK(!r->published);
  }
}

TEST_CASE("ParseSearchRequest rejects bad parameters - naming them", "[request_parser]") {
  struct Case {
    QueryParams params;
    std::string message_prefix;
  };
  const std::vector<Case> cases = {
      {{{"per_page", "0"}}, "per_page: must be between 1 and 100"},
      {{{"per_page", "101"}}, "per_page: must be between 1 and 100"},
      {{{"per_page", "ten"}}, "per_page: expected a whole number"},
      {{{"page", "0"}}, "page: must be between 1"},
      {{{"page", "-1"}}, "page: must be between 1"},
      {{{"page", "2x"}}, "page: expected a whole number"},
      {{{"page", "99999999999999999999"}}, "page: expected a whole number"},
      {{{"page", "200"}, {"per_page", "10"}}, "page: results beyond 1000"},
      {{{"sort", "best"}}, "sort: expected relevance, newest, oldest or quality"},
      {{{"from", "yesterday"}}, "from: expected a date"},
      {{{"from", "2023-02-30"}}, "from: expected a date"},
      {{{"to", "2024-13-01"}}, "to: expected a date"},
      {{{"from", "2024-06-01"}, {"to", "2024-05-01"}}, "from: is after to"},
      {{{"min_quality", "101"}}, "min_quality: must be between 0 and 100"},
      {{{"min_quality", "-5"}}, "min_quality: must be between 0 and 100"},
      {{{"min_quality", "high"}}, "min_quality: expected a whole number"},
      {{{"facets", "topic,colour"}}, "facets: unknown facet 'colour'"},
      {{{"explain", "maybe"}}, "explain: expected true or false"},
      {{{"all_topics", "2"}}, "all_topics: expected true or false"},
      {{{"published", "perhaps"}}, "published: expected true or false"},
      {{{"w_quality", "-1"}}, "w_quality: must not be negative"},
      {{{"w_recency", "nan"}}, "w_recency: expected a number"},
      {{{"w_recency", "inf"}}, "w_recency: expected a number"},
      {{{"half_life", "0"}}, "half_life: must be greater than 0"},
      {{{"w_topics", "-1"}}, "w_topics: must not be negative"},
      {{{"w_excerpt", "lots"}}, "w_excerpt: expected a number"},
      {{{"w_topics", "1"}, {"w_topics", "2"}}, "w_topics: given more than once"},
      {{{"b", "1.5"}}, "b: must be between 0 and 1"},
      {{{"origin", "soon"}}, "origin: expected a date"},
      {{{"decay", "linear"}}, "decay: expected exponential or gaussian"},
      {{{"match", "most"}}, "match: expected auto, all or any, got 'most'"},
      {{{"q", std::string(1025, 'a')}}, "q: query is longer than 1024 bytes"},
      {{{"q", "a"}, {"q", "b"}}, "q: given more than once"},
      {{{"page", "1"}, {"page", "2"}}, "page: given more than once"},
      {{{"per-page", "10"}}, "per-page: unknown parameter"},
  };
  for (const Case& c : cases) {
    std::string given;
    for (const auto& [k, v] : c.params) given += k + "=" + v.substr(0, 40) + " ";
    INFO(given);
    auto r = Parse(c.params);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Catch::Matchers::StartsWith(c.message_prefix));
  }
}

}  // namespace
}  // namespace gazette::web
