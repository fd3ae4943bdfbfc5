// Facet counting: sample levels, facet values, and exact or sampled counts on a scratch
// database, against counts computed here from the articles written.
#include "query/facets/facet_count.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "indexer/analysis/analyzer.h"
#include "indexer/indexer.h"
#include "query/facets/facets.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using testing::TempDir;

// The topics of article i: every article has "all", one in 3 "third", one in 7
// "seventh", one in 50 "rare"; spellings differ only in case for "Third".
std::vector<std::string> TopicsOf(int i) {
  std::vector<std::string> topics = {"all"};
  if (i % 3 == 0) topics.push_back(i % 2 == 0 ? "third" : "Third");
  if (i % 7 == 0) topics.push_back("seventh");
  if (i % 50 == 0) topics.push_back("rare");
  return topics;
}

// `n` articles as JSON Lines, indexed into a scratch database; words "common" in every
// article, "odd" in the odd-numbered ones.
struct Scratch {
  TempDir dir;
  std::string db;

  explicit Scratch(int n) {
    std::string lines;
    for (int i = 0; i < n; ++i) {
      std::string topics;
      for (const std::string& t : TopicsOf(i)) topics += (topics.empty() ? "\"" : ",\"") + t + "\"";
      lines += "{\"webUrl\":\"https://n.example/" + std::to_string(i) + "\",\"title\":\"Article " +
               std::to_string(i) + "\",\"body\":\"common " + (i % 2 == 1 ? "odd" : "even") +
               " words\",\"publishedDateTime\":\"2024-05-01T10:00:00Z\",\"topics\":[" + topics +
               "]}\n";
    }
    dir.Write("in/articles.jsonl", lines);
    indexer::IndexOptions options;
    options.db_path = db = dir.Sub("db");
    auto summary = indexer::IndexPaths({dir.Sub("in")}, options);
    REQUIRE(summary.ok());
    REQUIRE(summary->skipped.empty());
  }
};

// The topic counts of the articles `keep` selects, merged by case as the facet is.
std::map<std::string, std::uint64_t> Expected(int n, bool (*keep)(int)) {
  std::map<std::string, std::uint64_t> counts;
  for (int i = 0; i < n; ++i) {
    if (!keep(i)) continue;
    for (const std::string& t : TopicsOf(i)) ++counts[t == "Third" ? "third" : t];
  }
  return counts;
}

TEST_CASE("Sample levels: exact up to the sample size, else the finest that fits") {
  struct Row {
    bool has_samples;
    std::uint64_t above, size;
    double estimate, cost;
    int level;
  };
  const Row rows[] = {
      {true, 100000, 20000, 15000, 1, 0},     // fits
      {true, 100000, 20000, 20000, 1, 0},     // fits exactly
      {true, 100000, 20000, 20001, 1, 2},     // one in 4
      {true, 100000, 20000, 80001, 1, 4},     // one in 16
      {true, 100000, 20000, 1000000, 1, 6},   // one in 64: 15,625
      {true, 100000, 20000, 20000, 8, 4},     // a phrase: an eighth of the size
      {true, 100000, 20000, 1e12, 1, 12},     // the coarsest level there is
      {false, 100000, 20000, 1000000, 1, 0},  // no sample terms in the index
      {true, 0, 20000, 1000000, 1, 0},        // sampling off
      {true, 100000, 0, 2, 1, 2},             // a size of 0 counts as 1
  };
  for (const Row& row : rows) {
    INFO("estimate " << row.estimate << " cost " << row.cost);
    IndexFacts facts;
    facts.has_samples = row.has_samples;
    Limits limits;
    limits.facet_sample_above = row.above;
    limits.facet_sample_size = row.size;
    CHECK(SampleLevel(facts, limits, row.estimate, row.cost) == row.level);
  }
}

TEST_CASE("Finer levels: the coarsest expected to hold 64 matches") {
  struct Row {
    int level;
    std::uint64_t found;
    int finer;
  };
  const Row rows[] = {{4, 63, 2}, {4, 16, 2}, {4, 15, 0}, {6, 10, 2}, {6, 1, 0}, {2, 0, 0}};
  for (const Row& row : rows) {
    INFO("level " << row.level << " found " << row.found);
    CHECK(FinerLevel(row.level, row.found) == row.finer);
  }
}

