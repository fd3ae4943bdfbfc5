// Multi-language search on the real corpora: Japanese substring recall through CJK
// bigrams (checked against a scan of the files), German stemming, folding and stop
// words, and one index mixing English, German and Japanese.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "corpus/reader.h"
#include "indexer/analysis/analyzer.h"
#include "indexer/document.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "query/plan/query_parser.h"
#include "query/search.h"
#include "tests/integration/shared_index.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<query::Searcher> Open(const std::string& db) {
  query::Limits limits;
  limits.facet_sample_above = 0;  // exact counts
  auto s = query::Searcher::Open(db, limits);
  REQUIRE(s.ok());
  return std::move(s).value();
}

query::SearchResponse Search(query::Searcher* s, const std::string& q, int per_page = 10,
                             std::vector<std::string> facets = {}) {
  query::SearchRequest r;
  r.query = q;
  r.per_page = per_page;
  r.facets = std::move(facets);
  auto resp = s->Search(r);
  REQUIRE(resp.ok());
  return *resp;
}

// Every livedoor article as (webUrl, normalised title, normalised body), read with
// gazette's reader and normalised (NFKC case folding: full-width forms) like queries.
struct SourceText {
  std::string url, title, body;
};
const std::vector<SourceText>& LivedoorTexts() {
  static const std::vector<SourceText> all = [] {
    std::vector<SourceText> out;
    indexer::Analyzer analyzer;
    for (const auto& e :
         fs::recursive_directory_iterator(testing::SharedCorpora() + "/livedoor-ja")) {
      if (e.path().extension() != ".md") continue;
      auto bytes = corpus::ReadFileBytes(e.path().string(), 1 << 24);
      REQUIRE(bytes.ok());
      std::vector<corpus::Diagnostic> warnings;
      auto a = corpus::ParseMarkdown(*bytes, e.path().string(), &warnings);
      REQUIRE(a.ok());
      out.push_back({a->web_url, analyzer.Normalize(a->title), analyzer.Normalize(a->body)});
    }
    return out;
  }();
  return all;
}

// Taken from livedoor titles: words, compounds and strings that cross the
// dictionary's word boundaries (京都 inside 東京都, 本代 inside 日本代表).
const char* const kJapaneseQueries[] = {
    "東京",     "京都",   "東京都", "大阪",   "スマートフォン", "発売",       "映画", "結婚",
    "女性",     "アプリ", "写真",   "韓国",   "話題",           "公開",       "動画", "恋愛",
    "日本代表", "本代",   "無料",   "発表",   "特集",           "人気",       "選手", "家電",
    "ＩＴ企業", "独女",   "婚活",   "新製品", "携帯電話",       "ディズニー",
};

TEST_CASE("livedoor-ja: every article containing a 2-6 character title string is found") {
  testing::RequireSharedCorpora();
  const std::string db_path = testing::CachedIndex("livedoor-ja", {"livedoor-ja"});
  Xapian::Database db(db_path);
  indexer::Analyzer analyzer;
  query::QueryParser parser(&analyzer, db);
  auto searcher = Open(db_path);
  double precision_sum = 0;
  int queries = 0;
  for (const char* q : kJapaneseQueries) {
    const std::string needle = analyzer.Normalize(q);
    std::set<std::string> expected;
    for (const auto& t : LivedoorTexts()) {
      if (t.title.find(needle) != std::string::npos || t.body.find(needle) != std::string::npos) {
        expected.insert(t.url);
      }
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.Parse(q).text);
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    std::set<Xapian::docid> found;
    for (auto m = all.begin(); m != all.end(); ++m) found.insert(*m);
    int missing = 0;
    for (const std::string& url : expected) {
      auto p = db.postlist_begin(indexer::IdTerm(url));
      missing += p == db.postlist_end(indexer::IdTerm(url)) || !found.count(*p);
    }
    INFO(q << ": " << expected.size() << " articles contain it, " << all.size() << " matched");
    CHECK(!expected.empty());
    CHECK(missing == 0);  // recall 1.0

    const query::SearchResponse top = Search(searcher.get(), q);
    int relevant = 0;
    for (const auto& h : top.hits) relevant += expected.count(h.url) > 0;
    const double precision = top.hits.empty() ? 0 : double(relevant) / double(top.hits.size());
    precision_sum += precision;
    ++queries;
    UNSCOPED_INFO(q << ": recall " << (expected.size() - missing) << "/" << expected.size()
                    << ", matched " << all.size() << ", P@10 " << precision);
  }
  CHECK(queries >= 20);
  WARN("livedoor-ja: " << queries
                       << " queries, recall 1.0, mean P@10 = " << precision_sum / queries);
}

