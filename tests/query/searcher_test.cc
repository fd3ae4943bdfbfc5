// The Searcher on small scratch corpora: ranking properties, facets, filters, errors.
#include "query/search.h"

#include <xapian.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "query/index/value_columns.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;

struct Doc {
  Doc(std::string slug_, std::string title_, std::string body_, std::string date_,
      int quality_ = 50, std::vector<std::string> topics_ = {}, std::string provider_ = "Wire")
      : slug(std::move(slug_)),
        title(std::move(title_)),
        body(std::move(body_)),
        date(std::move(date_)),
        quality(quality_),
        topics(std::move(topics_)),
        provider(std::move(provider_)) {}
  std::string slug, title, body, date;
  int quality;
  std::vector<std::string> topics;
  std::string provider;
};

std::string Markdown(const Doc& d) {
  std::string fm = "---\ntitle: \"" + d.title + "\"\nwebUrl: \"https://n.example/" + d.slug +
                   "\"\npublishedDateTime: " + d.date + "\nquality: " + std::to_string(d.quality) +
                   "\nprovider:\n  name: \"" + d.provider + "\"\n  domain: \"" + d.provider +
                   ".example\"\ntopics:\n";
  for (const auto& t : d.topics) fm += "  - \"" + t + "\"\n";
  return fm + "---\n\n" + d.body + "\n";
}

// Indexes `docs` into a scratch database and opens a Searcher on it.
struct Corpus {
  TempDir dir;
  std::unique_ptr<Searcher> searcher;

  explicit Corpus(const std::vector<Doc>& docs) {
    for (const auto& d : docs) dir.Write("in/" + d.slug + ".md", Markdown(d));
    indexer::IndexOptions options;
    options.db_path = dir.Sub("db");
    auto summary = indexer::IndexPaths({dir.Sub("in")}, options);
    REQUIRE(summary.ok());
    REQUIRE(summary->skipped.empty());
    auto opened = Searcher::Open(dir.Sub("db"));
    REQUIRE(opened.ok());
    searcher = std::move(opened).value();
  }

  SearchResponse Search(SearchRequest r) {
    if (!r.ranking.origin) r.ranking.origin = 1767225600;  // 2026-01-01, fixed for tests
    auto response = searcher->Search(r);
    REQUIRE(response.ok());
    return *response;
  }
};

SearchRequest Query(const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.explain = true;
  return r;
}

std::vector<std::string> Ids(const SearchResponse& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id.substr(h.id.rfind('/') + 1));
  return ids;
}

TEST_CASE("With equal text - the newer article ranks above the older") {
  Corpus c({{"old", "Cocoa harvest report", "cocoa harvest report alpha", "2025-01-01T00:00:00Z"},
            {"new", "Cocoa harvest report", "cocoa harvest report bravo", "2025-12-30T00:00:00Z"}});
  SearchRequest fixed = Query("cocoa");
  fixed.ranking.recency_auto = false;  // the recency formula itself, as given
  SearchResponse r = c.Search(fixed);
  CHECK(Ids(r) == std::vector<std::string>{"new", "old"});
  REQUIRE(r.hits[0].explain);
  CHECK(r.hits[0].explain->text == Approx(r.hits[1].explain->text));
  CHECK(r.hits[0].explain->recency > r.hits[1].explain->recency);
}

TEST_CASE("With equal text and date - the higher quality ranks above the lower") {
  Corpus c(
      {{"low", "Cocoa harvest report", "cocoa harvest report alpha", "2025-06-01T00:00:00Z", 20},
       {"high", "Cocoa harvest report", "cocoa harvest report bravo", "2025-06-01T00:00:00Z", 80}});
  SearchRequest unfolded = Query("cocoa");
  unfolded.collapse = false;  // two tellings of one story
  SearchResponse r = c.Search(unfolded);
  CHECK(Ids(r) == std::vector<std::string>{"high", "low"});
  CHECK(r.hits[0].explain->quality == Approx(0.8 * SearchRequest().ranking.quality));
}

TEST_CASE("Explain components add up to the score - and zero weights give pure BM25") {
  Corpus c({{"a", "Cocoa prices rise", "cocoa cocoa cocoa prices", "2025-12-01T00:00:00Z", 10},
            {"b", "Market wrap", "cocoa mentioned once among many other words here",
             "2025-12-31T00:00:00Z", 90},
            {"d", "Cocoa", "cocoa futures and cocoa butter", "2024-01-01T00:00:00Z", 50}});
  SearchResponse mixed = c.Search(Query("cocoa"));
  for (const auto& h : mixed.hits) {
    REQUIRE(h.explain);
    CHECK(h.explain->text + h.explain->quality + h.explain->recency == Approx(h.score));
  }

  SearchRequest pure = Query("cocoa");
  pure.ranking.quality = 0;
  pure.ranking.recency = 0;
  SearchResponse r = c.Search(pure);
  // The same query run directly through Xapian's BM25, with the ranking's k1 and b.
  Xapian::Database db(c.dir.Sub("db"));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("cocoa"));
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(pure.ranking.bm25.k1, 0, 1, pure.ranking.bm25.b, 0.5));
  Xapian::MSet raw = enquire.get_mset(0, 10);
  REQUIRE(raw.size() == r.hits.size());
  std::size_t i = 0;
  for (auto it = raw.begin(); it != raw.end(); ++it, ++i) {
    CHECK(r.hits[i].score == Approx(it.get_weight()));
    CHECK(r.hits[i].explain->quality == 0);
    CHECK(r.hits[i].explain->recency == 0);
  }
}

