// Analyzer: normalisation, segmentation, word pieces and stemming.
#include "indexer/analysis/analyzer.h"

#include <catch2/catch.hpp>

namespace gazette::indexer {
namespace {

std::vector<std::string> WordsOf(Analyzer& a, std::string_view text) {
  std::vector<Analyzer::Word> words;
  a.Words(text, &words);
  std::vector<std::string> out;
  for (auto& w : words) out.push_back(w.text);
  return out;
}

std::vector<std::string> TermsOf(Analyzer& a, std::string_view text, std::string_view lang = "en") {
  std::vector<std::string> terms;
  a.Terms(text, lang, &terms);
  return terms;
}

TEST_CASE("Normalize folds case - width and typographic apostrophes") {
  Analyzer a;
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Meta\xE2\x80\x99s", "meta's"},                  // U+2019
      {"Meta\xE2\x80\x98s", "meta's"},                  // U+2018
      {"PyTorch FOUNDATION", "pytorch foundation"},     // ASCII fast path
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"},  // full-width ＡＢＣ
      {"\xEF\xBC\x96\xE6\x9C\x88", "6\xE6\x9C\x88"},    // ６月 -> 6月
      {"Stra\xC3\x9F"
       "e",
       "strasse"},  // case folding of ß
      {"\xC3\x9C"
       "BER",
       "\xC3\xBC"
       "ber"},  // Ü -> ü
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(a.Normalize(row.in) == row.out);
  }
}

TEST_CASE("Words segments - drops punctuation and cuts words into pieces") {
  Analyzer a;
  CHECK(WordsOf(a, "Meta\xE2\x80\x99s PyTorch, now!") ==
        std::vector<std::string>{"metas", "pytorch", "now"});
  CHECK(WordsOf(a, "Meta's") == WordsOf(a, "Meta\xE2\x80\x99s"));
  CHECK(WordsOf(a, "The U.S. economy") == std::vector<std::string>{"the", "u", "s", "economy"});
  CHECK(WordsOf(a, "1,750 dlrs") == std::vector<std::string>{"1", "750", "dlrs"});
  CHECK(WordsOf(a, "").empty());
  CHECK(WordsOf(a, " -- ... !!").empty());

  std::vector<Analyzer::Word> words;
  a.Words("U.S. bank", &words);
  REQUIRE(words.size() == 3);
  CHECK_FALSE(words[0].joined_to_previous);
  CHECK(words[1].joined_to_previous);  // "s" belongs to the same segmented word as "u"
  CHECK_FALSE(words[2].joined_to_previous);
}

TEST_CASE("Words segments Japanese with the ICU dictionary") {
  Analyzer a;
  // 東京都に住む: "live in Tokyo"; a dictionary segmenter yields more than one word.
  auto words =
      WordsOf(a, "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAB\xE4\xBD\x8F\xE3\x82\x80");
  CHECK(words.size() >= 2);
  bool has_tokyo = false;
  for (const auto& w : words) has_tokyo |= w.rfind("\xE6\x9D\xB1\xE4\xBA\xAC", 0) == 0;
  CHECK(has_tokyo);
}

TEST_CASE("Words drops junk longer than kMaxWordBytes") {
  Analyzer a;
  const std::string junk(Analyzer::kMaxWordBytes + 1, 'x');
  CHECK(WordsOf(a, "good " + junk + " words") == std::vector<std::string>{"good", "words"});
}

TEST_CASE("Terms stems by language") {
  Analyzer a;
  CHECK(TermsOf(a, "Foundations running") == std::vector<std::string>{"foundat", "run"});
  CHECK(TermsOf(a, "Meta's") == TermsOf(a, "Meta"));
  CHECK(TermsOf(a, "Gewerkschaften", "de") == TermsOf(a, "Gewerkschaft", "de"));
  // A language without a Snowball stemmer is left unstemmed.
  CHECK(TermsOf(a, "running", "ja") == std::vector<std::string>{"running"});
}

TEST_CASE("Terms fold Latin diacritics at both ends - and only Latin ones") {
  Analyzer a;
  CHECK(TermsOf(a, "Z\xC3\xBCrich") == TermsOf(a, "Zurich"));         // Zürich
  CHECK(TermsOf(a, "r\xC3\xA9sum\xC3\xA9") == TermsOf(a, "resume"));  // résumé
  CHECK(TermsOf(a, "\xC3\x96sterreich", "de") == TermsOf(a, "Osterreich", "de"));
  CHECK(TermsOf(a, "Vertr\xC3\xA4ge", "de") == TermsOf(a, "Vertrag", "de"));  // Verträge
  CHECK(TermsOf(a,
                "Stra\xC3\x9F"
                "e",
                "de") == TermsOf(a, "Strasse", "de"));  // ß -> ss
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"na\xC3\xAF"
       "ve",
       "naive"},
      {"\xC3\xB8"
       "resund",
       "oresund"},  // ø
      {"\xC5\x82\xC3\xB3"
       "d\xC5\xBA",
       "lodz"},  // łódź
      {"\xC3\xA6"
       "gir",
       "aegir"},                                                 // æ
      {"vi\xE1\xBB\x87t", "viet"},                               // Vietnamese ệ
      {"\xE3\x81\x8C\xE3\x81\xB3", "\xE3\x81\x8C\xE3\x81\xB3"},  // がび: kana keep dakuten
      {"\xD0\xB9", "\xD0\xB9"},                                  // Cyrillic й stays
      {"plain", "plain"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(a.Fold(row.in) == row.out);
  }
}

