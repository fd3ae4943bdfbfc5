// Tests for the readers' input limits and structured problems: hostile front matter
// and records are refused with the limit they pass, named by path and line.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

const std::string kPath = "news/a.md";

// A front matter of `levels` nested aliases, each standing for ten of the one before
// ("billion laughs"), then a quoted string that is never closed.
std::string AliasBomb(int levels) {
  std::string text = "---\ntitle: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j > 0 ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  return text + "z: \"never closed\n---\nbody\n";
}

Diagnostic MustFail(const ArticleResult& result) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kInvalidArgument);
  CHECK(result.status().message() == result.problem().ToString());
  return result.problem();
}

TEST_CASE("ParseMarkdown refuses a YAML alias bomb instead of expanding it", "[limits]") {
  std::vector<Diagnostic> warnings;
  // Ten levels stand for 10^10 values: expanded, this would not finish.
  const Diagnostic problem = MustFail(ParseMarkdown(AliasBomb(10), kPath, &warnings));
  CHECK(problem.path == kPath);
  CHECK(problem.line >= 3);
  CHECK_THAT(problem.message, Catch::Contains("YAML aliases count as every value"));
}

TEST_CASE("ParseMarkdown reads modest alias use", "[limits]") {
  std::vector<Diagnostic> warnings;
  const ArticleResult article = ParseMarkdown(
      "---\ntitle: T\nprovider: &p {name: Reuters, domain: reuters.com}\nrelated:\n"
      "  - {title: A, provider: *p}\n  - {title: B, provider: *p}\n---\n",
      kPath, &warnings);
  INFO(article.status().message());
  REQUIRE(article.ok());
  REQUIRE(article->related.size() == 2);
  CHECK(article->related[1].provider.name == "Reuters");
}

TEST_CASE("ParseMarkdown refuses front matter past the key - topic and depth limits", "[limits]") {
  std::vector<Diagnostic> warnings;
  SECTION("keys") {
    std::string text = "---\ntitle: T\n";
    for (std::size_t i = 0; i < kMaxKeys + 1; ++i) text += "k" + std::to_string(i) + ": v\n";
    const Diagnostic problem = MustFail(ParseMarkdown(text + "---\n", kPath, &warnings));
    CHECK_THAT(problem.message, Catch::Contains("more than 10000 keys"));
  }
  SECTION("topics") {
    std::string text = "---\ntitle: T\ntopics:\n";
    for (std::size_t i = 0; i < kMaxTopics + 1; ++i) text += "  - t" + std::to_string(i) + "\n";
    const Diagnostic problem = MustFail(ParseMarkdown(text + "---\n", kPath, &warnings));
    CHECK(problem.line == 4 + static_cast<int>(kMaxTopics));
    CHECK(problem.message == "topics: more than 10000 topics");
  }
  SECTION("depth") {
    const std::string text =
        "---\ntitle: T\nextra: " + std::string(40, '[') + std::string(40, ']') + "\n---\n";
    const Diagnostic problem = MustFail(ParseMarkdown(text, kPath, &warnings));
    CHECK(problem.line == 3);
    CHECK_THAT(problem.message, Catch::Contains("nested more than 32 levels"));
  }
}

TEST_CASE("ParseMarkdown keeps every topic up to the limit and finds a late duplicate key",
          "[limits]") {
  std::vector<Diagnostic> warnings;
  std::string text = "---\ntitle: T\ntopics:\n";
  for (std::size_t i = 0; i < kMaxTopics; ++i) text += "  - t" + std::to_string(i % 5000) + "\n";
  const ArticleResult article = ParseMarkdown(text + "---\n", kPath, &warnings);
  INFO(article.status().message());
  REQUIRE(article.ok());
  CHECK(article->topics.size() == 5000);  // repeats dropped
  CHECK(article->topics.back() == "t4999");

  std::string keys = "---\ntitle: T\n";
  for (int i = 0; i < 5000; ++i) keys += "k" + std::to_string(i) + ": v\n";
  const Diagnostic problem = MustFail(ParseMarkdown(keys + "k17: again\n---\n", kPath, &warnings));
  CHECK(problem.line == 5003);
  CHECK(problem.message == "duplicate key \"k17\" (first on line 20)");
}

TEST_CASE("ParseMarkdown takes secured of any YAML type and keeps only text", "[limits]") {
  const std::pair<const char*, const char*> cases[] = {
      {"secured: {key: k, iv: [1, 2]}\n", ""},
      {"secured: [a, b]\n", ""},
      {"secured: 42\n", "42"},
      {"secured: opaque\n", "opaque"},
  };
  for (const auto& [field, kept] : cases) {
    INFO(field);
    std::vector<Diagnostic> warnings;
    const ArticleResult article =
        ParseMarkdown(std::string("---\ntitle: T\n") + field + "---\nBody\n", kPath, &warnings);
    INFO(article.status().message());
    REQUIRE(article.ok());
    CHECK(article->secured == kept);
  }
}

TEST_CASE("ParseJsonLine refuses records past the key and depth limits", "[limits]") {
  std::vector<Diagnostic> warnings;
  SECTION("keys") {
    std::string record = "{\"title\": \"T\"";
    for (std::size_t i = 0; i < kMaxKeys + 1; ++i) record += ",\"k" + std::to_string(i) + "\":1";
    const Diagnostic problem = MustFail(ParseJsonLine(record + "}", "f.jsonl", 7, &warnings));
    CHECK(problem.line == 7);
    CHECK_THAT(problem.message, Catch::Contains("more than 10000 keys"));
  }
  SECTION("depth") {
    const std::string record =
        "{\"title\": \"T\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    const Diagnostic problem = MustFail(ParseJsonLine(record, "f.jsonl", 7, &warnings));
    CHECK_THAT(problem.message, Catch::Contains("nested more than 32 levels"));
  }
  SECTION("a late duplicate key among many") {
    std::string record = "{\"title\": \"T\"";
    for (int i = 0; i < 5000; ++i) record += ",\"k" + std::to_string(i) + "\":1";
    const Diagnostic problem =
        MustFail(ParseJsonLine(record + ",\"k9\":2}", "f.jsonl", 7, &warnings));
    CHECK(problem.message == "duplicate key \"k9\"");
  }
  SECTION("secured as an object") {
    const ArticleResult article = ParseJsonLine(
        R"({"title": "T", "secured": {"key": "k", "iv": [1, 2]}})", "f.jsonl", 7, &warnings);
    INFO(article.status().message());
    REQUIRE(article.ok());
    CHECK(article->secured.empty());
  }
}

TEST_CASE("Diagnostics name the file - line and reason as separate values", "[limits]") {
  std::vector<Diagnostic> warnings;
  const Diagnostic problem =
      MustFail(ParseMarkdown("---\ntitle: T\nquality: 150\n---\n", "dir/x:7: y.md", &warnings));
  CHECK(problem.path == "dir/x:7: y.md");  // a path that looks like a location stays whole
  CHECK(problem.line == 3);
  CHECK(problem.message == "quality: 150 is out of range (0 to 100)");
}

TEST_CASE("Diagnostic::ToString escapes what a file name could forge output with", "[limits]") {
  const Diagnostic d{"a\nskipped: b.md\x1b[2J\\c\xff\xc2\x9b.md", 3, "reason\nmore"};
  CHECK(d.ToString() == "a\\nskipped: b.md\\x1b[2J\\\\c\\xff\\u009b.md:3: reason\\nmore");
}

}  // namespace
}  // namespace gazette::corpus
