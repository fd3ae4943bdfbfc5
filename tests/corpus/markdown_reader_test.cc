// Tests for corpus/markdown_reader.cc: front matter articles, real and broken.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::corpus {
namespace {

const std::string kPath = "news/a.md";

Article MustParse(const std::string& text, std::vector<Diagnostic>* warnings = nullptr) {
  std::vector<Diagnostic> ignored;
  Result<Article> article = ParseMarkdown(text, kPath, warnings ? warnings : &ignored);
  INFO(article.status().message());
  REQUIRE(article.ok());
  return std::move(article).value();
}

TEST_CASE("ParseMarkdown reads every field", "[markdown_reader]") {
  const Article a = MustParse(
      "---\n"
      "title: \"Rain in Bahia\"\n"
      "excerpt: Showers continued\n"
      "category: news\n"
      "type: article\n"
      "topics: [\" cocoa \", el-salvador, cocoa, \"\", \"Latin America\", 2024]\n"
      "provider: {name: Reuters, domain: reuters.com}\n"
      "publishedDateTime: 2010-05-22T14:30:00+09:00\n"
      "quality: 48.0\n"
      "heat: 7\n"
      "published: yes\n"
      "originalUrl: https://o.example/1\n"
      "webUrl: https://w.example/1\n"
      "language: DE\n"
      "images:\n"
      "  - {url: https://i.example/1.jpg, width: 640, height: 480, isCached: false}\n"
      "  - url: https://i.example/2.jpg\n"
      "related:\n"
      "  - title: Other view\n"
      "    publishedDateTime: 2022-09-12\n"
      "    quality: 0\n"
      "secured: opaque\n"
      "someFutureField: {nested: [1, 2]}\n"
      "---\n"
      "Body *text*.\n");
  CHECK(a.title == "Rain in Bahia");
  CHECK(a.excerpt == "Showers continued");
  CHECK(a.category == "news");
  CHECK(a.type == "article");
  CHECK(a.topics == std::vector<std::string>{"cocoa", "el-salvador", "Latin America", "2024"});
  CHECK(a.provider.name == "Reuters");
  CHECK(a.provider.domain == "reuters.com");
  CHECK(a.published_at == 1274506200);
  CHECK(a.quality == 48);
  CHECK(a.heat == 7);
  CHECK(a.published == true);
  CHECK(a.original_url == "https://o.example/1");
  CHECK(a.web_url == "https://w.example/1");
  CHECK(a.language == "de");
  REQUIRE(a.images.size() == 2);
  CHECK(a.images[0].width == 640);
  CHECK(a.images[0].height == 480);
  CHECK_FALSE(a.images[0].is_cached);
  CHECK(a.images[1].url == "https://i.example/2.jpg");
  CHECK(a.images[1].width == 0);
  REQUIRE(a.related.size() == 1);
  CHECK(a.related[0].title == "Other view");
  CHECK(a.related[0].published_at == 1662940800);
  CHECK(a.related[0].quality == 0);
  CHECK(a.secured == "opaque");
  CHECK(a.body == "Body text.");
}

TEST_CASE("ParseMarkdown handles BOM - CRLF - '...' and empty or absent values",
          "[markdown_reader]") {
  SECTION("BOM and CRLF") {
    const Article a =
        MustParse("\xEF\xBB\xBF---\r\ntitle: T\r\nquality: 5\r\n---\r\nline one\r\nline two\r\n");
    CHECK(a.title == "T");
    CHECK(a.quality == 5);
    CHECK(a.body == "line one line two");
  }
  SECTION("closed by '...', no body, no final newline") {
    const Article a = MustParse("---\ntitle: T\n...");
    CHECK(a.title == "T");
    CHECK(a.body.empty());
  }
  SECTION("null values are absent") {
    const Article a = MustParse(
        "---  \ntitle: T\nquality: null\nheat: ~\npublished:\ntopics:\n  - x\n  - null\n---\n");
    CHECK_FALSE(a.quality.has_value());
    CHECK(a.heat == -1);
    CHECK_FALSE(a.published.has_value());
    CHECK(a.topics == std::vector<std::string>{"x"});
    CHECK_FALSE(a.published_at.has_value());
  }
  SECTION("a '---' inside the body is just Markdown") {
    const Article a = MustParse("---\ntitle: T\n---\nabove\n\n---\n\nbelow\n");
    CHECK(a.body == "above\n\nbelow");
  }
}

// One broken article: its text, the line the error must name, and words of the reason.
struct ErrorCase {
  const char* name;
  std::string text;
  int line;
  const char* reason;
};

TEST_CASE("ParseMarkdown rejects broken articles with path - line and reason",
          "[markdown_reader]") {
  const ErrorCase cases[] = {
      {"no front matter", "title: T\n\nBody\n", 1, "no front matter"},
      {"empty file", "", 1, "no front matter"},
      {"unterminated front matter", "---\ntitle: T\nquality: 5\n", 1, "unterminated front matter"},
      {"YAML syntax error", "---\ntitle: T\nquality: [1, 2\nheat: 3\n---\n", 4,
       "YAML syntax error"},
      {"bad indentation", "---\ntitle: T\nprovider:\n  name: a\n domain: b\n---\n", 5,
       "YAML syntax error"},
      {"unclosed quote", "---\ntitle: T\nexcerpt: \"never closed\nquality: 5\n---\n", 3,
       "quoted string is never closed"},
      {"unclosed quote on the last line", "---\ntitle: 'T\n---\n", 2,
       "quoted string is never closed"},
      {"front matter is a list", "---\n- a\n- b\n---\n", 2, "not a mapping"},
      {"front matter is text", "---\njust words\n---\n", 2, "not a mapping"},
      {"duplicate key", "---\ntitle: T\nquality: 5\ntitle: U\n---\n", 4,
       "duplicate key \"title\" (first on line 2)"},
      {"duplicate nested key", "---\ntitle: T\nprovider:\n  name: a\n  name: b\n---\n", 5,
       "provider: duplicate key \"name\""},
      {"quality is a quoted word", "---\ntitle: T\nquality: \"high\"\n---\n", 3,
       "quality: expected a whole number from 0 to 100, got \"high\""},
      {"quality is a plain word", "---\ntitle: T\n\nquality: high\n---\n", 4, "got \"high\""},
      {"quality is a quoted number", "---\ntitle: T\nquality: \"48\"\n---\n", 3,
       "expected a whole number"},
      {"quality is fractional", "---\ntitle: T\nquality: 48.5\n---\n", 3,
       "expected a whole number"},
      {"quality out of range", "---\ntitle: T\nquality: 150\n---\n", 3,
       "quality: 150 is out of range (0 to 100)"},
      {"negative quality", "---\ntitle: T\nquality: -3\n---\n", 3, "out of range"},
      {"heat below -1", "---\ntitle: T\nheat: -2\n---\n", 3, "heat: -2 is out of range"},
      {"published not a bool", "---\ntitle: T\npublished: maybe\n---\n", 3,
       "published: expected true or false, got \"maybe\""},
      {"topics not a list", "---\ntitle: T\ntopics: AI\n---\n", 3,
       "topics: expected a list of topics, got \"AI\""},
      {"topic is a mapping", "---\ntitle: T\ntopics:\n  - ok\n  - {a: b}\n---\n", 5,
       "topics[1]: expected text, got a mapping"},
      {"provider not a mapping", "---\ntitle: T\nprovider: Reuters\n---\n", 3,
       "provider: expected a mapping of fields, got \"Reuters\""},
      {"provider name is a list", "---\ntitle: T\nprovider:\n  name: [a]\n---\n", 4,
       "provider.name: expected text, got a list"},
      {"title is a mapping", "---\ntitle: {a: 1}\n---\n", 2, "title: expected text"},
      {"impossible date", "---\ntitle: T\npublishedDateTime: 2023-02-30T10:00:00Z\n---\n", 3,
       "publishedDateTime: invalid date \"2023-02-30T10:00:00Z\": day 30 does not exist"},
      {"impossible related date",
       "---\ntitle: T\nrelated:\n  - title: R\n    publishedDateTime: 2023-13-01\n---\n", 5,
       "related[0].publishedDateTime: invalid date"},
      {"related quality out of range",
       "---\ntitle: T\nrelated:\n  - title: R\n  - title: S\n    quality: 200\n---\n", 6,
       "related[1].quality: 200 is out of range"},
      {"related provider wrong", "---\ntitle: T\nrelated:\n  - provider: [x]\n---\n", 4,
       "related[0].provider: expected a mapping"},
      {"image width not a number", "---\ntitle: T\nimages:\n  - url: u\n    width: wide\n---\n", 5,
       "images[0].width: expected a whole number"},
      {"image isCached not a bool", "---\ntitle: T\nimages:\n  - isCached: 3\n---\n", 4,
       "images[0].isCached: expected true or false, got 3"},
      {"images is a mapping", "---\ntitle: T\nimages: {url: u}\n---\n", 3,
       "images: expected a list of images, got a mapping"},
      {"missing title", "---\nexcerpt: E\n---\nBody\n", 1, "missing title"},
      {"null title", "---\ntitle: null\n---\n", 1, "missing title"},
      {"empty front matter", "---\n---\nBody\n", 1, "missing title"},
      {"empty title", "---\nexcerpt: E\ntitle: \"  \"\n---\n", 3, "title: title is empty"},
      {"NUL byte", std::string("---\ntitle: T\n---\nab\0cd\n", 22), 4,
       "binary content, not an article"},
      {"control characters", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f---\n", 1,
       "binary content, not an article"},
      {"article too large", "---\ntitle: T\n---\n" + std::string(kDefaultMaxArticleBytes, 'a'), 1,
       "article is too large"},
  };
  for (const ErrorCase& c : cases) {
    INFO(c.name);
    std::vector<Diagnostic> warnings;
    const Result<Article> article = ParseMarkdown(c.text, kPath, &warnings);
    REQUIRE_FALSE(article.ok());
    CHECK(article.status().code() == StatusCode::kInvalidArgument);
    const std::string& message = article.status().message();
    CHECK_THAT(message, Catch::StartsWith(kPath + ":" + std::to_string(c.line) + ": "));
    CHECK_THAT(message, Catch::Contains(c.reason));
  }
}

TEST_CASE("ParseMarkdown decodes invalid UTF-8 as windows-1252 with a warning",
          "[markdown_reader]") {
  std::vector<Diagnostic> warnings;
  const Article a = MustParse(
      "---\ntitle: \"Caf\xE9 prices\"\n---\n\nUp \xA3"
      "5 to \x80"
      "6.\n",
      &warnings);
  CHECK(a.title == "Caf\u00E9 prices");
  CHECK(a.body ==
        "Up \u00A3"
        "5 to \u20AC"
        "6.");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].path == kPath);
  CHECK(warnings[0].line == 2);
  CHECK(warnings[0].ToString() == kPath + ":2: not valid UTF-8; decoded as windows-1252");
}