TEST_CASE("Facet counts follow an updated index after Reopen") {
  std::vector<Doc> docs = {
      {"1", "Oil news", "oil", "2025-01-01T00:00:00Z", 50, {"energy"}, "Alpha"},
      {"2", "Oil news", "oil two", "2025-02-01T00:00:00Z", 50, {"energy"}, "Beta"},
      {"3", "Oil news", "oil three", "2025-03-01T00:00:00Z", 50, {"markets"}, "Alpha"}};
  Corpus c(docs);
  SearchRequest r = Query("oil");
  r.facets = {"topic", "provider"};
  auto count = [](const std::vector<FacetValue>& values, const std::string& v) -> long {
    for (const auto& x : values) {
      if (x.value == v) return static_cast<long>(x.count);
    }
    return 0;
  };
  SearchResponse before = c.Search(r);
  CHECK(count(before.facets["topic"], "energy") == 2);
  CHECK(count(before.facets["provider"], "Beta") == 1);

  // Article 2 changes topic and provider in place; article 4 is new.
  docs[1].topics = {"politics"};
  docs[1].provider = "Gamma";
  c.dir.Write("in/2.md", Markdown(docs[1]));
  c.dir.Write(
      "in/4.md",
      Markdown({"4", "Oil news", "oil four", "2025-03-02T00:00:00Z", 50, {"energy"}, "Beta"}));
  indexer::IndexOptions options;
  options.db_path = c.dir.Sub("db");
  auto summary = indexer::IndexPaths({c.dir.Sub("in")}, options);
  REQUIRE(summary.ok());
  auto reopened = c.searcher->Reopen();
  REQUIRE(reopened.ok());
  CHECK(*reopened);

  SearchResponse after = c.Search(r);
  CHECK(after.total == 4);
  CHECK(count(after.facets["topic"], "energy") == 2);  // 1 and 4
  CHECK(count(after.facets["topic"], "politics") == 1);
  CHECK(count(after.facets["topic"], "markets") == 1);
  CHECK(count(after.facets["provider"], "Beta") == 1);  // 4
  CHECK(count(after.facets["provider"], "Gamma") == 1);
  CHECK(count(after.facets["provider"], "Alpha") == 2);
}

TEST_CASE("Prepare reads the ranking's and the facets' value columns ahead of searches") {
  // As in a fresh process: opening a searcher reads only the slots asked for before,
  // which earlier cases in this process may have asked for.
  ForgetColumns();
  Corpus c({{"1", "Oil news", "oil", "2025-01-01T00:00:00Z", 50, {"energy"}, "Alpha"},
            {"2", "Gold news", "gold", "2025-02-01T00:00:00Z", 60, {"markets"}, "Beta"}});
  Xapian::Database db(c.dir.Sub("db"));
  const std::vector<Xapian::valueno> slots = {
      indexer::schema::kSlotQuality, indexer::schema::kSlotDay, indexer::schema::kSlotProvider,
      indexer::schema::kSlotTopicFirst};
  for (Xapian::valueno slot : slots) CHECK_FALSE(HasColumn(db, slot));
  c.searcher->Prepare();
  for (Xapian::valueno slot : slots) {
    INFO("slot " << slot);
    CHECK(HasColumn(db, slot));
  }
}

