// Assemble: a match's ranked documents become hits in its order, with their stored
// fields, marked titles and snippets, weights and explanations; its tallies become
// facets and histograms.
#include "query/assemble/assemble.h"

#include <xapian.h>
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "indexer/analysis/terms.h"
#include "indexer/stored_data.h"
#include "query/rank/ranking.h"
#include "tests/support/scratch_index.h"

namespace gazette::query {
namespace {

constexpr char kCranes[] = R"(---
title: "Harbour cranes restart after the ransomware attack"
webUrl: "https://harbour.example/cranes"
publishedDateTime: 2026-03-02T08:00:00Z
quality: 71
provider:
  name: Harbour Times
  domain: harbour.example
topics:
  - shipping
  - security
---

The cranes at the container terminal moved again on Monday, after a week of repairs.
)";

constexpr char kWheat[] = R"(---
title: "Wheat exports rise"
webUrl: "https://wire.example/wheat"
publishedDateTime: 2026-02-20T10:00:00Z
provider:
  name: Wire
  domain: wire.example
---

Grain shipments left the port, loaded by the harbour's new cranes.
)";

constexpr std::int64_t kOrigin = 1772452800;  // 2026-03-02T12:00:00Z

struct Fixture {
  testing::ScratchIndex index{{{"cranes", kCranes}, {"wheat", kWheat}}};
  IndexView view = OpenView(index.dir.Sub("db"));
  indexer::Analyzer analyzer;

  Xapian::docid Doc(const std::string& id) {
    Xapian::PostingIterator it = view.db.postlist_begin(indexer::IdTerm(id));
    REQUIRE(it != view.db.postlist_end(indexer::IdTerm(id)));
    return *it;
  }

  // A plan highlighting the terms of `words`, at kOrigin.
  QueryPlan Plan(const std::string& words) {
    QueryPlan plan;
    std::vector<std::string> terms;
    analyzer.Terms(words, "en", &terms);
    plan.terms.insert(terms.begin(), terms.end());
    plan.origin = kOrigin;
    return plan;
  }
};

TEST_CASE("Assemble shows the match's documents in its order with their stored fields") {
  Fixture f;
  SearchRequest request;
  request.page = 2;
  request.per_page = 1;
  Matched matched;
  matched.response.total = 7;
  matched.response.total_exact = false;
  matched.response.notices = {"a notice"};
  matched.ranked = {Ranked{f.Doc("https://wire.example/wheat"), 2.5, "", "", 3},
                    Ranked{f.Doc("https://harbour.example/cranes"), 1.25, "", "", 0}};
  const SearchResponse r =
      Assemble(f.view, request, f.Plan("cranes"), std::move(matched), &f.analyzer);

  // The match's totals and notices are kept; the page is the request's.
  CHECK(r.total == 7);
  CHECK_FALSE(r.total_exact);
  CHECK(r.notices == std::vector<std::string>{"a notice"});
  CHECK(r.page == 2);
  CHECK(r.per_page == 1);
  REQUIRE(r.hits.size() == 2);

  const Hit& wheat = r.hits[0];
  CHECK(wheat.id == "https://wire.example/wheat");
  CHECK(wheat.score == 2.5);
  CHECK(wheat.duplicates == 3);
  CHECK(wheat.title_html == "Wheat exports rise");  // no query word in it
  CHECK(wheat.snippet_html ==
        "Grain shipments left the port, loaded by the harbour's new <mark>cranes</mark>.");
  CHECK_FALSE(wheat.quality.has_value());
  CHECK_FALSE(wheat.explain.has_value());

  const Hit& cranes = r.hits[1];
  CHECK(cranes.id == "https://harbour.example/cranes");
  CHECK(cranes.url == "https://harbour.example/cranes");
  CHECK(cranes.title == "Harbour cranes restart after the ransomware attack");
  CHECK(cranes.title_html == "Harbour <mark>cranes</mark> restart after the ransomware attack");
  CHECK(cranes.snippet_html.find("The <mark>cranes</mark> at the container terminal") == 0);
  CHECK(cranes.score == 1.25);
  CHECK(cranes.duplicates == 0);
  CHECK(cranes.provider == "Harbour Times");
  CHECK(cranes.site == "harbour.example");
  CHECK(cranes.topics == std::vector<std::string>{"shipping", "security"});
  CHECK(cranes.published == "2026-03-02T08:00:00Z");
  CHECK(cranes.quality == 71);
  CHECK(cranes.language == "en");
  CHECK(cranes.text.empty());  // the body is for Get, not for a page of hits
}

