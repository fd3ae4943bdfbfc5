// Indexing and searching the real corpora in ../shared/corpora.
#include <catch2/catch.hpp>

#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

using testing::IndexOf;

std::unique_ptr<query::Searcher> Open(const std::string& db) {
  auto s = query::Searcher::Open(db);
  REQUIRE(s.ok());
  return std::move(s).value();
}

query::SearchResponse Search(query::Searcher* s, const std::string& q, int per_page = 10) {
  query::SearchRequest r;
  r.query = q;
  r.per_page = per_page;
  auto resp = s->Search(r);
  REQUIRE(resp.ok());
  return *resp;
}

// Indexes a shared corpus into a fresh database and returns the summary.
indexer::IndexSummary IndexFresh(const testing::TempDir& dir, const std::string& corpus) {
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  auto summary = indexer::IndexPaths({testing::SharedCorpora() + "/" + corpus}, options);
  REQUIRE(summary.ok());
  return *summary;
}

TEST_CASE("Reuters: all 21578 articles index with nothing skipped - a re-run changes nothing") {
  testing::RequireSharedCorpora();
  testing::TempDir dir;
  indexer::IndexSummary first = IndexFresh(dir, "reuters");
  CHECK(first.indexed == 21578);
  CHECK(first.skipped.empty());
  CHECK(first.documents == 21578);
  auto stats = indexer::ReadStats(dir.Sub("db"));
  REQUIRE(stats.ok());
  CHECK(stats->documents == 21578);

  indexer::IndexSummary again = IndexFresh(dir, "reuters");
  CHECK(again.unchanged == 21578);
  CHECK(again.indexed + again.updated + again.deleted == 0);
  CHECK(again.skipped.empty());
}

TEST_CASE("Reuters: searches find the expected articles") {
  auto* idx = IndexOf("reuters");
  auto s = Open(idx->db);
  // Article 1 is the Bahia cocoa review.
  auto bahia = Search(s.get(), "bahia cocoa review", 3);
  REQUIRE_FALSE(bahia.hits.empty());
  CHECK(bahia.hits[0].url == "https://reuters-21578.example/article/1");
  CHECK(bahia.hits[0].title_html.find("<mark>") != std::string::npos);

  auto phrase = Search(s.get(), "\"buffer stock\" cocoa", 50);
  REQUIRE_FALSE(phrase.hits.empty());
  int phrase_marked = 0;
  for (const auto& h : phrase.hits) {
    CHECK((h.title_html + h.snippet_html).find("<mark>") != std::string::npos);
    phrase_marked +=
        (h.title_html + h.snippet_html).find("<mark>buffer stock</mark>") != std::string::npos;
  }
  CHECK(phrase_marked > 10);

  auto title = Search(s.get(), "title:cocoa", 100);
  REQUIRE_FALSE(title.hits.empty());
  for (const auto& h : title.hits) {
    std::string lower = h.title;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(lower.find("cocoa") != std::string::npos);
  }
  // A lone operator still answers, with a notice.
  auto lone = Search(s.get(), "cocoa AND", 5);
  CHECK_FALSE(lone.hits.empty());
  CHECK_FALSE(lone.notices.empty());
}

TEST_CASE("Reuters: spelling suggestions - similar articles and completions") {
  auto* idx = IndexOf("reuters");
  auto s = Open(idx->db);
  // No article has both words: the default matching relaxes to either word, says so,
  // and still suggests the spelling.
  auto misspelt = Search(s.get(), "cocao prices");
  CHECK(misspelt.total > 0);
  REQUIRE(misspelt.notices.size() == 1);
  CHECK(misspelt.notices[0].find("no article matches all 2 words") != std::string::npos);
  REQUIRE(misspelt.suggestion);
  CHECK(*misspelt.suggestion == "cocoa prices");
  CHECK(misspelt.suggestion_total == Search(s.get(), "cocoa prices").total);
  CHECK_FALSE(Search(s.get(), "cocoa prices").suggestion);

  auto similar = s->Similar("https://reuters-21578.example/article/1", 10, query::Ranking{});
  REQUIRE(similar.ok());
  REQUIRE(similar->size() == 10);
  int about_cocoa = 0;
  for (const auto& h : *similar) {
    CHECK(h.id != "https://reuters-21578.example/article/1");
    std::string title = h.title;
    for (char& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    about_cocoa += title.find("cocoa") != std::string::npos;
  }
  CHECK(about_cocoa >= 7);
  CHECK(s->Similar("https://nowhere.example/", 10, query::Ranking{}).status().code() ==
        StatusCode::kNotFound);

  auto completions = s->Suggest("bahia coc", 5);
  REQUIRE(completions.ok());
  REQUIRE_FALSE(completions->empty());
  CHECK(completions->front() == "bahia cocoa");
}

TEST_CASE("BBC: all 2225 lines index - the invalid UTF-8 line with a warning and its text kept") {
  testing::RequireSharedCorpora();
  testing::TempDir dir;
  indexer::IndexSummary first = IndexFresh(dir, "bbc/bbc.jsonl");
  CHECK(first.indexed == 2225);
  CHECK(first.skipped.empty());
  bool warned = false;
  for (const auto& w : first.warnings) {
    warned |= w.path.find("bbc.jsonl") != std::string::npos && w.line == 1512 &&
              w.message.find("UTF-8") != std::string::npos;
  }
  CHECK(warned);
  auto s = Open(dir.Sub("db"));
  // Line 1512 holds a Latin-1 pound sign: decoded as U+00A3, text and article kept.
  auto hit = s->Get("https://bbc-news-dataset.example/sport/199");
  REQUIRE(hit.ok());
  CHECK(hit->title == "Chelsea sack Mutu");
  CHECK(hit->text.find("a \xC2\xA3"
                       "15.8m signing from Parma") != std::string::npos);
  auto found = Search(s.get(), "Mutu transfer fee Parma", 5);
  REQUIRE_FALSE(found.hits.empty());
  CHECK(found.hits[0].id == "https://bbc-news-dataset.example/sport/199");
}

TEST_CASE("Seed: the article indexes and Meta's PyTorch foundation finds it first") {
  testing::RequireSharedCorpora();
  testing::TempDir dir;
  REQUIRE(IndexFresh(dir, "seed").indexed == 1);
  auto s = Open(dir.Sub("db"));
  for (const char* q : {"Meta's PyTorch foundation", "Meta\xE2\x80\x99s PyTorch foundation"}) {
    auto r = Search(s.get(), q);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id.find("metas-deep-learning-framework-pytorch") != std::string::npos);
    CHECK(r.hits[0].related.size() == 7);
  }
  auto secured = Search(s.get(), "DacPOGeJsZ4x2DDIu7dbjgfdrB");
  CHECK(secured.total == 0);
}

}  // namespace
}  // namespace gazette
