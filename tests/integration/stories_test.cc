// Story clusters, provider diversity and query-adaptive recency end to end: generated
// corpora with known stories and planted bursts, and the ICCO wire copies of Reuters.
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "base/dates.h"
#include "corpus/generator.h"
#include "eval/stories.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

using testing::TempDir;

constexpr char kReference[] = "2024-12-31T23:59:59Z";  // the generator's last date

// A generated corpus of `count` articles plus rewrites and bursts, with its truth.
void Generate(const TempDir& dir, std::uint64_t count, std::uint64_t rewrites,
              std::uint64_t bursts) {
  corpus::GeneratorOptions options;
  options.count = count;
  options.rewrites = rewrites;
  options.bursts = bursts;
  options.out_dir = dir.Sub("corpus");
  options.truth_out = dir.Sub("truth.tsv");
  options.seed = 11;
  options.mean_words = 200;
  REQUIRE(corpus::GenerateCorpus(options).ok());
}

void Index(const std::vector<std::string>& paths, const std::string& db) {
  indexer::IndexOptions options;
  options.db_path = db;
  auto summary = indexer::IndexPaths(paths, options);
  REQUIRE(summary.ok());
  REQUIRE(summary->skipped.empty());
}

eval::StoryScores Score(const std::string& db, const std::string& truth_path) {
  auto members = indexer::ReadStories(db);
  REQUIRE(members.ok());
  auto truth = eval::ReadStoryTruth(truth_path);
  REQUIRE(truth.ok());
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& m : *members) found.emplace_back(m.id, m.story);
  return eval::ScoreStories(found, *truth);
}

TEST_CASE("Generated rewrites are found as stories: precision >= 0.95, recall >= 0.90") {
  TempDir dir;
  // 3,000 articles (folders 0000-0002), then 600 rewrites of them (0003).
  Generate(dir, 3000, 600, 0);
  Index({dir.Sub("corpus")}, dir.Sub("one.db"));
  const eval::StoryScores one = Score(dir.Sub("one.db"), dir.Sub("truth.tsv"));
  WARN("stories in one run: precision " << one.precision << ", recall " << one.recall << " ("
                                        << one.correct_pairs << " of " << one.found_pairs
                                        << " pairs found, " << one.true_pairs << " true)");
  CHECK(one.true_pairs > 500);
  CHECK(one.precision >= 0.95);
  CHECK(one.recall >= 0.90);

  // The rewrites indexed by a later run join the stories of their originals alike.
  Index({dir.Sub("corpus/0000"), dir.Sub("corpus/0001"), dir.Sub("corpus/0002")},
        dir.Sub("two.db"));
  Index({dir.Sub("corpus/0003")}, dir.Sub("two.db"));
  auto a = indexer::ReadStories(dir.Sub("one.db"));
  auto b = indexer::ReadStories(dir.Sub("two.db"));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  std::map<std::string, std::string> labels;
  for (const auto& m : *a) labels[m.id] = m.story;
  std::size_t same = 0;
  for (const auto& m : *b) same += labels[m.id] == m.story ? 1 : 0;
  CHECK(same == a->size());
}

TEST_CASE("Burst queries rank recent articles first and evergreen queries rank by text") {
  TempDir dir;
  Generate(dir, 2000, 0, 2);
  Index({dir.Sub("corpus")}, dir.Sub("db"));
  auto searcher = query::Searcher::Open(dir.Sub("db"));
  REQUIRE(searcher.ok());
  const std::int64_t origin = *ParseIsoDateTime(kReference);
  auto search = [&](const std::string& q, bool automatic, double recency) {
    query::SearchRequest r;
    r.query = q;
    r.per_page = 10;
    r.explain = true;
    r.ranking.origin = origin;
    r.ranking.recency_auto = automatic;
    r.ranking.recency = recency;
    auto response = (*searcher)->Search(r);
    REQUIRE(response.ok());
    return *response;
  };
  for (const char* burst : {"zorbaxa", "zorbaxb"}) {
    const query::SearchResponse auto_ranked = search(burst, true, 2.0);
    REQUIRE(auto_ranked.recency);
    CHECK(auto_ranked.recency->automatic);
    CHECK(auto_ranked.recency->factor == Approx(1.0));
    CHECK(auto_ranked.recency->reason.rfind("breaking", 0) == 0);
    REQUIRE(auto_ranked.hits.size() == 10);
    for (const auto& h : auto_ranked.hits) {
      CHECK(origin - *ParseIsoDateTime(h.published) <= 3 * 86400);
    }
    // By text alone the older articles, which name the word more often, lead.
    const query::SearchResponse by_text = search(burst, false, 0.0);
    CHECK(origin - *ParseIsoDateTime(by_text.hits[0].published) > 30 * 86400);
  }
  for (const char* evergreen : {"quilvexa", "quilvexb"}) {
    const query::SearchResponse auto_ranked = search(evergreen, true, 2.0);
    REQUIRE(auto_ranked.recency);
    CHECK(auto_ranked.recency->weight == 0);
    const query::SearchResponse by_text = search(evergreen, false, 0.0);
    REQUIRE(auto_ranked.hits.size() == by_text.hits.size());
    for (std::size_t i = 0; i < by_text.hits.size(); ++i) {
      CHECK(auto_ranked.hits[i].id == by_text.hits[i].id);
    }
  }
}