TEST_CASE("Assemble explains each hit's score as text, quality and recency") {
  Fixture f;
  SearchRequest request;
  request.explain = true;
  Matched matched;
  matched.ranked = {Ranked{f.Doc("https://harbour.example/cranes"), 4.0, "", "", 0},
                    Ranked{f.Doc("https://wire.example/wheat"), 0.5, "", "", 0}};
  const SearchResponse r =
      Assemble(f.view, request, f.Plan("cranes"), std::move(matched), &f.analyzer);
  REQUIRE(r.hits.size() == 2);
  const Ranking& ranking = request.ranking;

  REQUIRE(r.hits[0].explain.has_value());
  const Explain& cranes = *r.hits[0].explain;
  CHECK(cranes.quality == Approx(ranking.quality * 0.71));
  CHECK(cranes.recency == Approx(RecencyWeight(ranking, "20260302", kOrigin)));
  CHECK(cranes.recency == Approx(ranking.recency));  // published on the origin's day
  CHECK(cranes.text + cranes.quality + cranes.recency == Approx(4.0));

  REQUIRE(r.hits[1].explain.has_value());
  const Explain& wheat = *r.hits[1].explain;
  CHECK(wheat.quality == 0);  // no quality stored
  CHECK(wheat.recency == Approx(RecencyWeight(ranking, "20260220", kOrigin)));
  CHECK(wheat.recency < ranking.recency);
  CHECK(wheat.text + wheat.quality + wheat.recency == Approx(0.5));
}

TEST_CASE("Assemble lists the tallied facets scaled, with the selected values") {
  Fixture f;
  SearchRequest request;
  request.facet_size = 2;
  QueryPlan plan = f.Plan("");
  plan.filters.selected["topic"] = {"Politics"};
  Matched matched;
  // Counted on a sample of one article in 3.
  matched.tally.facets["topic"] =
      SampledCounts{{{"energy", 3}, {"Energy", 1}, {"markets", 2}, {"sports", 1}}, 3};
  matched.tally.facets["provider"] = SampledCounts{{{"Wire", 5}}, 1};
  const SearchResponse r = Assemble(f.view, request, plan, std::move(matched), &f.analyzer);

  CHECK(r.hits.empty());
  REQUIRE(r.facets.count("topic") == 1);
  const std::vector<FacetValue>& topic = r.facets.at("topic");
  // Spellings merge (shown as the most frequent), largest first, at most facet_size,
  // and the selected value is listed even when it matched nothing.
  REQUIRE(topic.size() == 3);
  CHECK(topic[0].value == "energy");
  CHECK(topic[0].count == 12);
  CHECK(topic[1].value == "markets");
  CHECK(topic[1].count == 6);
  CHECK(topic[2].value == "Politics");
  CHECK(topic[2].count == 0);
  CHECK(topic[2].selected);
  CHECK_FALSE(topic[0].selected);
  REQUIRE(r.facets.count("provider") == 1);
  REQUIRE(r.facets.at("provider").size() == 1);
  CHECK(r.facets.at("provider")[0].count == 5);
  // No day counts asked for: no histograms.
  CHECK(r.date_histogram.empty());
  CHECK(r.relative_dates.empty());
}

