// Facet counts, multi-select and date filters on Reuters, checked against counts
// computed here straight from the source files.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "corpus/article.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

struct SourceArticle {
  std::string url;
  std::string day;  // YYYY-MM-DD
  std::int64_t published = 0;
  std::set<std::string> topics;
};

// Reads url, date and topics from the front matter with plain line matching, so the
// expected counts do not depend on gazette's readers.
const std::vector<SourceArticle>& ReutersSources() {
  static std::vector<SourceArticle> all = [] {
    std::vector<SourceArticle> out;
    for (const auto& e :
         std::filesystem::recursive_directory_iterator(testing::SharedCorpora() + "/reuters")) {
      if (e.path().extension() != ".md") continue;
      std::ifstream in(e.path());
      SourceArticle a;
      std::string line;
      int fences = 0;
      bool in_topics = false;
      auto unquote = [](std::string v) {
        if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
        return v;
      };
      while (fences < 2 && std::getline(in, line)) {
        if (line == "---") {
          ++fences;
          continue;
        }
        if (in_topics && line.rfind("  - ", 0) == 0) {
          a.topics.insert(unquote(line.substr(4)));
          continue;
        }
        in_topics = line == "topics:";
        if (line.rfind("webUrl: ", 0) == 0) a.url = unquote(line.substr(8));
        if (line.rfind("publishedDateTime: ", 0) == 0) {
          const std::string iso = line.substr(19);
          a.day = iso.substr(0, 10);
          a.published = *corpus::ParseIsoDateTime(iso);
        }
      }
      out.push_back(std::move(a));
    }
    return out;
  }();
  return all;
}

using Counts = std::map<std::string, std::uint64_t>;

// Every facet value shown must carry the expected count, and none left out may beat it.
void CheckFacet(const std::vector<query::FacetValue>& shown, const Counts& expected) {
  REQUIRE_FALSE(shown.empty());
  std::uint64_t smallest = UINT64_MAX;
  std::set<std::string> seen;
  for (const auto& v : shown) {
    INFO("facet value " << v.value);
    auto it = expected.find(v.value);
    CHECK(v.count == (it == expected.end() ? 0 : it->second));
    if (!v.selected) smallest = std::min(smallest, v.count);
    seen.insert(v.value);
  }
  for (const auto& [value, n] : expected) {
    if (!seen.count(value)) CHECK(n <= smallest);
  }
}

// Counts every match: these tests compare exact counts. With `sample_above`, result
// sets above it are sampled, the sample holding at most `sample_size` (by default as
// many).
query::SearchResponse Run(query::SearchRequest r, std::uint64_t sample_above = 0,
                          std::uint64_t sample_size = 0) {
  query::Limits limits;
  limits.facet_sample_above = sample_above;
  limits.facet_sample_size = sample_size > 0 ? sample_size : sample_above;
  auto s = query::Searcher::Open(testing::IndexOf("reuters")->db, limits);
  REQUIRE(s.ok());
  auto resp = (*s)->Search(r);
  REQUIRE(resp.ok());
  return *resp;
}

TEST_CASE("Reuters: topic facet counts for a topic filter equal counts from the files") {
  for (const char* topic : {"cocoa", "coffee", "gold", "crude"}) {
    INFO(topic);
    query::SearchRequest r;
    r.topics = {topic};
    r.facets = {"topic"};
    r.per_page = 1;
    Counts expected;
    std::uint64_t total = 0;
    for (const auto& a : ReutersSources()) {
      if (!a.topics.count(topic)) continue;
      ++total;
    }
    // The topic facet ignores its own selection: counts are over every article.
    for (const auto& a : ReutersSources()) {
      for (const auto& t : a.topics) ++expected[t];
    }
    query::SearchResponse resp = Run(r);
    CHECK(resp.total == total);
    CheckFacet(resp.facets["topic"], expected);
  }
}

TEST_CASE("Reuters: with --topic crude and no query, every topic count equals the files") {
  // Through the CLI with its default limits: all 21,578 articles are counted for the
  // topic facet (its own filter does not apply), exactly, and every value is listed.
  const std::string db = testing::IndexOf("reuters")->db;
  const testing::CommandOutput run =
      testing::RunGazette("search --db " + testing::ShellQuote(db) +
                          " --topic crude --facets topic --facet-size all --per-page 1 --json");
  REQUIRE(run.status == 0);
  const nlohmann::json resp = nlohmann::json::parse(run.out);
  Counts expected;
  std::uint64_t crude = 0;
  for (const auto& a : ReutersSources()) {
    crude += a.topics.count("crude");
    for (const auto& t : a.topics) ++expected[t];
  }
  CHECK(resp["total"] == crude);
  CHECK(resp["total_exact"] == true);
  CHECK(resp["facets_exact"] == true);
  Counts shown;
  for (const auto& v : resp["facets"]["topic"]) {
    shown[v["value"].get<std::string>()] = v["count"].get<std::uint64_t>();
    CHECK(v["selected"] == (v["value"] == "crude"));
  }
  REQUIRE(expected.size() > 100);
  CHECK(shown == expected);
}

