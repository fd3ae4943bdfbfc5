// Tests for corpus/generator.h: determinism, validity for the project's readers, and
// the ranges of the generated fields and queries.
#include "corpus/generator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::corpus {
namespace {

using testing::TempDir;

constexpr std::int64_t kReference = 1735689599;  // 2024-12-31T23:59:59Z
constexpr std::int64_t kTenYears = 3653LL * 86400;

GeneratorOptions Options(const TempDir& dir, const std::string& sub, std::uint64_t count,
                         std::uint64_t seed) {
  GeneratorOptions o;
  o.count = count;
  o.out_dir = (dir.path() / sub).string();
  o.seed = seed;
  o.mean_words = 120;
  return o;
}

// Every file under `root`, relative path -> bytes.
std::map<std::string, std::string> Files(const std::string& root) {
  std::map<std::string, std::string> out;
  auto files = ListInputs({root});
  REQUIRE(files.ok());
  for (const InputFile& f : *files) out[f.relative] = *ReadFileBytes(f.path, 1u << 30);
  return out;
}

// Parses every article under `root` with the project's readers; fails on any error or
// warning.
std::vector<Article> ReadAll(const std::string& root) {
  std::vector<Article> articles;
  std::vector<Diagnostic> warnings;
  auto files = ListInputs({root});
  REQUIRE(files.ok());
  for (const InputFile& f : *files) {
    const std::string bytes = *ReadFileBytes(f.path, 1u << 30);
    if (f.format == InputFormat::kMarkdown) {
      auto a = ParseMarkdown(bytes, f.path, &warnings);
      INFO(f.path);
      REQUIRE(a.status().message() == "");
      articles.push_back(*a);
    } else {
      for (const JsonLine& line : SplitJsonLines(bytes)) {
        auto a = ParseJsonLine(line.bytes, f.path, line.line, &warnings);
        REQUIRE(a.status().message() == "");
        articles.push_back(*a);
      }
    }
  }
  CHECK(warnings.empty());
  return articles;
}

std::size_t WordCount(const std::string& text) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

TEST_CASE("GenerateCorpus: the same seed gives the same bytes - whatever the threads",
          "[generator]") {
  TempDir dir;
  for (const GeneratedFormat format : {GeneratedFormat::kMarkdown, GeneratedFormat::kJsonLines}) {
    GeneratorOptions a = Options(dir, "a", 2100, 7);
    a.format = format;
    a.threads = 1;
    GeneratorOptions b = a;
    b.out_dir = (dir.path() / "b").string();
    b.threads = 3;
    GeneratorOptions c = a;
    c.out_dir = (dir.path() / "c").string();
    c.seed = 8;
    REQUIRE(GenerateCorpus(a).ok());
    REQUIRE(GenerateCorpus(b).ok());
    REQUIRE(GenerateCorpus(c).ok());
    const auto files_a = Files(a.out_dir);
    CHECK(files_a.size() == (format == GeneratedFormat::kMarkdown ? 2100u : 3u));
    CHECK(files_a == Files(b.out_dir));
    const auto files_c = Files(c.out_dir);
    REQUIRE(files_c.size() == files_a.size());
    std::size_t same = 0;
    for (const auto& [path, bytes] : files_a) same += files_c.at(path) == bytes;
    CHECK(same == 0);
    std::filesystem::remove_all(dir.path());
  }
}

TEST_CASE("GenerateCorpus: files parse and fields fall in their ranges", "[generator]") {
  TempDir dir;
  const GeneratedFormat format = GENERATE(GeneratedFormat::kMarkdown, GeneratedFormat::kJsonLines);
  GeneratorOptions o = Options(dir, "out", 1500, 3);
  o.format = format;
  const auto report = GenerateCorpus(o);
  REQUIRE(report.ok());
  CHECK(report->articles == 1500);
  const std::vector<Article> articles = ReadAll(o.out_dir);
  REQUIRE(articles.size() == 1500);

  std::set<std::string> urls;
  for (const Article& a : articles) urls.insert(a.web_url);
  CHECK(urls.size() == articles.size());  // unique identities

  std::size_t words = 0;
  std::size_t recent = 0;
  double quality = 0;
  std::map<std::string, int> topic_counts;
  std::set<std::string> providers;
  for (const Article& a : articles) {
    CHECK_FALSE(a.title.empty());
    CHECK_FALSE(a.excerpt.empty());
    CHECK(a.topics.size() >= 1);
    CHECK(a.topics.size() <= 5);
    for (const std::string& t : a.topics) ++topic_counts[t];
    providers.insert(a.provider.name);
    REQUIRE(a.published_at.has_value());
    CHECK(*a.published_at <= kReference);
    CHECK(*a.published_at > kReference - kTenYears);
    recent += *a.published_at > kReference - kTenYears / 2;
    REQUIRE(a.quality.has_value());
    CHECK(*a.quality >= 0);
    CHECK(*a.quality <= 100);
    quality += *a.quality;
    CHECK(a.related.size() >= 1);
    CHECK(a.related.size() <= 3);
    for (const RelatedArticle& r : a.related) {
      CHECK(urls.count(r.web_url) == 1);  // points at another generated article
      CHECK(r.web_url != a.web_url);
    }
    words += WordCount(a.body);
  }
  const auto n = static_cast<double>(articles.size());
  CHECK(static_cast<double>(words) / n == Approx(120).epsilon(0.15));
  CHECK(quality / n == Approx(50).margin(3));
  CHECK(static_cast<double>(recent) / n == Approx(0.71).margin(0.05));  // 1 - 0.5^2 ... skewed
  CHECK(topic_counts.size() > 60);  // a long tail of ~200 topics
  CHECK(providers.size() > 50);     // and of ~100 providers
  // Zipf: the most common topic is far more common than the median one.
  std::vector<int> counts;
  for (const auto& [t, c] : topic_counts) counts.push_back(c);
  std::sort(counts.rbegin(), counts.rend());
  CHECK(counts.front() > 5 * counts[counts.size() / 2]);
}

TEST_CASE("GenerateCorpus writes a query set of 1-4 words with phrases and scopes", "[generator]") {
  TempDir dir;
  GeneratorOptions o = Options(dir, "out", 200, 5);
  o.queries = 600;
  o.queries_out = (dir.path() / "queries.txt").string();
  REQUIRE(GenerateCorpus(o).ok());
  std::istringstream in(*ReadFileBytes(o.queries_out, 1u << 20));
  std::size_t lines = 0, phrases = 0, titles = 0, topics = 0;
  for (std::string q; std::getline(in, q);) {
    ++lines;
    INFO(q);
    CHECK_FALSE(q.empty());
    CHECK(WordCount(q) <= 4);
    phrases += q.front() == '"';
    titles += q.rfind("title:", 0) == 0;
    topics += q.find("topic:") != std::string::npos;
  }
  CHECK(lines == 600);
  CHECK(phrases > 40);
  CHECK(titles > 20);
  CHECK(topics > 20);
}

TEST_CASE("GenerateCorpus --source samples sentences of the given articles", "[generator]") {
  TempDir dir;
  GeneratorOptions o = Options(dir, "out", 50, 1);
  o.source_dir = std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample";
  const std::vector<Article> sample = ReadAll(o.source_dir);
  REQUIRE(GenerateCorpus(o).ok());
  const std::vector<Article> articles = ReadAll(o.out_dir);
  REQUIRE(articles.size() == 50);
  std::set<std::string> titles;
  for (const Article& a : sample) titles.insert(a.title);
  for (const Article& a : articles) {
    CHECK(titles.count(a.title) == 1);
    // The lead sentence (the excerpt) appears in some source body.
    const std::string first = a.excerpt.substr(0, std::min<std::size_t>(a.excerpt.size(), 24));
    bool found = false;
    for (const Article& s : sample) found = found || s.body.find(first) != std::string::npos;
    INFO(first);
    CHECK(found);
  }
}

TEST_CASE("GenerateCorpus refuses bad options", "[generator]") {
  TempDir dir;
  GeneratorOptions o = Options(dir, "out", 10, 1);
  o.queries = 5;  // no queries_out
  CHECK(GenerateCorpus(o).status().code() == StatusCode::kInvalidArgument);
  o = Options(dir, "out", 10, 1);
  o.source_dir = (dir.path() / "missing").string();
  CHECK_FALSE(GenerateCorpus(o).ok());
  o = Options(dir, "out", 10, 1);
  o.mean_words = 0;
  CHECK(GenerateCorpus(o).status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gazette::corpus