TEST_CASE("max_per_provider caps the first page and loses nothing behind it") {
  TempDir dir;
  Generate(dir, 2000, 0, 1);
  Index({dir.Sub("corpus")}, dir.Sub("db"));
  auto searcher = query::Searcher::Open(dir.Sub("db"));
  REQUIRE(searcher.ok());
  auto pages = [&](int cap) {
    std::vector<query::SearchResponse> out;
    for (int page = 1;; ++page) {
      query::SearchRequest r;
      r.query = "quilvexa";
      r.per_page = 10;
      r.page = page;
      r.ranking.max_per_provider = cap;
      auto response = (*searcher)->Search(r);
      REQUIRE(response.ok());
      if (response->hits.empty()) break;
      out.push_back(std::move(*response));
    }
    return out;
  };
  const auto free = pages(0);
  const auto capped = pages(1);
  REQUIRE(free.size() >= 3);
  CHECK(free[0].total == capped[0].total);
  std::multiset<std::string> all_free, all_capped;
  for (const auto& p : free) {
    for (const auto& h : p.hits) all_free.insert(h.id);
  }
  for (const auto& p : capped) {
    for (const auto& h : p.hits) all_capped.insert(h.id);
  }
  CHECK(all_capped == all_free);
  CHECK(all_capped.size() == free[0].total);
  std::map<std::string, int> providers;
  for (const auto& h : capped[0].hits) ++providers[h.provider];
  for (const auto& [provider, n] : providers) CHECK(n == 1);
  std::map<std::string, int> uncapped;
  for (const auto& h : free[0].hits) ++uncapped[h.provider];
  CHECK(uncapped.size() < providers.size());  // the cap changed the first page
}

TEST_CASE("Reuters: the ICCO cocoa-buffer wire copies show as one story with N more") {
  const auto* reuters = testing::IndexOf("reuters");
  auto searcher = query::Searcher::Open(reuters->db);
  REQUIRE(searcher.ok());
  query::SearchRequest r;
  r.query = "ICCO buffer stock cocoa";
  r.per_page = 20;
  auto folded = (*searcher)->Search(r);
  REQUIRE(folded.ok());
  const std::string full = "https://reuters-21578.example/article/18222";
  const std::string flash = "https://reuters-21578.example/article/18221";
  const query::Hit* story_hit = nullptr;
  for (const auto& h : folded->hits) {
    CHECK(h.id != flash);  // folded into its story
    if (h.id == full) story_hit = &h;
  }
  REQUIRE(story_hit != nullptr);
  CHECK(story_hit->story.more >= 1);
  CHECK(story_hit->story.providers == std::vector<std::string>{"Reuters"});

  // The story, expanded, holds both copies; without folding both are hits.
  r.story = story_hit->story.id;
  auto expanded = (*searcher)->Search(r);
  REQUIRE(expanded.ok());
  std::set<std::string> ids;
  for (const auto& h : expanded->hits) ids.insert(h.id);
  CHECK(ids.count(full) == 1);
  CHECK(ids.count(flash) == 1);
  CHECK(expanded->hits.size() == static_cast<std::size_t>(story_hit->story.more) + 1);
  r.story.clear();
  r.collapse = false;
  r.per_page = 50;
  auto unfolded = (*searcher)->Search(r);
  REQUIRE(unfolded.ok());
  CHECK(unfolded->total == folded->total);
  ids.clear();
  for (const auto& h : unfolded->hits) ids.insert(h.id);
  CHECK(ids.count(flash) == 1);
}

}  // namespace
}  // namespace gazette