TEST_CASE("Reuters: an empty query's total is the number of articles") {
  const std::uint64_t articles = ReutersSources().size();
  query::SearchRequest r;
  for (const std::uint64_t sample_above : {std::uint64_t{0}, std::uint64_t{2000}}) {
    for (const bool facets : {false, true}) {
      INFO("sample above " << sample_above << ", facets " << facets);
      r.facets = facets ? std::vector<std::string>{"topic"} : std::vector<std::string>{};
      const query::SearchResponse resp = Run(r, sample_above);
      CHECK(resp.total == articles);
      CHECK(resp.total_exact);
      if (facets) CHECK(resp.facets_exact == (sample_above == 0));
    }
  }
  // Default limits: 21,578 articles are few enough to count exactly.
  r.facets = {"topic"};
  auto s = query::Searcher::Open(testing::IndexOf("reuters")->db);
  REQUIRE(s.ok());
  auto resp = (*s)->Search(r);
  REQUIRE(resp.ok());
  CHECK(resp->total == articles);
  CHECK(resp->total_exact);
  CHECK(resp->facets_exact);
}

TEST_CASE("Reuters: multi-select topics with a date filter - and the date histogram") {
  query::SearchRequest r;
  r.topics = {"cocoa", "coffee"};
  r.since = *corpus::ParseIsoDateTime("1987-03-01");
  r.until = *corpus::ParseIsoDateTime("1987-03-31T23:59:59Z");
  r.facets = {"topic", "date"};
  r.per_page = 1;
  Counts topics_in_range;  // topic facet: date filter on, topic filter off
  Counts days_for_topics;  // histogram: topic filter on, date filter off
  std::uint64_t total = 0;
  for (const auto& a : ReutersSources()) {
    const bool in_range = a.published >= *r.since && a.published <= *r.until;
    const bool has_topic = a.topics.count("cocoa") || a.topics.count("coffee");
    if (in_range) {
      for (const auto& t : a.topics) ++topics_in_range[t];
    }
    if (has_topic) ++days_for_topics[a.day.substr(0, 7)];
    if (in_range && has_topic) ++total;
  }
  query::SearchResponse resp = Run(r);
  CHECK(resp.total == total);
  CheckFacet(resp.facets["topic"], topics_in_range);
  CHECK(resp.histogram_interval == "month");
  Counts histogram;
  for (const auto& b : resp.date_histogram) histogram[b.key] = b.count;
  CHECK(histogram == days_for_topics);
}

TEST_CASE("Reuters: topic counts for a text query equal counts over its matching files") {
  for (const char* q : {"cocoa", "gold mine", "interest rates"}) {
    INFO(q);
    query::SearchRequest r;
    r.query = q;
    r.facets = {"topic"};
    r.per_page = 100;
    r.collapse = false;
    std::set<std::string> matched;
    query::SearchResponse first;
    for (r.page = 1;; ++r.page) {
      query::SearchResponse resp = Run(r);
      if (r.page == 1) first = resp;
      for (const auto& h : resp.hits) matched.insert(h.id);
      if (resp.hits.size() < 100 || r.page * 100 >= 1000) break;
    }
    if (first.total > 1000) continue;  // beyond the page depth; counted elsewhere
    CHECK(matched.size() == first.total);
    Counts expected;
    for (const auto& a : ReutersSources()) {
      if (!matched.count(a.url)) continue;
      for (const auto& t : a.topics) ++expected[t];
    }
    // Folding duplicates into hits changes neither the total nor the counts.
    r.collapse = true;
    r.page = 1;
    query::SearchResponse folded = Run(r);
    CHECK(folded.total == first.total);
    std::uint64_t hits_and_duplicates = 0;
    for (r.page = 1;; ++r.page) {
      query::SearchResponse resp = Run(r);
      for (const auto& h : resp.hits) hits_and_duplicates += 1 + h.duplicates;
      if (resp.hits.size() < 100) break;
    }
    CHECK(hits_and_duplicates == first.total);
    CheckFacet(folded.facets["topic"], expected);
    CheckFacet(first.facets["topic"], expected);
  }
}

