// Tests for corpus/jsonl_reader.cc: JSON Lines records, real and broken.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::corpus {
namespace {

const std::string kPath = "feeds/news.jsonl";

TEST_CASE("SplitJsonLines numbers records and skips blank lines", "[jsonl_reader]") {
  const std::vector<JsonLine> lines =
      SplitJsonLines("\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":2}\n\r\n{\"c\":3}");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].bytes == "{\"a\":1}");
  CHECK(lines[0].line == 1);
  CHECK(lines[1].bytes == "{\"b\":2}");
  CHECK(lines[1].line == 4);
  CHECK(lines[2].bytes == "{\"c\":3}");
  CHECK(lines[2].line == 6);
  CHECK(SplitJsonLines("").empty());
  CHECK(SplitJsonLines("\n\n").empty());
}

TEST_CASE("ParseJsonLine reads every field and converts the body", "[jsonl_reader]") {
  const std::string record =
      R"({"title": "Ad sales boost Time Warner profit", "excerpt": "Quarterly profits",)"
      R"( "body": "Profits *jumped* 76%.\n\nThe firm &amp; its <b>rivals</b>.",)"
      R"( "category": "news", "type": "article", "topics": ["Business", " Media ", "Business"],)"
      R"( "provider": {"name": "BBC News", "domain": "bbc.co.uk", "extra": 1},)"
      R"( "publishedDateTime": "2004-03-06T13:39:00Z", "webUrl": "https://b.example/1",)"
      R"( "originalUrl": null, "quality": 48.0, "heat": -1, "published": true, "language": "EN",)"
      R"( "images": [{"url": "u", "width": 10, "height": 20, "isCached": true}, null],)"
      R"( "related": [{"title": "R", "quality": 3, "provider": {"name": "P"}, "images": []}],)"
      R"( "secured": "s3cr3t", "unknown": {"deep": [1, {"x": null}]}})";
  std::vector<Diagnostic> warnings;
  const Result<Article> parsed = ParseJsonLine(record, kPath, 12, &warnings);
  INFO(parsed.status().message());
  REQUIRE(parsed.ok());
  // The one top-level field that is neither known nor mapped is named, not dropped.
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].ToString() ==
        kPath +
            ": field \"unknown\" is neither mapped nor known: ignored (map it with --map or "
            "index.fields)");
  const Article& a = *parsed;
  CHECK(a.title == "Ad sales boost Time Warner profit");
  CHECK(a.excerpt == "Quarterly profits");
  CHECK(a.body == "Profits jumped 76%.\n\nThe firm & its rivals.");
  CHECK(a.category == "news");
  CHECK(a.type == "article");
  CHECK(a.topics == std::vector<std::string>{"Business", "Media"});
  CHECK(a.provider.name == "BBC News");
  CHECK(a.provider.domain == "bbc.co.uk");
  CHECK(a.published_at == 1078580340);
  CHECK(a.web_url == "https://b.example/1");
  CHECK(a.original_url.empty());
  CHECK(a.quality == 48);
  CHECK(a.heat == -1);
  CHECK(a.published == true);
  CHECK(a.language == "en");
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].url == "u");
  CHECK(a.images[0].width == 10);
  CHECK(a.images[0].height == 20);
  CHECK(a.images[0].is_cached);
  REQUIRE(a.related.size() == 1);
  CHECK(a.related[0].title == "R");
  CHECK(a.related[0].quality == 3);
  CHECK(a.related[0].provider.name == "P");
  CHECK(a.secured == "s3cr3t");
}

struct ErrorCase {
  const char* name;
  std::string record;
  const char* reason;
};