TEST_CASE("10kgnad-de: inflections find each other - umlauts fold - stop words don't dominate") {
  testing::RequireSharedCorpora();
  auto s = Open(testing::CachedIndex("10kgnad-de", {"10kgnad-de"}));
  const std::pair<const char*, const char*> pairs[] = {{"Gewerkschaften", "Gewerkschaft"},
                                                       {"Verträge", "Vertrag"}};
  for (const auto& [inflected, base] : pairs) {
    INFO(inflected << " / " << base);
    const auto a = Search(s.get(), inflected, 100);
    const auto b = Search(s.get(), base, 100);
    CHECK(a.total > 5);
    CHECK(a.total == b.total);
    std::set<std::string> ids_a, ids_b;
    for (const auto& h : a.hits) ids_a.insert(h.id);
    for (const auto& h : b.hits) ids_b.insert(h.id);
    CHECK(ids_a == ids_b);
  }
  // Umlaut folding both ways; the exact spelling ranks first.
  const auto folded = Search(s.get(), "Osterreich", 10);
  const auto exact = Search(s.get(), "Österreich", 10);
  CHECK(folded.total > 100);
  CHECK(folded.total == exact.total);
  REQUIRE_FALSE(exact.hits.empty());
  CHECK(exact.hits[0].title_html.find("<mark>") != std::string::npos);
  CHECK(Search(s.get(), "Vertrage").total == Search(s.get(), "Verträge").total);
  // Stop words: "die"/"der" are in nearly every article; the content word decides.
  const auto stop = Search(s.get(), "die Gewerkschaft der Arbeiter", 10);
  const auto content = Search(s.get(), "Gewerkschaft Arbeiter", 10);
  CHECK(stop.total == content.total);
  REQUIRE_FALSE(stop.hits.empty());
  for (std::size_t i = 0; i < stop.hits.size(); ++i) CHECK(stop.hits[i].id == content.hits[i].id);
}

TEST_CASE("Mixed reuters + 10kgnad-de + livedoor-ja: each language's results come first") {
  testing::RequireSharedCorpora();
  auto s = Open(testing::CachedIndex("mixed-en-de-ja", {"reuters", "10kgnad-de", "livedoor-ja"}));
  const auto browse = Search(s.get(), "", 1, {"language"});
  std::map<std::string, std::uint64_t> counts;
  for (const auto& v : browse.facets.at("language")) counts[v.value] = v.count;
  CHECK(counts == std::map<std::string, std::uint64_t>{{"en", 21578}, {"de", 1028}, {"ja", 7367}});

  const std::pair<const char*, const char*> queries[] = {
      {"cocoa prices", "en"},   {"interest rates", "en"}, {"oil", "en"},
      {"Gewerkschaften", "de"}, {"Verträge", "de"},       {"Bundesregierung", "de"},
      {"東京", "ja"},           {"スマートフォン", "ja"}, {"映画", "ja"},
  };
  for (const auto& [q, language] : queries) {
    INFO(q);
    const auto r = Search(s.get(), q, 20);
    REQUIRE_FALSE(r.hits.empty());
    bool other_seen = false;
    for (const auto& h : r.hits) {
      if (h.language != language) other_seen = true;
      CHECK_FALSE((other_seen && h.language == language));  // no own-language hit after another
    }
    CHECK(r.hits[0].language == language);
  }
}

}  // namespace
}  // namespace gazette
