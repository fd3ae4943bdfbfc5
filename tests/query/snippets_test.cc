// Snippets: window choice, escaping and highlighting of stems and phrases.
#include "query/assemble/snippets.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

TEST_CASE("Snippet marks every form that matches a stem - and escapes HTML") {
  indexer::Analyzer a;
  const std::string html =
      Snippet("Foundations & <b>the</b> foundation founded", {"foundat"}, "en", 200, &a);
  CHECK(html ==
        "<mark>Foundations</mark> &amp; &lt;b&gt;the&lt;/b&gt; <mark>foundation</mark> founded");
}

TEST_CASE("Snippet marks a phrase as one run") {
  indexer::Analyzer a;
  const std::string html =
      Snippet("The Linux Foundation said so.", {"linux", "foundat"}, "en", 200, &a);
  CHECK(html == "The <mark>Linux Foundation</mark> said so.");
}

TEST_CASE("Snippet picks the window with the matches and marks the cuts") {
  indexer::Analyzer a;
  std::string text;
  for (int i = 0; i < 100; ++i) text += "filler words here. ";
  text += "The cocoa harvest was late. ";
  for (int i = 0; i < 100; ++i) text += "more filler text. ";
  const std::string html = Snippet(text, {"cocoa", "harvest"}, "en", 120, &a);
  CHECK(html.find("<mark>cocoa harvest</mark>") != std::string::npos);
  CHECK(html.rfind("\xE2\x80\xA6", 0) == 0);  // starts with an ellipsis
  CHECK(html.size() < 250);
}

TEST_CASE("Snippet without terms is the start of the text with spaces collapsed") {
  indexer::Analyzer a;
  CHECK(Snippet("Line one\n    line two", {}, "en", 200, &a) == "Line one line two");
}

using Spans = std::vector<indexer::Analyzer::Span>;

// Whether AsciiWordSpans gives what ICU gives for `text`; false when it declines.
bool SameAsIcu(std::string_view text, indexer::Analyzer* a) {
  Spans fast;
  Spans icu;
  if (!AsciiWordSpans(text, &fast)) return false;
  a->WordSpans(text, &icu);
  INFO(std::string(text.substr(0, 200)));
  REQUIRE(fast.size() == icu.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    INFO("word " << i << ": " << text.substr(icu[i].begin, icu[i].end - icu[i].begin));
    CHECK(fast[i].begin == icu[i].begin);
    CHECK(fast[i].end == icu[i].end);
  }
  return true;
}

TEST_CASE("AsciiWordSpans finds ICU's words in ASCII text - declines the rest") {
  indexer::Analyzer a;
  for (const char* text :
       {"The U.S. said 1,000.5 tonnes; don't a.1 1.a 3a.b 4'5 x' 'y end.", "10:30 and 2;3 or 2; 3",
        "  lead, trail. ", "", "...", "a--b (c) [d] {e} \"f\" #g $5 50% h&i j/k l+m"}) {
    CHECK(SameAsIcu(text, &a));
  }
  Spans spans;
  for (const char* text : {"foo_bar", "mail@example.com", "a:b", "caf\xC3\xA9"}) {
    CHECK_FALSE(AsciiWordSpans(text, &spans));
  }
  CHECK(spans.empty());
}

TEST_CASE("AsciiWordSpans agrees with ICU on the real corpora") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) FAIL("../shared/corpora is missing: cannot test");
  indexer::Analyzer a;
  int compared = 0;
  int declined = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpora + "/reuters")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    // As snippets see stored text: the body after the front matter, up to 4 KiB at a
    // time.
    std::string all = text.str();
    const std::size_t body = all.find("\n---\n", 4);
    if (body != std::string::npos) all.erase(0, body + 5);
    for (std::size_t at = 0; at < all.size(); at += 4096) {
      (SameAsIcu(std::string_view(all).substr(at, 4096), &a) ? compared : declined) += 1;
    }
  }
  // Most text is plain ASCII here: the comparison is not vacuous.
  CHECK(compared > 10000);
  CHECK(compared > 4 * declined);
}

}  // namespace
}  // namespace gazette::query