TEST_CASE("Assemble turns the tallied days into a histogram and days back from the origin") {
  Fixture f;
  Matched matched;
  matched.tally.want_days = true;
  matched.tally.days = SampledCounts{{{"20260220", 1}, {"20260301", 2}, {"20260302", 4}}, 2};
  const SearchResponse r =
      Assemble(f.view, SearchRequest(), f.Plan(""), std::move(matched), &f.analyzer);
  CHECK(r.histogram_interval == "day");
  REQUIRE(r.date_histogram.size() >= 3);
  CHECK(r.date_histogram.front().key == "2026-02-20");
  CHECK(r.date_histogram.front().count == 2);
  CHECK(r.date_histogram.back().key == "2026-03-02");
  CHECK(r.date_histogram.back().count == 8);
  std::uint64_t sum = 0;
  for (const HistogramBucket& b : r.date_histogram) sum += b.count;
  CHECK(sum == 14);
  REQUIRE(r.relative_dates.size() == 4);
  CHECK(r.relative_dates[0].key == "today");
  CHECK(r.relative_dates[0].count == 8);
  CHECK(r.relative_dates[1].count == 12);  // 7d: Mar 1 and 2
  CHECK(r.relative_dates[2].count == 14);  // 30d: all three
}

TEST_CASE("DecodeHit gives an empty hit for data that is not a JSON object") {
  indexer::Analyzer analyzer;
  for (const char* data : {"", "not json", "[1, 2]", "\"text\"", "{\"title\": 3"}) {
    INFO(data);
    const Hit hit = DecodeHit(data, {"crane"}, &analyzer);
    CHECK(hit.id.empty());
    CHECK(hit.title.empty());
    CHECK(hit.snippet_html.empty());
    CHECK(hit.topics.empty());
    CHECK(StoredText(data).empty());
  }
}

TEST_CASE("StoredText is the stored body text of a document") {
  Fixture f;
  const std::string data = indexer::UnpackStoredData(
      f.view.db.get_document(f.Doc("https://wire.example/wheat")).get_data());
  CHECK(StoredText(data) == "Grain shipments left the port, loaded by the harbour's new cranes.");
}

// An index written before stored records were compressed holds them as JSON text: its
// hits, lookups and similar articles read the same fields as those of a new index.
TEST_CASE("Hits of records stored as JSON text read as those of compressed records") {
  testing::ScratchIndex index{{{"cranes", kCranes}, {"wheat", kWheat}}};
  SearchRequest request;
  request.query = "cranes";
  auto before = index.searcher->Search(request);
  REQUIRE(before.ok());
  REQUIRE(before->hits.size() == 2);
  auto looked_up = index.searcher->Get("https://wire.example/wheat");
  REQUIRE(looked_up.ok());
  index.searcher.reset();
  {
    Xapian::WritableDatabase db(index.dir.Sub("db"));  // the stub's one shard
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document doc = db.get_document(*it);
      REQUIRE(indexer::IsPackedStoredData(doc.get_data()));
      doc.set_data(indexer::UnpackStoredData(doc.get_data()));
      db.replace_document(*it, doc);
    }
    db.commit();
    REQUIRE_FALSE(indexer::IsPackedStoredData(db.get_document(1).get_data()));
  }
  auto reopened = Searcher::Open(index.dir.Sub("db"));
  REQUIRE(reopened.ok());
  auto after = (*reopened)->Search(request);
  REQUIRE(after.ok());
  REQUIRE(after->hits.size() == before->hits.size());
  for (std::size_t i = 0; i < after->hits.size(); ++i) {
    const Hit& x = before->hits[i];
    const Hit& y = after->hits[i];
    CHECK(y.id == x.id);
    CHECK(y.title == x.title);
    CHECK(y.title_html == x.title_html);
    CHECK(y.snippet_html == x.snippet_html);
    CHECK(y.provider == x.provider);
    CHECK(y.topics == x.topics);
    CHECK(y.published == x.published);
  }
  auto again = (*reopened)->Get("https://wire.example/wheat");
  REQUIRE(again.ok());
  CHECK(again->text == looked_up->text);
  CHECK(again->text == "Grain shipments left the port, loaded by the harbour's new cranes.");
}

}  // namespace
}  // namespace gazette::query
