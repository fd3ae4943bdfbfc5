// Tests for corpus/utf8.cc: validation and the windows-1252 fallback.
#include <catch2/catch.hpp>

#include <string>

#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

TEST_CASE("EnsureUtf8 leaves valid UTF-8 alone", "[utf8]") {
  const std::string cases[] = {
      "",
      "plain ASCII text that is longer than one eight-byte word",
      "Meta\u2019s PyTorch \u2014 caf\u00e9",
      "\u81ea\u8ee2\u8eca\u5973\u5b50 \u3000full-width",
      "emoji \U0001F600 and U+10FFFF \U0010FFFF",
  };
  for (const std::string& text : cases) {
    std::string copy = text;
    CHECK_FALSE(EnsureUtf8(&copy));
    CHECK(copy == text);
    CHECK(IsValidUtf8(text));
  }
}

TEST_CASE("EnsureUtf8 decodes stray bytes as windows-1252", "[utf8]") {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"a \xA3"
       "15.8m signing",
       "a \u00A315.8m signing"},
      {"caf\xE9", "caf\u00E9"},
      {"\x80"
       "5",
       "\u20AC"
       "5"},
      {"\x93quoted\x94", "\u201Cquoted\u201D"},
      // Valid sequences around the stray byte survive: mixed files are common.
      {"\u2026 \xA3 \u2019", "\u2026 \u00A3 \u2019"},
      {"overlong \xC0\xAF", "overlong \u00C0\u00AF"},
      {"surrogate \xED\xA0\x80", "surrogate \u00ED\u00A0\u20AC"},
      {"cut \xE2\x80", "cut \u00E2\u20AC"},
      {"too high \xF4\x90\x80\x80", "too high \u00F4\u0090\u20AC\u20AC"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK_FALSE(IsValidUtf8(c.in));
    std::string text = c.in;
    CHECK(EnsureUtf8(&text));
    CHECK(text == c.out);
    CHECK(IsValidUtf8(text));
  }
}

TEST_CASE("FindInvalidUtf8 points at the first bad byte", "[utf8]") {
  CHECK(FindInvalidUtf8("abc") == std::string_view::npos);
  CHECK(FindInvalidUtf8("abcdefghijkl\xFF") == 12);
  CHECK(FindInvalidUtf8("\u00e9\xC3") == 2);
}

}  // namespace
}  // namespace gazette::corpus