TEST_CASE("Analyze keeps the exact form only when folding changed the word") {
  Analyzer a;
  Analyzer::IndexTerms t;
  a.Analyze("Z\xC3\xBCrich and Zurich", "en", &t);
  CHECK(t.terms == std::vector<std::string>{"zurich", "and", "zurich"});
  CHECK(t.exact == std::vector<std::string>{"z\xC3\xBCrich"});
  CHECK(t.bigrams.empty());
}

TEST_CASE("Analyze gives the bigrams of each CJK run - across dictionary words") {
  Analyzer a;
  Analyzer::IndexTerms t;
  // 東京都に住む。大阪 : one run of six characters, a full stop, a run of two.
  a.Analyze(
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAB\xE4\xBD\x8F\xE3\x82\x80"
      "\xE3\x80\x82\xE5\xA4\xA7\xE9\x98\xAA",
      "ja", &t);
  const std::vector<std::string> expected = {"\xE6\x9D\xB1\xE4\xBA\xAC", "\xE4\xBA\xAC\xE9\x83\xBD",
                                             "\xE9\x83\xBD\xE3\x81\xAB", "\xE3\x81\xAB\xE4\xBD\x8F",
                                             "\xE4\xBD\x8F\xE3\x82\x80", "",
                                             "\xE5\xA4\xA7\xE9\x98\xAA", ""};
  CHECK(t.bigrams == expected);
  // Full-width Latin normalises first and is not CJK: no bigrams.
  Analyzer::IndexTerms latin;
  a.Analyze("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "ja", &latin);
  CHECK(latin.terms == std::vector<std::string>{"abc"});
  CHECK(latin.bigrams.empty());
}

TEST_CASE("WordSpans gives byte ranges in the original text") {
  Analyzer a;
  const std::string text = "Hello, W\xC3\xB6rld!";
  std::vector<Analyzer::Span> spans;
  a.WordSpans(text, &spans);
  REQUIRE(spans.size() == 2);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "Hello");
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "W\xC3\xB6rld");
}

TEST_CASE("No analysis yields an empty term - a lone combining mark included") {
  Analyzer a;
  // U+02F6 then U+0322 (a combining hook with nothing to combine with), and friends.
  const std::string texts[] = {"\xcb\xb6\xcc\xa2", "\xcc\xa2", "x \xcc\x81\xcc\x82 y",
                               "\xe2\x80\x99\xcc\xa2'"};
  for (const std::string& text : texts) {
    INFO(text);
    Analyzer::IndexTerms out;
    a.Analyze(text, "en", &out);
    for (const auto& t : out.terms) CHECK_FALSE(t.empty());
    for (const auto& t : out.exact) CHECK_FALSE(t.empty());
    for (const auto& t : TermsOf(a, text)) CHECK_FALSE(t.empty());
  }
  Analyzer::IndexTerms out;
  a.Analyze("x \xcc\x81\xcc\x82 y", "en", &out);
  CHECK(out.terms == std::vector<std::string>{"x", "y"});
}

}  // namespace
}  // namespace gazette::indexer