TEST_CASE("Facets count exactly - and a facet's own selection does not shrink it") {
  Corpus c({{"1", "Oil news", "oil", "2025-01-01T00:00:00Z", 50, {"energy", "markets"}, "Alpha"},
            {"2", "Oil news", "oil two", "2025-02-01T00:00:00Z", 50, {"energy"}, "Beta"},
            {"3", "Oil news", "oil three", "2025-03-01T00:00:00Z", 50, {"markets"}, "Alpha"},
            {"4", "Gold news", "gold", "2025-03-02T00:00:00Z", 50, {"markets"}, "Beta"}});
  SearchRequest r = Query("oil");
  r.facets = {"topic", "provider", "date"};
  SearchResponse all = c.Search(r);
  CHECK(all.total == 3);
  CHECK(all.total_exact);
  auto count = [](const std::vector<FacetValue>& values, const std::string& v) -> long {
    for (const auto& x : values) {
      if (x.value == v) return static_cast<long>(x.count);
    }
    return -1;
  };
  CHECK(count(all.facets["topic"], "energy") == 2);
  CHECK(count(all.facets["topic"], "markets") == 2);
  CHECK(count(all.facets["provider"], "Alpha") == 2);

  r.topics = {"energy"};
  SearchResponse picked = c.Search(r);
  CHECK(picked.total == 2);
  // Topic counts ignore the topic selection; provider counts honour it.
  CHECK(count(picked.facets["topic"], "energy") == 2);
  CHECK(count(picked.facets["topic"], "markets") == 2);
  CHECK(count(picked.facets["provider"], "Alpha") == 1);
  CHECK(count(picked.facets["provider"], "Beta") == 1);
  bool selected = false;
  for (const auto& v : picked.facets["topic"]) selected |= v.value == "energy" && v.selected;
  CHECK(selected);
  REQUIRE(picked.date_histogram.size() == 2);  // by day: Jan 1 and Feb 1 span >= 1 month
  CHECK(picked.date_histogram[0].key == "2025-01-01");

  // Relative buckets count calendar days back from the origin.
  r.topics.clear();
  r.ranking.origin = 1740960000;  // 2025-03-03T00:00:00Z
  SearchResponse recent = c.Search(r);
  REQUIRE(recent.relative_dates.size() == 4);
  CHECK(recent.relative_dates[0].count == 0);  // today: nothing on 2025-03-03
  CHECK(recent.relative_dates[1].count == 1);  // 7d: Mar 1 (Mar 2 is gold, not an oil hit)
  CHECK(recent.relative_dates[2].count == 1);  // 30d: Feb 1 is exactly 30 days back
  CHECK(recent.relative_dates[3].count == 3);  // 365d: all three
}

TEST_CASE("Browsing with filters lists everything newest first") {
  Corpus c({{"1", "One", "x", "2025-01-01T00:00:00Z", 50, {"energy"}},
            {"2", "Two", "y", "2025-03-01T00:00:00Z", 50, {"energy"}},
            {"3", "Three", "z", "2025-02-01T00:00:00Z", 50, {"other"}}});
  SearchRequest r;
  r.topics = {"Energy"};
  CHECK(Ids(c.Search(r)) == std::vector<std::string>{"2", "1"});
  r.sort = SortOrder::kOldest;
  CHECK(Ids(c.Search(r)) == std::vector<std::string>{"1", "2"});
  SearchRequest dated;
  dated.since = 1738368000;  // 2025-02-01
  CHECK(Ids(c.Search(dated)) == std::vector<std::string>{"2", "3"});
}

TEST_CASE("Exact duplicates fold into one hit with a count") {
  Corpus c({{"a", "Same story", "identical body", "2025-01-01T00:00:00Z"},
            {"b", "Same story", "identical body", "2025-01-01T00:00:00Z"},
            {"c", "Other story", "unrelated harvest figures", "2025-01-01T00:00:00Z"}});
  SearchResponse r = c.Search(Query("story"));
  REQUIRE(r.hits.size() == 2);
  int folded = 0;
  for (const auto& h : r.hits) folded += h.duplicates;
  CHECK(folded == 1);
}

TEST_CASE("Hits carry highlighted titles and snippets") {
  Corpus c({{"a", "Linux Foundation takes PyTorch", "The Linux Foundation will host PyTorch.",
             "2025-01-01T00:00:00Z"}});
  SearchResponse r = c.Search(Query("\"linux foundation\""));
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].title_html == "<mark>Linux Foundation</mark> takes PyTorch");
  CHECK(r.hits[0].snippet_html.find("<mark>Linux Foundation</mark>") != std::string::npos);
}

TEST_CASE("Bad requests are InvalidArgument naming the field") {
  Corpus c({{"a", "A", "a", "2025-01-01T00:00:00Z"}});
  struct Row {
    std::function<void(SearchRequest&)> change;
    const char* field;
  };
  const Row rows[] = {
      {[](SearchRequest& r) { r.per_page = 0; }, "per_page"},
      {[](SearchRequest& r) { r.per_page = 1000; }, "per_page"},
      {[](SearchRequest& r) { r.page = 0; }, "page"},
      {[](SearchRequest& r) { r.page = 5000; }, "page"},
      {[](SearchRequest& r) { r.min_quality = 101; }, "min_quality"},
      {[](SearchRequest& r) { r.facets = {"colour"}; }, "facets"},
      {[](SearchRequest& r) { r.query = std::string(5000, 'a'); }, "q"},
      {[](SearchRequest& r) { r.ranking.half_life_days = 0; }, "half_life"},
  };
  for (const Row& row : rows) {
    SearchRequest r;
    row.change(r);
    auto result = c.searcher->Search(r);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    CHECK(result.status().message().rfind(row.field, 0) == 0);
  }
}

TEST_CASE("Get finds an article by id and NotFound otherwise") {
  Corpus c({{"a", "A title", "the body text", "2025-01-01T00:00:00Z"}});
  auto hit = c.searcher->Get("https://n.example/a");
  REQUIRE(hit.ok());
  CHECK(hit->title == "A title");
  CHECK(hit->text == "the body text");
  CHECK(c.searcher->Get("https://n.example/zzz").status().code() == StatusCode::kNotFound);
  CHECK(Searcher::Open(c.dir.Sub("missing")).status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace gazette::query
