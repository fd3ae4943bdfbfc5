// Snippets: window choice, escaping and highlighting of stems and phrases.
#include "query/assemble/snippets.h"

#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace gazette::query