TEST_CASE("ParseMarkdown reads the seed article completely", "[markdown_reader][corpora]") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) {
    WARN("shared corpora not found; skipping");
    SUCCEED();
    return;
  }
  const std::string path = corpora + "/seed/pytorch-foundation.md";
  const Result<std::string> bytes = ReadFileBytes(path, kDefaultMaxFileBytes);
  REQUIRE(bytes.ok());
  std::vector<Diagnostic> warnings;
  const Result<Article> parsed = ParseMarkdown(*bytes, path, &warnings);
  INFO(parsed.status().message());
  REQUIRE(parsed.ok());
  CHECK(warnings.empty());
  const Article& a = *parsed;

  CHECK(a.title ==
        "Meta\u2019s deep learning framework PyTorch to be led by the newly formed PyTorch "
        "Foundation");
  CHECK_THAT(a.excerpt, Catch::StartsWith("PyTorch artificial intelligence platform"));
  CHECK_THAT(a.excerpt, Catch::EndsWith("specifically machine learning applications."));
  CHECK(a.category == "news");
  CHECK(a.type == "article");
  CHECK(a.published_at == 1662992580);
  CHECK(FormatIsoUtc(*a.published_at) == "2022-09-12T14:23:00Z");
  const std::string url =
      "https://siliconangle.com/2022/09/12/"
      "metas-deep-learning-framework-pytorch-led-newly-formed-pytorch-foundation/";
  CHECK(a.original_url == url);
  CHECK(a.web_url == url);
  CHECK(a.quality == 48);
  CHECK(a.heat == -1);
  CHECK(a.published == false);
  CHECK(a.language.empty());
  CHECK(a.provider.name == "SiliconANGLE");
  CHECK(a.provider.domain == "siliconangle.com");
  CHECK(a.topics == std::vector<std::string>{"Machine Learning", "AI", "Facebook AI"});
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].url ==
        "https://d15shllkswkct0.cloudfront.net/wp-content/blogs.dir/1/files/2022/09/"
        "1_LLVL8xUiUOBE8WHgzAuY-Q.png");
  CHECK(a.images[0].width == 2000);
  CHECK(a.images[0].height == 1125);
  CHECK(a.images[0].is_cached);
  CHECK_THAT(a.secured, Catch::StartsWith("DacPOGeJsZ4x2DDIu7dbjgfdrB+FBwWc1cXR"));
  CHECK_THAT(a.secured, Catch::EndsWith(";ppt+Ho2oMdxtwEL8TVj9bg=="));
  CHECK(a.body.empty());

  struct Expected {
    const char* provider;
    const char* domain;
    const char* date;
    int quality;
    std::size_t images;
  };
  const Expected related[] = {
      {"Ars Technica", "arstechnica.com", "2022-09-12T21:33:00Z", 86, 1},
      {"SD Times", "sdtimes.com", "2022-09-12T15:41:00Z", 71, 1},
      {"TMCnet", "tmcnet.com", "2022-09-12T15:30:00Z", 37, 0},
      {"Associated Press", "apnews.com", "2022-09-12T13:32:00Z", 36, 1},
      {"about.fb", "fb.com", "2022-09-12T13:00:00Z", 36, 0},
      {"Axios", "axios.com", "2022-09-12T13:00:00Z", 21, 0},
      {"datanami.com", "datanami.com", "2022-09-12T14:53:00Z", 21, 0},
  };
  REQUIRE(a.related.size() == 7);
  for (std::size_t i = 0; i < 7; ++i) {
    INFO("related " << i);
    const RelatedArticle& r = a.related[i];
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.excerpt.empty());
    CHECK_THAT(r.web_url, Catch::StartsWith("https://"));
    CHECK(r.type == "article");
    CHECK(r.provider.name == related[i].provider);
    CHECK(r.provider.domain == related[i].domain);
    REQUIRE(r.published_at.has_value());
    CHECK(FormatIsoUtc(*r.published_at) == related[i].date);
    CHECK(r.quality == related[i].quality);
    CHECK(r.images.size() == related[i].images);
  }
  CHECK(a.related[0].title ==
        "Meta spins off PyTorch Foundation to make AI framework vendor neutral");
  CHECK(a.related[0].images[0].width == 760);
  CHECK(a.related[0].images[0].height == 380);
  CHECK(a.related[0].images[0].is_cached);
  CHECK(a.related[6].web_url ==
        "https://www.datanami.com/this-just-in/meta-transitions-pytorch-to-the-linux-foundation/");
}

