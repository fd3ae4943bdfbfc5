// Tests for corpus/markdown_text.cc: Markdown bodies to plain text.
#include <catch2/catch.hpp>

#include <string>

#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

TEST_CASE("MarkdownToText keeps the words and drops the markup", "[markdown_text]") {
  struct Case {
    const char* name;
    std::string markdown;
    std::string text;
  };
  const Case cases[] = {
      {"empty", "", ""},
      {"blank lines only", "\n\n  \n", ""},
      {"heading and paragraphs", "# Title\n\nFirst para.\n\nSecond para.\n",
       "Title\n\nFirst para.\n\nSecond para."},
      {"setext heading", "Title\n=====\nText", "Title\n\nText"},
      {"soft break is a space", "one\ntwo\r\nthree", "one two three"},
      {"hard break is a newline", "one  \ntwo\\\nthree", "one\ntwo\nthree"},
      {"emphasis and strike", "*a* **b** _c_ ~~d~~ `e`", "a b c d e"},
      {"link keeps its text", "see [the report](https://x.example/r \"T\") now",
       "see the report now"},
      {"autolink", "<https://x.example>", "https://x.example"},
      {"image keeps alt text", "![a cocoa farm](farm.jpg) here", "a cocoa farm here"},
      {"tight list", "- one\n- two\n\n1. three", "one\n\ntwo\n\nthree"},
      {"loose nested list", "- one\n\n  - two\n\n- three", "one\n\ntwo\n\nthree"},
      {"blockquote", "> quoted\n> text\n\nafter", "quoted text\n\nafter"},
      {"fenced code keeps lines", "```cpp\nint x;\n  x++;\n```\nafter", "int x;\n  x++;\n\nafter"},
      {"html block dropped", "<div class=\"ad\">\nBuy now\n</div>\n\nText", "Text"},
      {"inline html dropped", "a <b>bold</b> move<br/>", "a bold move"},
      {"html comment dropped", "<!-- note -->\n\nText", "Text"},
      {"named entities", "AT&amp;T &lt;tag&gt; &quot;q&quot; &copy; &eacute;t&eacute; &nbsp;x",
       "AT&T <tag> \"q\" \u00A9 \u00E9t\u00E9 \u00A0x"},
      {"numeric entities", "&#8364;5 &#x20AC;6 &#X20ac;7 &#0; &#55296;",
       "\u20AC"
       "5 \u20AC"
       "6 \u20AC"
       "7 \uFFFD \uFFFD"},
      {"unknown entity kept", "&bogus; &amp", "&bogus; &amp"},
      {"table cells", "| a | b |\n|---|---|\n| c | d |\n", "a b\n\nc d"},
      {"thematic break", "above\n\n---\n\nbelow", "above\n\nbelow"},
      {"newswire indentation is prose",
       "SALVADOR, Feb 26 - Showers continued\nin the zone.\n    The dry period means the\n"
       "temporao will be late.\n\n    Arrivals for the week",
       "SALVADOR, Feb 26 - Showers continued in the zone. The dry period means the temporao "
       "will be late.\n\nArrivals for the week"},
      {"full-width text", "\u81ea\u8ee2\u8eca\n\n\u3053\u3093\u306B\u3061\u306F",
       "\u81ea\u8ee2\u8eca\n\n\u3053\u3093\u306B\u3061\u306F"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(MarkdownToText(c.markdown) == c.text);
  }
}

TEST_CASE("MarkdownToText output is valid UTF-8 even for bad input", "[markdown_text]") {
  const std::string text = MarkdownToText(
      "price \xA3"
      "5 and a NUL \0 here");
  CHECK(IsValidUtf8(text));
  CHECK_THAT(text, Catch::StartsWith("price \u00A3"
                                     "5"));
  const std::string with_nul = MarkdownToText(std::string("a\0b", 3));
  CHECK(with_nul ==
        "a\uFFFD"
        "b");
}

}  // namespace
}  // namespace gazette::corpus
