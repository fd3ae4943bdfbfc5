// Story signatures, the same-story rule, and story labels across shards and runs.
#include <catch2/catch.hpp>
#include <map>

#include "indexer/indexer.h"
#include "indexer/story.h"
#include "tests/support/test_support.h"

namespace gazette::indexer {
namespace {

using gazette::testing::MarkdownArticle;
using gazette::testing::TempDir;

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

StorySignature Sig(const std::string& title, const std::string& lead, std::int64_t at = 1000000,
                   std::uint64_t text = 1) {
  StorySignature s = MakeStorySignature(Split(title), Split(lead));
  s.published = at;
  s.text_hash = text;
  return s;
}

constexpr char kFullTitle[] = "icco buffer to buy 3 000 tonn cocoa june 3";
constexpr char kFullLead[] =
    "london june 2 buffer stock manag intern cocoa organ icco tender 3 000 tonn cocoa bean "
    "wednesday june 3 icco statement";

TEST_CASE("A flash whose words the full story holds is the same story") {
  const StorySignature full = Sig(kFullTitle, kFullLead);
  const StorySignature flash =
      Sig("icco buffer stock manag buy 3 000 tonn cocoa wednesday june 3 offici", "", 1000200, 2);
  CHECK(StoryContainment(flash, full) >= kStoryContainment);
  CHECK(SameStory(flash, full));
  CHECK(SameStory(full, flash));
}

TEST_CASE("Unrelated articles, and the same words days apart, are other stories") {
  const StorySignature full = Sig(kFullTitle, kFullLead);
  CHECK_FALSE(SameStory(full, Sig("wheat export subsidi egypt",
                                  "washington usda offer egypt "
                                  "bonus wheat export enhanc program",
                                  1000000, 3)));
  // The same words a week later: a new story (a weekly report, not a rewrite).
  CHECK_FALSE(SameStory(full, Sig(kFullTitle, kFullLead, 1000000 + 7 * 86400, 4)));
  // Exact copies are one story whatever their dates.
  CHECK(SameStory(full, Sig(kFullTitle, kFullLead, 1000000 + 70 * 86400, 1)));
}

TEST_CASE("Signatures survive the value slot and equal word sets give equal bands") {
  StorySignature a = Sig(kFullTitle, kFullLead);
  a.id_hash = 42;
  const auto back = DecodeStorySignature(EncodeStorySignature(a));
  REQUIRE(back);
  CHECK(back->words == a.words);
  CHECK(back->published == a.published);
  CHECK(back->id_hash == 42);
  CHECK_FALSE(DecodeStorySignature("short"));
  const auto bands = StoryBandTerms(a);
  CHECK(bands.size() == static_cast<std::size_t>(kStoryBands));
  CHECK(StoryBandTerms(Sig(kFullTitle, kFullLead, 5, 9)) == bands);
  CHECK(StoryBandTerms(Sig("two words", "")).empty());
}

// Writes three tellings of one story and two unrelated articles.
void WriteStory(const TempDir& dir, const std::string& folder, const std::vector<int>& which) {
  const std::string lead =
      "The buffer stock manager of the International Cocoa Organization will tender for about "
      "3,000 tonnes of cocoa beans Wednesday, June 3, the ICCO said in a statement.";
  const std::map<int, std::pair<std::string, std::string>> articles = {
      {1, {"ICCO BUFFER TO BUY 3,000 TONNES COCOA JUNE 3", lead + " Other conditions stay."}},
      {2, {"ICCO buffer stock manager to buy 3,000 tonnes cocoa Wednesday, June 3 - official", ""}},
      {3, {"Cocoa buffer stock to buy 3,000 tonnes", lead + " Traders expect more."}},
      {4, {"Wheat exports to Egypt rise", "Washington said the program offers a bonus."}},
      {5, {"Coffee quotas talks stall in London", "Producers and consumers failed to agree."}}};
  for (int n : which) {
    const auto& [title, body] = articles.at(n);
    dir.Write(folder + "/" + std::to_string(n) + ".md",
              MarkdownArticle(title, body,
                              "webUrl: \"https://news.example/" + std::to_string(n) +
                                  "\"\npublishedDateTime: 1987-06-02T14:4" + std::to_string(n) +
                                  ":00Z\n"));
  }
}

std::map<std::string, std::string> Labels(const std::string& db) {
  auto members = ReadStories(db);
  REQUIRE(members.ok());
  std::map<std::string, std::string> out;
  for (const auto& m : *members) out[m.id] = m.story + (m.shared ? "+" : "");
  return out;
}

TEST_CASE("Stories come out the same in one run, in several runs and over shards") {
  TempDir dir;
  WriteStory(dir, "all", {1, 2, 3, 4, 5});
  WriteStory(dir, "first", {4, 2});
  WriteStory(dir, "second", {5, 3, 1});
  IndexOptions options;
  options.db_path = dir.Sub("one");
  REQUIRE(IndexPaths({dir.Sub("all")}, options).ok());
  const auto one = Labels(options.db_path);
  const std::string story = one.at("https://news.example/1");
  CHECK(story.back() == '+');
  CHECK(one.at("https://news.example/2") == story);
  CHECK(one.at("https://news.example/3") == story);
  CHECK(one.at("https://news.example/4") != story);
  CHECK(one.at("https://news.example/4").back() != '+');

  options.db_path = dir.Sub("runs");
  options.shards = 2;
  REQUIRE(IndexPaths({dir.Sub("first")}, options).ok());
  auto second = IndexPaths({dir.Sub("second")}, options);
  REQUIRE(second.ok());
  CHECK(second->story_articles == 3);
  CHECK(Labels(options.db_path) == one);
}

}  // namespace
}  // namespace gazette::indexer