TEST_CASE("Reuters: facets of a large result set are counted on a sample and scaled") {
  query::SearchRequest r;
  r.facets = {"topic", "provider"};
  r.per_page = 1;
  Counts topics;
  for (const auto& a : ReutersSources()) {
    for (const auto& t : a.topics) ++topics[t];
  }
  const std::uint64_t articles = ReutersSources().size();

  // Every article matches; counted on the sample of one in 16 (about 1,350 articles).
  // The total of every article is known without counting.
  const query::SearchResponse sampled = Run(r, 2000);
  CHECK_FALSE(sampled.facets_exact);
  CHECK(sampled.total_exact);
  CHECK(sampled.total == articles);
  const auto& shown = sampled.facets.at("topic");
  REQUIRE(shown.size() >= 5);
  // The largest topics come out in the same order, within about four standard
  // deviations of a binomial sample of their size.
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("topic " << shown[i].value);
    const double want = static_cast<double>(topics.at(shown[i].value));
    CHECK(shown[i].count % 16 == 0);
    CHECK(std::abs(static_cast<double>(shown[i].count) - want) < 4 * 16 * std::sqrt(want / 16));
  }
  CHECK(shown[0].value == "usa");
  CHECK(shown[1].value == "earn");

  // A narrower query stays under the limit and is counted exactly (the topic facet
  // would be counted without its own filter, over every article).
  r.topics = {"gold"};
  r.facets = {"provider"};
  const query::SearchResponse narrow = Run(r, 2000);
  CHECK(narrow.facets_exact);
  CHECK(narrow.total_exact);
  std::uint64_t gold = 0;
  for (const auto& a : ReutersSources()) gold += a.topics.count("gold");
  CHECK(narrow.total == gold);
}

TEST_CASE("Reuters: a phrase's facets are counted on a sample of its candidates") {
  query::SearchRequest r;
  r.facets = {"topic"};
  r.per_page = 1;
  // Samples of 4,000 articles at most: a phrase samples its candidates above 500. Above
  // 1,000 matches the facets may be sampled; a sample scaling to 2,000 or less is
  // counted again on every match.
  constexpr std::uint64_t kSampleAbove = 1000;
  constexpr std::uint64_t kSampleSize = 4000;

  // A common phrase: counted on a sample and scaled (by 4 or 16 here), within four
  // standard deviations.
  r.query = "\"the company said\"";
  const query::SearchResponse exact = Run(r, 0);
  const query::SearchResponse sampled = Run(r, kSampleAbove, kSampleSize);
  REQUIRE(exact.facets_exact);
  REQUIRE(exact.total > 2 * kSampleAbove);
  CHECK_FALSE(sampled.facets_exact);
  CHECK(sampled.total % 4 == 0);
  const double want = static_cast<double>(exact.total);
  CHECK(std::abs(static_cast<double>(sampled.total) - want) < 4 * std::sqrt(want * 16));

  // A rarer phrase among more than 500 candidates: its sample holds too few matches to
  // scale, so it is counted again on every candidate, exactly.
  r.query = "the company also said";
  CHECK(Run(r, 0).total > kSampleSize / 8);
  r.query = "\"the company also said\"";
  const query::SearchResponse rare_exact = Run(r, 0);
  const query::SearchResponse rare = Run(r, kSampleAbove, kSampleSize);
  CHECK(rare.facets_exact);
  CHECK(rare.total_exact);
  CHECK(rare.total == rare_exact.total);
  REQUIRE(rare.facets.at("topic").size() == rare_exact.facets.at("topic").size());
  for (std::size_t i = 0; i < rare.facets.at("topic").size(); ++i) {
    CHECK(rare.facets.at("topic")[i].value == rare_exact.facets.at("topic")[i].value);
    CHECK(rare.facets.at("topic")[i].count == rare_exact.facets.at("topic")[i].count);
  }
}

TEST_CASE("Reuters: a phrase counted one by one ranks the page it ranks without facets") {
  // The facets' exact count of a phrase hands its matches to the page's match
  // (KnownDocids); the page must be the one the phrase's own match finds.
  int compared = 0;
  for (const char* phrase :
       {"\"the company also said\"", "\"buffer stock\"", "\"interest rates\" oil",
        "\"said it\" title:bank", "\"no such phrase anywhere\""}) {
    for (const query::SortOrder sort : {query::SortOrder::kRelevance, query::SortOrder::kNewest}) {
      query::SearchRequest r;
      r.query = phrase;
      r.sort = sort;
      r.per_page = 20;
      r.ranking.origin = 560000000;  // 1987-09-30
      const query::SearchResponse plain = Run(r);
      r.facets = {"topic", "date"};
      const query::SearchResponse faceted = Run(r);
      INFO(phrase << " sort " << static_cast<int>(sort));
      REQUIRE(plain.hits.size() == faceted.hits.size());
      for (std::size_t i = 0; i < plain.hits.size(); ++i) {
        CHECK(plain.hits[i].id == faceted.hits[i].id);
        CHECK(plain.hits[i].score == faceted.hits[i].score);
      }
      if (!plain.hits.empty()) ++compared;
      CHECK(faceted.total_exact);
      if (plain.total_exact) CHECK(plain.total == faceted.total);
    }
  }
  CHECK(compared >= 6);
}

}  // namespace
}  // namespace gazette
