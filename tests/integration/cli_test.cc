// The gazette binary: exit statuses, summaries and JSON output.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

namespace gazette {
namespace {

using testing::CommandOutput;
using testing::MarkdownArticle;
using testing::RunGazette;
using testing::TempDir;

TEST_CASE("index exits 0 on success - 3 when some inputs were skipped - 1 on fatal errors") {
  TempDir dir;
  dir.Write("ok/a.md", MarkdownArticle("Cocoa prices climb", "Cocoa rose.",
                                       "webUrl: \"https://x.example/a\"\n"));
  dir.Write("mixed/a.md", MarkdownArticle("Cocoa prices climb", "Cocoa rose.",
                                          "webUrl: \"https://x.example/a\"\n"));
  dir.Write("mixed/b.md", "---\ntitle: [broken\n---\n");
  const std::string db = "--db '" + dir.Sub("db") + "' ";

  CHECK(RunGazette("index " + db + "'" + dir.Sub("ok") + "'").status == 0);
  CommandOutput mixed = RunGazette("index --json " + db + "'" + dir.Sub("mixed") + "'");
  CHECK(mixed.status == 3);
  auto summary = nlohmann::json::parse(mixed.out);
  CHECK(summary["unchanged"] == 0);  // same id, new source file: replaced
  REQUIRE(summary["skipped"].size() == 1);
  CHECK(summary["skipped"][0]["path"].get<std::string>().find("b.md") != std::string::npos);
  CHECK(RunGazette("index " + db + "'" + dir.Sub("nowhere") + "'").status == 1);
  CHECK(RunGazette("index --no-such-flag x").status == 2);
}

TEST_CASE("search --json and stats --json print the documented shapes") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("Cocoa prices climb", "Cocoa rose in London.",
                                      "webUrl: \"https://x.example/a\"\nquality: 70\n"
                                      "publishedDateTime: 2024-05-01T10:00:00Z\n"
                                      "provider:\n  name: \"Wire\"\n  domain: \"wire.example\"\n"
                                      "topics:\n  - \"Cocoa\"\n"));
  const std::string db = "--db '" + dir.Sub("db") + "' ";
  REQUIRE(RunGazette("index " + db + "'" + dir.Sub("c") + "'").status == 0);

  CommandOutput stats = RunGazette("stats --json " + db);
  REQUIRE(stats.status == 0);
  CHECK(nlohmann::json::parse(stats.out)["documents"] == 1);

  CommandOutput search = RunGazette("search --json " + db + "'cocoa prices'");
  REQUIRE(search.status == 0);
  auto j = nlohmann::json::parse(search.out);
  CHECK(j["total"] == 1);
  const auto& hit = j["hits"][0];
  for (const char* key : {"id", "title", "url", "published", "provider", "topics", "quality",
                          "score", "snippet", "related", "duplicates"}) {
    INFO(key);
    CHECK(hit.contains(key));
  }
  CHECK(hit["published"] == "2024-05-01T10:00:00Z");
  CHECK(hit["provider"] == "Wire");
  CHECK(hit["quality"] == 70);

  CHECK(RunGazette("search " + db + "--sort sideways cocoa").status == 2);
  CHECK(RunGazette("stats --db '" + dir.Sub("nothing") + "'").status == 1);
}

TEST_CASE("rebuild goes live only past its gate: count tolerance and canary queries") {
  TempDir dir;
  dir.Write("a/cocoa.md", MarkdownArticle("Cocoa prices climb", "Cocoa rose.",
                                          "webUrl: \"https://x.example/cocoa\"\n"));
  dir.Write("a/coffee.md", MarkdownArticle("Coffee exports fall", "Coffee fell.",
                                           "webUrl: \"https://x.example/coffee\"\n"));
  dir.Write("b/coffee.md", MarkdownArticle("Coffee exports fall", "Coffee fell.",
                                           "webUrl: \"https://x.example/coffee\"\n"));
  dir.Write("b/tea.md", MarkdownArticle("Tea auction steady", "Tea held.",
                                        "webUrl: \"https://x.example/tea\"\n"));
  const std::string config =
      dir.Write("gazette.yaml",
                "database: " + dir.Sub("news.db") +
                    "\nrebuild:\n  tolerance: 0.5\n  canaries:\n"
                    "    - query: \"cocoa prices\"\n      expect: \"https://x.example/cocoa\"\n");
  const std::string cfg = "--config '" + config + "' ";
  REQUIRE(RunGazette(cfg + "index '" + dir.Sub("a") + "'").status == 0);
  // Same size, but the canary article is gone: refused, live index untouched.
  CHECK(RunGazette(cfg + "index --rebuild '" + dir.Sub("b") + "'").status == 4);
  CommandOutput cocoa = RunGazette(cfg + "search --json 'cocoa prices'");
  CHECK(nlohmann::json::parse(cocoa.out)["total"] == 1);
  // A rebuild that keeps the canary passes and goes live.
  CHECK(RunGazette(cfg + "index --rebuild --shards 2 '" + dir.Sub("a") + "'").status == 0);
  CommandOutput stats = RunGazette(cfg + "stats --json");
  auto j = nlohmann::json::parse(stats.out);
  CHECK(j["documents"] == 2);
  CHECK(j["shards"] == 2);
  CHECK(RunGazette(cfg + "rollback").status == 0);
  CHECK(nlohmann::json::parse(RunGazette(cfg + "stats --json").out)["shards"] == 1);
}

}  // namespace
}  // namespace gazette