TEST_CASE("ParseMarkdown reads Reuters and livedoor articles", "[markdown_reader][corpora]") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) {
    WARN("shared corpora not found; skipping");
    SUCCEED();
    return;
  }
  SECTION("Reuters: indented newswire paragraphs are kept as text") {
    const std::string path = corpora + "/reuters/00/00001.md";
    const Result<std::string> bytes = ReadFileBytes(path, kDefaultMaxFileBytes);
    REQUIRE(bytes.ok());
    std::vector<Diagnostic> warnings;
    const Result<Article> a = ParseMarkdown(*bytes, path, &warnings);
    INFO(a.status().message());
    REQUIRE(a.ok());
    CHECK(warnings.empty());
    CHECK(a->title == "BAHIA COCOA REVIEW");
    CHECK(a->published_at == 541350061);
    CHECK(a->topics == std::vector<std::string>{"cocoa", "el-salvador", "usa"});
    CHECK(a->provider.name == "Reuters");
    CHECK(a->quality == 60);
    CHECK(a->published == true);
    CHECK(a->web_url == "https://reuters-21578.example/article/1");
    CHECK_THAT(a->body, Catch::StartsWith("SALVADOR, Feb 26 - Showers continued throughout the "
                                          "week in the Bahia cocoa zone,"));
    CHECK_THAT(a->body, Catch::Contains("weekly review. The dry period means the temporao will "
                                        "be late this year. Arrivals for the week"));
    CHECK_THAT(a->body, Catch::EndsWith("carnival which ends midday on February 27."));
  }
  SECTION("livedoor: +09:00 offsets and full-width text") {
    const std::string dir = corpora + "/livedoor-ja";
    const Result<std::vector<InputFile>> files = ListInputs({dir});
    REQUIRE(files.ok());
    REQUIRE_FALSE(files->empty());
    const InputFile& file = files->front();
    const Result<std::string> bytes = ReadFileBytes(file.path, kDefaultMaxFileBytes);
    REQUIRE(bytes.ok());
    std::vector<Diagnostic> warnings;
    const Result<Article> a = ParseMarkdown(*bytes, file.path, &warnings);
    INFO(a.status().message());
    REQUIRE(a.ok());
    CHECK(warnings.empty());
    CHECK_FALSE(a->title.empty());
    CHECK_FALSE(a->body.empty());
    REQUIRE(a->published_at.has_value());
    CHECK(bytes->find(FormatIsoUtc(*a->published_at)) == std::string::npos);  // was +09:00
  }
}

}  // namespace
}  // namespace gazette::corpus
