// What a hit carries from the stored document: images and the full related coverage, in
// the Hit and in its JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "query/json.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;
using nlohmann::json;

// Two images (the second without sizes), and related coverage with and without extras.
constexpr char kArticle[] = R"(---
title: "Harbour cranes restart after the ransomware attack"
webUrl: "https://harbour.example/cranes"
publishedDateTime: 2026-03-02T08:00:00Z
quality: 71
provider:
  name: Harbour Times
  domain: harbour.example
images:
  - url: "https://img.harbour.example/cranes.jpg"
    width: 1600
    height: 900
    isCached: true
  - url: "https://img.harbour.example/quay.jpg"
related:
  - title: "Port operator pays no ransom"
    excerpt: "The operator restored its systems from backups."
    publishedDateTime: 2026-03-03T10:30:00Z
    webUrl: "https://ledger.example/port-no-ransom"
    type: analysis
    quality: 64
    provider:
      name: The Ledger
      domain: ledger.example
    images:
      - url: "https://img.ledger.example/port.png"
        width: 640
        height: 360
  - title: "Shipping delays ease"
    webUrl: "https://wire.example/delays"
    provider:
      name: Wire
      domain: wire.example
---

The cranes at the container terminal moved again on Monday.
)";

Hit OnlyHit(const TempDir& dir) {
  auto searcher = Searcher::Open(dir.Sub("db"));
  REQUIRE(searcher.ok());
  SearchRequest request;
  request.query = "cranes";
  auto response = (*searcher)->Search(request);
  REQUIRE(response.ok());
  REQUIRE(response->hits.size() == 1);
  return response->hits[0];
}

TEST_CASE("A hit carries its images and every field of its related coverage") {
  TempDir dir;
  dir.Write("in/cranes.md", kArticle);
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  auto summary = indexer::IndexPaths({dir.Sub("in")}, options);
  REQUIRE(summary.ok());
  REQUIRE(summary->skipped.empty());
  const Hit hit = OnlyHit(dir);

  REQUIRE(hit.images.size() == 2);
  CHECK(hit.images[0].url == "https://img.harbour.example/cranes.jpg");
  CHECK(hit.images[0].width == 1600);
  CHECK(hit.images[0].height == 900);
  CHECK(hit.images[1].url == "https://img.harbour.example/quay.jpg");
  CHECK(hit.images[1].width == 0);

  REQUIRE(hit.related.size() == 2);
  const Related& full = hit.related[0];
  CHECK(full.title == "Port operator pays no ransom");
  CHECK(full.provider == "The Ledger");
  CHECK(full.published == "2026-03-03T10:30:00Z");
  CHECK(full.excerpt == "The operator restored its systems from backups.");
  CHECK(full.type == "analysis");
  CHECK(full.quality == 64);
  REQUIRE(full.images.size() == 1);
  CHECK(full.images[0].url == "https://img.ledger.example/port.png");
  const Related& bare = hit.related[1];
  CHECK(bare.excerpt.empty());
  CHECK_FALSE(bare.quality.has_value());
  CHECK(bare.images.empty());

  const json j = ToJson(hit);
  CHECK(j["images"] == json::parse(R"([
      {"url": "https://img.harbour.example/cranes.jpg", "width": 1600, "height": 900},
      {"url": "https://img.harbour.example/quay.jpg"}])"));
  CHECK(j["related"][0]["quality"] == 64);
  CHECK(j["related"][0]["type"] == "analysis");
  CHECK(j["related"][0]["excerpt"] == full.excerpt);
  CHECK(j["related"][0]["images"][0]["width"] == 640);
  CHECK(j["related"][1]["quality"].is_null());
  CHECK(j["related"][1]["images"] == json::array());
  CHECK_FALSE(j["related"][1].contains("excerpt"));
}

}  // namespace
}  // namespace gazette::query
