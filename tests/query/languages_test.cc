// Multi-language search on scratch corpora: diacritic folding with exact forms first,
// per-article stemmers, stop words, CJK bigrams, and the lang filter.
#include <catch2/catch.hpp>

#include "query/plan/query_parser.h"
#include "query/search.h"
#include "tests/support/scratch_index.h"

namespace gazette::query {
namespace {

using gazette::testing::MarkdownArticle;
using gazette::testing::ScratchIndex;

// `articles`: slug -> (title, body, language field or "").
std::vector<std::pair<std::string, std::string>> Articles(
    const std::vector<std::array<std::string, 4>>& articles) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [slug, title, body, language] : articles) {
    const std::string fm = "webUrl: \"https://n.example/" + slug + "\"\n" +
                           (language.empty() ? "" : "language: \"" + language + "\"\n");
    out.emplace_back(slug, MarkdownArticle(title, body, fm));
  }
  return out;
}

struct Corpus : ScratchIndex {
  explicit Corpus(const std::vector<std::array<std::string, 4>>& articles)
      : ScratchIndex(Articles(articles)) {}

  std::vector<std::string> Ids(const std::string& q, std::vector<std::string> languages = {}) {
    SearchRequest r;
    r.query = q;
    r.languages = std::move(languages);
    r.ranking.quality = 0;
    r.ranking.recency = 0;
    r.collapse = false;  // the accented and plain copies are one story
    auto resp = searcher->Search(r);
    REQUIRE(resp.ok());
    std::vector<std::string> ids;
    for (const auto& h : resp->hits) ids.push_back(h.id.substr(h.id.rfind('/') + 1));
    return ids;
  }
};

TEST_CASE("Accent folding: unaccented queries find accented words - exact forms rank first") {
  Corpus c({{"accented", "Banks in Z\xC3\xBCrich", "A r\xC3\xA9sum\xC3\xA9 of the day.", "en"},
            {"plain", "Banks in Zurich", "A resume of the day.", "en"}});
  CHECK(c.Ids("Zurich").size() == 2);
  CHECK(c.Ids("resume").size() == 2);
  CHECK(c.Ids("Z\xC3\xBCrich") == std::vector<std::string>{"accented", "plain"});
  CHECK(c.Ids("r\xC3\xA9sum\xC3\xA9") == std::vector<std::string>{"accented", "plain"});
}

TEST_CASE("Each article is stemmed in its language and queries match in every language") {
  Corpus c(
      {{"de", "Neue Vertr\xC3\xA4ge", "Die Gewerkschaften fordern neue Vertr\xC3\xA4ge.", "de"},
       {"en", "New contracts", "The unions demand new contracts.", "en"}});
  CHECK(c.Ids("Gewerkschaft") == std::vector<std::string>{"de"});
  CHECK(c.Ids("Vertrag") == std::vector<std::string>{"de"});
  CHECK(c.Ids("Vertrage") == std::vector<std::string>{"de"});  // umlaut folded in the query
  CHECK(c.Ids("contract") == std::vector<std::string>{"en"});
  // "die" is a German stop word: dropped, so the English article need not contain it.
  CHECK(c.Ids("die unions") == std::vector<std::string>{"en"});
  // A lang filter restricts the stemmers: English stemming of "contracts" still works.
  CHECK(c.Ids("contracts", {"en"}) == std::vector<std::string>{"en"});
}

TEST_CASE("CJK: a substring the dictionary splits differently is found through bigrams") {
  // 東京都に住む人 and 京都の寺: the query 京都 is a word in the second and only a
  // substring (across the words 東京 | 都) in the first.
  Corpus c({{"tokyo",
             "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAB\xE4\xBD\x8F\xE3\x82\x80"
             "\xE4\xBA\xBA",
             "", ""},
            {"kyoto", "\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAE\xE5\xAF\xBA", "", ""}});
  const auto ids = c.Ids("\xE4\xBA\xAC\xE9\x83\xBD");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "kyoto");  // the whole-word match ranks above the bigram-only one
  // Quoted, the same holds.
  CHECK(c.Ids("\"\xE4\xBA\xAC\xE9\x83\xBD\"").size() == 2);
}

TEST_CASE("The expanded query has synonyms per language and the exact form") {
  indexer::Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  QueryParser parser(&analyzer, db);
  const std::string d = parser.Parse("Vertr\xC3\xA4ge", {"de", "en"}).text.get_description();
  CHECK(d.find("SYNONYM") != std::string::npos);
  INFO(d);
  CHECK(d.find("vertrag)") != std::string::npos);           // German stem, folded
  CHECK(d.find("XEvertr\xC3\xA4ge") != std::string::npos);  // exact form
  // Stop words of the query's languages are dropped outside phrases only.
  CHECK(parser.Parse("die Vertrag", {"de"}).text.get_description().find("die") ==
        std::string::npos);
  CHECK(parser.Parse("\"die Vertrag\"", {"de"}).text.get_description().find("die") !=
        std::string::npos);
}

}  // namespace
}  // namespace gazette::query