TEST_CASE("ParseJsonLine rejects broken records with path - line and reason", "[jsonl_reader]") {
  const ErrorCase cases[] = {
      {"syntax error", R"({"title": "T", "quality": })", "JSON syntax error at column"},
      {"truncated", R"({"title": "T")", "JSON syntax error"},
      {"trailing garbage", R"({"title": "T"} x)", "JSON syntax error"},
      {"not an object", R"(["title", "T"])", "record is a list, not a JSON object"},
      {"duplicate key", R"({"title": "T", "quality": 1, "title": "U"})", "duplicate key \"title\""},
      {"nested duplicate key", R"({"title": "T", "provider": {"name": "a", "name": "b"}})",
       "duplicate key \"name\""},
      {"quality is a word", R"({"title": "T", "quality": "high"})",
       "quality: expected a whole number from 0 to 100, got \"high\""},
      {"quality is a numeric string", R"({"title": "T", "quality": "48"})",
       "expected a whole number"},
      {"quality out of range", R"({"title": "T", "quality": 101})",
       "quality: 101 is out of range (0 to 100)"},
      {"quality huge", R"({"title": "T", "quality": 1e300})", "out of range"},
      {"title is a number", R"({"title": 5})", "title: expected text, got 5"},
      {"topics not a list", R"({"title": "T", "topics": "AI"})",
       "topics: expected a list of topics, got \"AI\""},
      {"topic not text", R"({"title": "T", "topics": ["a", 7]})", "topics[1]: expected text"},
      {"provider not an object", R"({"title": "T", "provider": "BBC"})",
       "provider: expected a mapping of fields, got \"BBC\""},
      {"published not a bool", R"({"title": "T", "published": "yes"})",
       "published: expected true or false"},
      {"impossible date", R"({"title": "T", "publishedDateTime": "2023-02-30T10:00:00Z"})",
       "day 30 does not exist"},
      {"date not text", R"({"title": "T", "publishedDateTime": 20230101})",
       "publishedDateTime: expected an ISO-8601 date"},
      {"related image height", R"({"title": "T", "related": [{"images": [{"height": -5}]}]})",
       "related[0].images[0].height: -5 is out of range"},
      {"body not text", R"({"title": "T", "body": ["x"]})", "body: expected text, got a list"},
      {"missing title", R"({"excerpt": "E"})", "missing title"},
      {"empty title", R"({"title": ""})", "title is empty"},
      {"binary", std::string("{\"title\": \"T\0\"}", 15), "binary content, not an article"},
      {"too large", "{\"title\": \"" + std::string(kDefaultMaxArticleBytes, 'x') + "\"}",
       "article is too large"},
  };
  for (const ErrorCase& c : cases) {
    INFO(c.name);
    std::vector<Diagnostic> warnings;
    const Result<Article> article = ParseJsonLine(c.record, kPath, 42, &warnings);
    REQUIRE_FALSE(article.ok());
    CHECK(article.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(article.status().message(), Catch::StartsWith(kPath + ":42: "));
    CHECK_THAT(article.status().message(), Catch::Contains(c.reason));
  }
}

TEST_CASE("ParseJsonLine decodes a stray Latin-1 byte with a warning", "[jsonl_reader]") {
  std::vector<Diagnostic> warnings;
  const Result<Article> a = ParseJsonLine(
      "{\"title\": \"\xA3"
      "15.8m signing \u2026\"}",
      kPath, 7, &warnings);
  REQUIRE(a.ok());
  CHECK(a->title ==
        "\u00A3"
        "15.8m signing \u2026");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].ToString() == kPath + ":7: not valid UTF-8; decoded as windows-1252");
}

TEST_CASE("The BBC corpus parses - including its one Latin-1 line", "[jsonl_reader][corpora]") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) {
    WARN("shared corpora not found; skipping");
    SUCCEED();
    return;
  }
  const std::string path = corpora + "/bbc/bbc.jsonl";
  const Result<std::string> bytes = ReadFileBytes(path, kDefaultMaxFileBytes);
  REQUIRE(bytes.ok());
  const std::vector<JsonLine> lines = SplitJsonLines(*bytes);
  REQUIRE(lines.size() == 2225);

  std::vector<Diagnostic> warnings;
  int parsed = 0;
  for (const JsonLine& line : lines) {
    const Result<Article> a = ParseJsonLine(line.bytes, path, line.line, &warnings);
    INFO(a.status().message());
    REQUIRE(a.ok());
    ++parsed;
  }
  CHECK(parsed == 2225);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].line == 1512);
  CHECK(warnings[0].message == "not valid UTF-8; decoded as windows-1252");

  // The record with the invalid 0xA3 byte: "a \xA3" "15.8m signing" in its body.
  const JsonLine& mutu = lines[1511];
  REQUIRE(mutu.line == 1512);
  std::vector<Diagnostic> mutu_warnings;
  const Result<Article> a = ParseJsonLine(mutu.bytes, path, mutu.line, &mutu_warnings);
  REQUIRE(a.ok());
  CHECK(a->title == "Chelsea sack Mutu");
  CHECK_THAT(a->body, Catch::Contains("a \u00A3"
                                      "15.8m signing from Parma"));
  CHECK(a->topics == std::vector<std::string>{"Sport"});
  CHECK(a->provider.name == "BBC News");
  CHECK(a->quality.has_value());
  REQUIRE(mutu_warnings.size() == 1);
  CHECK(mutu_warnings[0].ToString() == path + ":1512: not valid UTF-8; decoded as windows-1252");
}

}  // namespace
}  // namespace gazette::corpus