TEST_CASE("Facet values: merged by case, largest first, cut at the size, selected kept") {
  indexer::Analyzer analyzer;
  const ValueCounts counts = {{"Oil", 5}, {"oil", 2}, {"gas", 7}, {"coal", 1}, {"wind", 7}};
  struct Row {
    std::uint64_t scale;
    std::vector<std::string> selected;
    std::size_t limit;
    std::vector<std::pair<std::string, std::uint64_t>> want;  // values and counts, in order
  };
  const Row rows[] = {
      // Ties by value: capitals sort first.
      {1, {}, 20, {{"Oil", 7}, {"gas", 7}, {"wind", 7}, {"coal", 1}}},
      {1, {}, 2, {{"Oil", 7}, {"gas", 7}}},
      {4, {}, 1, {{"Oil", 28}}},
      {1, {"COAL"}, 1, {{"Oil", 7}, {"coal", 1}}},    // a selected value stays
      {1, {"solar"}, 1, {{"Oil", 7}, {"solar", 0}}},  // even when nothing holds it
      {1, {"oil"}, SIZE_MAX, {{"Oil", 7}, {"gas", 7}, {"wind", 7}, {"coal", 1}}},
  };
  for (const Row& row : rows) {
    INFO("limit " << row.limit << " scale " << row.scale);
    const auto values = FacetValues(counts, row.scale, row.selected, row.limit, &analyzer);
    REQUIRE(values.size() == row.want.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      CHECK(values[i].value == row.want[i].first);
      CHECK(values[i].count == row.want[i].second);
      bool selected = false;
      for (const auto& s : row.selected)
        selected |= analyzer.Normalize(s) == analyzer.Normalize(values[i].value);
      CHECK(values[i].selected == selected);
    }
  }
}

TEST_CASE("Facet size: a number of values, or all of them") {
  SearchRequest r;
  CHECK(FacetLimit(r) == 20);
  r.facet_size = 3;
  CHECK(FacetLimit(r) == 3);
  r.facet_size = 0;
  CHECK(FacetLimit(r) == SIZE_MAX);
}

bool OddNotSeventh(int i) { return i % 2 == 1 && i % 7 != 0; }

// A topic as the facet merges it: lower case here.
std::string Folded(std::string value) {
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value;
}

TEST_CASE("Facet counts are exact up to the limit, sampled above it, on a real index") {
  constexpr int kArticles = 3000;
  static const Scratch scratch(kArticles);
  struct Row {
    const char* what;
    std::string query;
    bool (*keep)(int);
    std::uint64_t above, size;
    bool exact;
  };
  const Row rows[] = {
      {"every article, sampling off", "", [](int) { return true; }, 0, 0, true},
      {"every article, within the limit", "", [](int) { return true; }, 3000, 100, true},
      {"every article, above the limit", "", [](int) { return true; }, 100, 100, false},
      // Xapian's bounds leave the size open (1,071 to 1,500); a sample of one in 16
      // scales to about 1,286, within twice the limit, so every match is counted.
      {"odd, not seventh: counted again", "odd -seventh", OddNotSeventh, 1200, 100, true},
      {"odd, not seventh: sampled", "odd -seventh", OddNotSeventh, 300, 100, false},
      {"one word within the limit", "odd", [](int i) { return i % 2 == 1; }, 1500, 100, true},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    Limits limits;
    limits.facet_sample_above = row.above;
    limits.facet_sample_size = row.size;
    auto searcher = Searcher::Open(scratch.db, limits);
    REQUIRE(searcher.ok());
    SearchRequest r;
    r.query = row.query;
    r.facets = {"topic"};
    r.facet_size = 0;
    r.collapse = false;
    auto resp = (*searcher)->Search(r);
    REQUIRE(resp.ok());
    const auto expected = Expected(kArticles, row.keep);
    CHECK(resp->facets_exact == row.exact);
    if (row.exact) CHECK(resp->total_exact);
    // An exact total, counted or known from Xapian's bounds, is the true one.
    if (resp->total_exact) CHECK(resp->total == expected.at("all"));
    std::map<std::string, std::uint64_t> shown;
    for (const FacetValue& v : resp->facets.at("topic")) shown[Folded(v.value)] = v.count;
    if (row.exact) {
      CHECK(shown == expected);
      continue;
    }
    // Sampled: each count within five standard deviations of a binomial sample.
    for (const auto& [topic, n] : expected) {
      INFO("topic " << topic);
      const double scale = static_cast<double>(expected.at("all")) / 100;
      CHECK(std::abs(static_cast<double>(shown[topic]) - static_cast<double>(n)) <=
            5 * std::sqrt(static_cast<double>(n) * scale) + scale);
    }
  }
}

}  // namespace
}  // namespace gazette::query
