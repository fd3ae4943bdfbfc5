// Analyzer: normalisation, segmentation, word pieces and stemming.
#include "indexer/analyzer.h"

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

TEST_CASE("Normalize folds case, width and typographic apostrophes") {
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

TEST_CASE("Words segments, drops punctuation and cuts words into pieces") {
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

TEST_CASE("WordSpans gives byte ranges in the original text") {
  Analyzer a;
  const std::string text = "Hello, W\xC3\xB6rld!";
  std::vector<Analyzer::Span> spans;
  a.WordSpans(text, &spans);
  REQUIRE(spans.size() == 2);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "Hello");
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "W\xC3\xB6rld");
}

}  // namespace
}  // namespace gazette::indexer
