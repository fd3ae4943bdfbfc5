// Matching modes through the Searcher: every word, any word, and auto's relaxation of
// queries no article matches as a whole, with the notices that say so.
#include <catch2/catch.hpp>

#include "query/search.h"
#include "tests/support/scratch_index.h"

namespace gazette::query {
namespace {

using gazette::testing::MarkdownArticle;
using gazette::testing::ScratchIndex;

// `docs`: (slug, title, body, topic) articles.
std::vector<std::pair<std::string, std::string>> Articles(
    const std::vector<std::vector<std::string>>& docs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : docs) {
    out.emplace_back(d[0], MarkdownArticle(d[1], d[2],
                                           "webUrl: \"https://m.example/" + d[0] +
                                               "\"\ntopics:\n  - \"" + d[3] + "\"\n"));
  }
  return out;
}

struct Corpus : ScratchIndex {
  explicit Corpus(const std::vector<std::vector<std::string>>& docs)
      : ScratchIndex(Articles(docs)) {}

  SearchResponse Search(const std::string& q, MatchMode mode,
                        std::vector<std::string> topics = {}) {
    SearchRequest r;
    r.query = q;
    r.ranking.match = mode;
    r.ranking.recency = 0;
    r.ranking.quality = 0;
    r.topics = std::move(topics);
    auto response = searcher->Search(r);
    REQUIRE(response.ok());
    return *response;
  }
};

const std::vector<std::vector<std::string>> kDocs = {
    {"rain", "Rain in Bahia", "Showers fell over the cocoa zone of Bahia this week.", "cocoa"},
    {"crop", "Crop outlook", "The Brazil cocoa crop looks larger after the rain.", "cocoa"},
    {"coffee", "Coffee quotas", "Brazil coffee exporters met in Rio to talk quotas.", "coffee"},
    {"gold", "Gold mine", "A gold mine opened in Nevada.", "gold"},
};

bool HasNotice(const SearchResponse& r, const std::string& part) {
  for (const std::string& n : r.notices) {
    if (n.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("Matching all words finds only articles with every word, and says nothing") {
  Corpus c(kDocs);
  const SearchResponse both = c.Search("brazil cocoa", MatchMode::kAll);
  REQUIRE(both.hits.size() == 1);
  CHECK(both.hits[0].id == "https://m.example/crop");
  CHECK(both.notices.empty());
  CHECK(c.Search("brazil cocoa nevada", MatchMode::kAll).hits.empty());
}

TEST_CASE("Matching any word finds every article with one, those with more first") {
  Corpus c(kDocs);
  const SearchResponse r = c.Search("brazil cocoa rain", MatchMode::kAny);
  CHECK(r.total == 3);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].id == "https://m.example/crop");  // the only one with all three
  CHECK(r.notices.empty());
}

TEST_CASE("Auto keeps a short query's every word while some article has them all") {
  Corpus c(kDocs);
  const SearchResponse r = c.Search("brazil cocoa", MatchMode::kAuto);
  CHECK(r.total == 1);
  CHECK(r.notices.empty());
}

TEST_CASE("Auto relaxes a short query no article matches as a whole, with a notice") {
  Corpus c(kDocs);
  const SearchResponse r = c.Search("brazil coffee bahia", MatchMode::kAuto);
  CHECK(r.total == 3);  // coffee (2 words), rain (bahia), crop (brazil)
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].id == "https://m.example/coffee");
  CHECK(HasNotice(r, "no article matches all 3 words"));
  // The filters count: within topic cocoa nothing has both words either.
  const SearchResponse cocoa = c.Search("brazil coffee", MatchMode::kAuto, {"cocoa"});
  CHECK(cocoa.total == 1);
  CHECK(HasNotice(cocoa, "no article matches all 2 words"));
  // Nothing to relax to: still empty, and no claim of relaxing.
  const SearchResponse none = c.Search("platinum", MatchMode::kAuto);
  CHECK(none.total == 0);
  CHECK_FALSE(HasNotice(none, "no article matches"));
}

TEST_CASE("Auto ranks a long query by how much of it an article matches") {
  Corpus c(kDocs);
  const SearchResponse r = c.Search("larger brazil cocoa crop after rain", MatchMode::kAuto);
  REQUIRE(r.hits.size() == 3);
  CHECK(r.hits[0].id == "https://m.example/crop");
  CHECK(HasNotice(r, "long query"));
  CHECK(c.Search("larger brazil cocoa crop after rain", MatchMode::kAll).total == 1);
}

TEST_CASE("A query with no word to search matches nothing, not everything") {
  Corpus c(kDocs);
  for (MatchMode mode : {MatchMode::kAll, MatchMode::kAny, MatchMode::kAuto}) {
    const SearchResponse r = c.Search("(((", mode);
    CHECK(r.total == 0);
    CHECK(r.hits.empty());
    CHECK(HasNotice(r, "no words to search"));
  }
  CHECK(c.Search("", MatchMode::kAuto).total == kDocs.size());  // browsing still browses
}

}  // namespace
}  // namespace gazette::query
