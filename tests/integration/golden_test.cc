// Golden answers on Reuters: 50 varied searches, similar articles, lookups and
// completions compared with the JSON recorded in tests/integration/golden/reuters.json.
// Scores compare within a small relative tolerance, everything else exactly; timings
// are left out. GAZETTE_GOLDEN_RECORD=1 rewrites the fixture from the current code.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "query/json.h"
#include "query/search.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

using nlohmann::json;

constexpr char kFixture[] = GAZETTE_SOURCE_DIR "/tests/integration/golden/reuters.json";
// "Now" for recency: 1987-11-01T00:00:00Z, after the last Reuters article.
constexpr std::int64_t kOrigin = 562723200;
constexpr double kScoreTolerance = 1e-6;  // relative

std::string Article(int n) { return "https://reuters-21578.example/article/" + std::to_string(n); }

struct Case {
  std::string name;
  std::function<json(query::Searcher&)> run;
  bool lanes = false;  // run with Limits::parallel_above = 1 (two lanes)
};

json Without(json j) {
  j.erase("took_ms");
  return j;
}

Case SearchCase(std::string name, std::function<void(query::SearchRequest*)> fill,
                bool lanes = false) {
  return Case{std::move(name),
              [fill](query::Searcher& s) {
                query::SearchRequest r;
                r.per_page = 3;
                r.ranking.origin = kOrigin;
                fill(&r);
                auto resp = s.Search(r);
                if (!resp.ok()) return json{{"error", resp.status().ToString()}};
                return Without(query::ToJson(*resp));
              },
              lanes};
}

Case QueryCase(std::string name, std::string q) {
  return SearchCase(std::move(name), [q](query::SearchRequest* r) { r->query = q; });
}

Case SimilarCase(int article) {
  return Case{"similar " + std::to_string(article), [article](query::Searcher& s) {
                query::Ranking ranking;
                ranking.origin = kOrigin;
                auto hits = s.Similar(Article(article), 3, ranking);
                if (!hits.ok()) return json{{"error", hits.status().ToString()}};
                json out = json::array();
                for (const auto& h : *hits) out.push_back(query::ToJson(h));
                return out;
              }};
}

Case GetCase(std::string article_id) {
  return Case{"get " + article_id, [article_id](query::Searcher& s) {
                auto hit = s.Get(article_id);
                if (!hit.ok()) return json{{"error", hit.status().ToString()}};
                json j = query::ToJson(*hit);
                // The stored text is long: its length and start stand for it.
                j["text"] = hit->text.substr(0, 80);
                j["text_bytes"] = hit->text.size();
                return j;
              }};
}

Case SuggestCase(std::string text) {
  return Case{"suggest " + text, [text](query::Searcher& s) {
                auto words = s.Suggest(text, 5);
                if (!words.ok()) return json{{"error", words.status().ToString()}};
                return json(*words);
              }};
}

std::vector<Case> Cases() {
  using R = query::SearchRequest*;
  return {
      QueryCase("one word", "oil"),
      QueryCase("three words", "crude oil prices"),
      QueryCase("phrase", "\"interest rates\""),
      QueryCase("phrase and word", "\"federal reserve\" rates"),
      QueryCase("frequent-word phrase", "\"of the\""),
      QueryCase("title field", "title:dollar"),
      QueryCase("title phrase", "title:\"trade deficit\""),
      QueryCase("must not", "oil -gas"),
      QueryCase("or", "cocoa OR coffee"),
      QueryCase("and not", "cocoa AND NOT coffee"),
      QueryCase("brackets", "(gold OR silver) mine"),
      QueryCase("wildcard", "petro*"),
      QueryCase("topic filter in query", "topic:cocoa prices"),
      QueryCase("excluded topic", "bank -topic:money-fx"),
      QueryCase("site and lang", "site:reuters.com lang:en tariff"),
      QueryCase("date range in query", "published:1987-03-01..1987-03-31 wheat"),
      QueryCase("rejected syntax", "oil AND"),
      QueryCase("stray brackets", "((gold"),
      QueryCase("misspelled", "petroluem"),
      QueryCase("misspelled two words", "coffe prics"),
      QueryCase("no match", "zzqxjv"),
      SearchCase("newest", [](R r) { r->query = "gold", r->sort = query::SortOrder::kNewest; }),
      SearchCase("oldest", [](R r) { r->query = "coffee", r->sort = query::SortOrder::kOldest; }),
      SearchCase("quality", [](R r) { r->query = "wheat", r->sort = query::SortOrder::kQuality; }),
      SearchCase("explain", [](R r) { r->query = "bank", r->explain = true; }),
      SearchCase("text only",
                 [](R r) {
                   r->query = "shares";
                   r->ranking.quality = 0;
                   r->ranking.recency = 0;
                   r->explain = true;
                 }),
      SearchCase("gaussian decay",
                 [](R r) {
                   r->query = "shares";
                   r->ranking.decay = query::Decay::kGaussian;
                   r->ranking.half_life_days = 7;
                   r->explain = true;
                 }),
      SearchCase("facets",
                 [](R r) {
                   r->query = "opec", r->facets = {"topic", "provider"};
                 }),
      SearchCase("every facet",
                 [](R r) {
                   r->query = "trade";
                   r->facets = {"topic",    "provider",   "category", "type",
                                "language", "collection", "date"};
                 }),
      SearchCase("date facet", [](R r) { r->query = "trade deficit", r->facets = {"date"}; }),
      SearchCase("phrase facets",
                 [](R r) {
                   r->query = "\"money supply\"", r->facets = {"topic", "date"};
                 }),
      SearchCase("browse",
                 [](R r) {
                   r->facets = {"topic", "date"};
                 }),
      SearchCase("browse topic",
                 [](R r) {
                   r->topics = {"cocoa"};
                   r->facets = {"topic", "date"};
                 }),
      SearchCase("any of two topics",
                 [](R r) {
                   r->topics = {"gold", "silver"};
                   r->facets = {"topic"};
                 }),
      SearchCase("all topics",
                 [](R r) {
                   r->topics = {"gold", "silver"};
                   r->all_topics = true;
                 }),
      SearchCase("date filter",
                 [](R r) {
                   r->query = "sugar";
                   r->since = 541728000;  // 1987-03-02
                   r->until = 544147199;  // 1987-03-29 end
                   r->facets = {"date"};
                 }),
      SearchCase("page 2", [](R r) { r->query = "profit", r->page = 2; }),
      SearchCase("page 3 of 5", [](R r) { r->query = "profit", r->page = 3, r->per_page = 5; }),
      SearchCase("min quality", [](R r) { r->query = "loss", r->min_quality = 50; }),
      SearchCase("language filter", [](R r) { r->query = "japan", r->languages = {"en"}; }),
      SearchCase("provider filter", [](R r) { r->query = "yen", r->providers = {"Reuters"}; }),
      SearchCase("no collapse", [](R r) { r->query = "stocks", r->collapse = false; }),
      SearchCase("category and type facets",
                 [](R r) {
                   r->query = "merger acquisition", r->facets = {"category", "type"};
                 }),
      SearchCase("bad facet", [](R r) { r->query = "oil", r->facets = {"colour"}; }),
      SearchCase(
          "two lanes", [](R r) { r->query = "oil", r->facets = {"topic"}; }, true),
      SearchCase(
          "two lanes, page 2", [](R r) { r->query = "bank rates", r->page = 2; }, true),
      SearchCase(
          "two lanes, frequent word", [](R r) { r->query = "said"; }, true),
      SearchCase(
          "two lanes, phrase facets",
          [](R r) {
            r->query = "\"money supply\"", r->facets = {"topic", "date"};
          },
          true),
      SimilarCase(1),
      SimilarCase(5000),
      GetCase(Article(2)),
      GetCase("no-such-article"),
      SuggestCase("oil pr"),
      SuggestCase("gol"),
  };
}

