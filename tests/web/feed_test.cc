// Atom rendering, XML escaping and the conditional-GET rules of feeds.
#include "web/feed.h"

#include <catch2/catch.hpp>

#include "web/xml.h"

namespace gazette::web {
namespace {

TEST_CASE("XmlEscape escapes markup, drops forbidden controls and repairs UTF-8", "[feed]") {
  CHECK(XmlEscape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(XmlEscape("tab\there\x01\x1f") == "tab\there");
  CHECK(XmlEscape("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(XmlEscape("\xa3 5") == "\xEF\xBF\xBD 5");  // a Latin-1 pound sign
  CHECK(XmlEscape("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(XmlEscape("\xef\xbf\xbe") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFE
}

TEST_CASE("RenderAtom orders entries as given and dates the feed by the newest", "[feed]") {
  FeedHeader header{"http://h/feed?q=x", "gazette: x", "http://h/feed?q=x", "http://h/?q=x"};
  FeedEntry older;
  older.id = "a:1";
  older.title = "Old <b>";
  older.url = "https://e/1";
  older.provider = "Wire";
  older.published = "2020-01-01T00:00:00Z";
  older.topics = {"oil"};
  FeedEntry newer;
  newer.id = newer.url = "https://e/2";
  newer.title = "New";
  newer.published = "2021-05-06T07:08:09Z";
  newer.summary_html = "<mark>x</mark>";
  const std::string atom = RenderAtom(header, {older, newer});
  CHECK(atom.find("<updated>2021-05-06T07:08:09Z</updated>\n<author>") != std::string::npos);
  CHECK(atom.find("urn:gazette:article:a:1") < atom.find("<id>https://e/2</id>"));
  CHECK(atom.find("<title type=\"text\">Old &lt;b&gt;</title>") != std::string::npos);
  CHECK(atom.find("&lt;mark&gt;x&lt;/mark&gt;") != std::string::npos);
  CHECK(atom.find("<category term=\"oil\"/>") != std::string::npos);
  CHECK(RenderAtom(header, {older, newer}) == atom);
  CHECK(RenderAtom(header, {}).find("<updated>1970-01-01T00:00:00Z</updated>") !=
        std::string::npos);
  CHECK(NewestDate({older, newer}) == 1620284889);
  // A match's time, when given, dates an entry and the feed instead of its article.
  older.updated = "2022-01-01T00:00:00Z";
  CHECK(NewestDate({older, newer}) == 1640995200);
  CHECK(RenderAtom(header, {older})
            .find("<updated>2022-01-01T00:00:00Z</updated>\n<published>"
                  "2020-01-01T00:00:00Z</published>") != std::string::npos);
}

TEST_CASE("HTTP dates round-trip", "[feed]") {
  CHECK(HttpDate(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
  CHECK_FALSE(ParseHttpDate("yesterday"));
  CHECK_FALSE(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST_CASE("NotModified follows If-None-Match first, then If-Modified-Since", "[feed]") {
  const std::string etag = "\"00ff\"";
  CHECK(NotModified({etag, ""}, etag, std::nullopt));
  CHECK(NotModified({"\"1\", W/" + etag, ""}, etag, std::nullopt));
  CHECK(NotModified({"*", ""}, etag, std::nullopt));
  CHECK_FALSE(NotModified({"\"other\"", ""}, etag, 100));
  // A stale tag wins over a date that would hold.
  CHECK_FALSE(NotModified({"\"other\"", HttpDate(200)}, etag, 100));
  CHECK(NotModified({"", HttpDate(100)}, etag, 100));
  CHECK_FALSE(NotModified({"", HttpDate(99)}, etag, 100));
  CHECK_FALSE(NotModified({"", HttpDate(100)}, etag, std::nullopt));
  CHECK_FALSE(NotModified({"", ""}, etag, 100));
  CHECK(EntityTag("a") == EntityTag("a"));
  CHECK(EntityTag("a") != EntityTag("b"));
}

}  // namespace
}  // namespace gazette::web