// Empty when `got` matches `want`; else the path of the first difference.
std::string Difference(const json& want, const json& got, const std::string& path) {
  if (want.is_number_float() || got.is_number_float()) {
    if (!want.is_number() || !got.is_number()) return path + ": type differs";
    const double a = want.get<double>(), b = got.get<double>();
    if (std::fabs(a - b) <= kScoreTolerance * std::max(std::fabs(a), std::fabs(b))) return "";
    return path + ": " + want.dump() + " != " + got.dump();
  }
  if (want.is_number() && got.is_number()) {  // signed and unsigned integers alike
    return want.get<double>() == got.get<double>()
               ? ""
               : path + ": " + want.dump() + " != " + got.dump();
  }
  if (want.type() != got.type()) return path + ": " + want.dump() + " != " + got.dump();
  if (want.is_object()) {
    if (want.size() != got.size()) return path + ": keys differ";
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!got.contains(it.key())) return path + "." + it.key() + ": missing";
      std::string d = Difference(it.value(), got[it.key()], path + "." + it.key());
      if (!d.empty()) return d;
    }
    return "";
  }
  if (want.is_array()) {
    if (want.size() != got.size()) {
      return path + ": " + std::to_string(want.size()) + " items != " + std::to_string(got.size());
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      std::string d = Difference(want[i], got[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  return want == got ? "" : path + ": " + want.dump() + " != " + got.dump();
}

json RunAll() {
  const testing::SharedIndex* index = testing::IndexOf("reuters");
  REQUIRE(index != nullptr);
  query::Limits one_lane;
  one_lane.parallel_above = 0;
  query::Limits two_lanes;
  two_lanes.parallel_above = 1;
  auto single = query::Searcher::Open(index->db, one_lane);
  auto lanes = query::Searcher::Open(index->db, two_lanes);
  REQUIRE(single.ok());
  REQUIRE(lanes.ok());
  json out = json::object();
  for (const Case& c : Cases()) {
    REQUIRE_FALSE(out.contains(c.name));
    out[c.name] = c.run(c.lanes ? **lanes : **single);
  }
  return out;
}

TEST_CASE("Golden: Reuters answers match the recorded JSON") {
  const std::vector<Case> cases = Cases();
  CHECK(cases.size() >= 50);
  const json got = RunAll();
  if (std::getenv("GAZETTE_GOLDEN_RECORD") != nullptr) {
    std::filesystem::create_directories(std::filesystem::path(kFixture).parent_path());
    std::ofstream out(kFixture);
    out << got.dump(1) << "\n";
    REQUIRE(out.good());
    WARN("recorded " << kFixture);
    return;
  }
  std::ifstream in(kFixture);
  REQUIRE(in.good());
  const json want = json::parse(in);
  REQUIRE(want.size() == got.size());
  for (const Case& c : cases) {
    INFO("case '" << c.name << "'");
    REQUIRE(want.contains(c.name));
    CHECK(Difference(want[c.name], got[c.name], "") == "");
  }
}

}  // namespace
}  // namespace gazette
