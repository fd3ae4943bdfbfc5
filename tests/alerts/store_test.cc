// The alerts store: saved searches survive reopening, concurrent writers (threads and
// processes) lose nothing, a writer killed with SIGKILL mid-write leaves the store whole;
// matches are replaced per article and pruned per search; deliveries follow their state.
#include "alerts/store.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>

#include "tests/support/test_support.h"

namespace gazette::alerts {
namespace {

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  return std::move(*store);
}

SavedSearch Search(const std::string& name, const std::string& text) {
  SavedSearch s;
  s.name = name;
  s.request.query = text;
  s.request.topics = {"cocoa", "sugar"};
  s.request.since = 1700000000;
  return s;
}

Match MatchOf(const std::string& search, const std::string& article) {
  Match m;
  m.search_id = search;
  m.change = "added";
  m.matched_at = 1800000000;
  m.article.id = article;
  m.article.title = "Title of " + article;
  return m;
}

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::string result;
  sqlite3_exec(
      db, "PRAGMA integrity_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) += values[0];
        return 0;
      },
      &result, nullptr);
  sqlite3_close(db);
  return result;
}

TEST_CASE("Saved searches survive reopening, with their filters", "[store]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db.alerts").string();
  std::string id;
  {
    auto store = OpenOrDie(path);
    auto saved = store->Create(Search("Cocoa", "cocoa buffer"));
    REQUIRE(saved.ok());
    id = saved->id;
    CHECK(id.size() == 32);
    CHECK(store->SearchesVersion().value() == 1);
  }
  auto store = OpenOrDie(path);
  auto all = store->List();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 1);
  const SavedSearch& s = all->front();
  CHECK(s.id == id);
  CHECK(s.name == "Cocoa");
  CHECK(s.request.query == "cocoa buffer");
  CHECK(s.request.topics == std::vector<std::string>{"cocoa", "sugar"});
  CHECK(s.request.since == 1700000000);
  CHECK_FALSE(s.request.until);
  CHECK(store->Get(id).ok());
  CHECK(store->Delete(id).ok());
  CHECK(store->Delete(id).code() == StatusCode::kNotFound);
  CHECK(store->Get(id).status().code() == StatusCode::kNotFound);
  CHECK(store->SearchesVersion().value() == 2);
}

TEST_CASE("Concurrent writers in threads and processes lose nothing", "[store]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db.alerts").string();
  auto store = OpenOrDie(path);
  constexpr int kEach = 25;
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    const pid_t pid = fork();
    if (pid == 0) {
      auto mine = Store::Open(path);
      int ok = 0;
      for (int i = 0; i < kEach && mine.ok(); ++i) ok += (*mine)->Create(Search("p", "x")).ok();
      _exit(ok == kEach ? 0 : 1);
    }
    children.push_back(pid);
  }
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) created += store->Create(Search("t", "y")).ok();
    });
  }
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  CHECK(created == 4 * kEach);
  auto all = store->List();
  REQUIRE(all.ok());
  CHECK(all->size() == 6 * kEach);
  std::set<std::string> ids;
  for (const auto& s : *all) ids.insert(s.id);
  CHECK(ids.size() == 6 * kEach);
  CHECK(store->SearchesVersion().value() == 6 * kEach);
}

TEST_CASE("A writer killed with SIGKILL mid-write leaves the store whole", "[store]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db.alerts").string();
  std::size_t before = 0;
  for (int round = 0; round < 5; ++round) {
    const pid_t pid = fork();
    if (pid == 0) {
      auto store = Store::Open(path);
      if (!store.ok()) _exit(1);
      for (;;) {
        auto saved = (*store)->Create(Search("k", "kill"));
        if (saved.ok()) (*store)->Record({MatchOf(saved->id, "a"), MatchOf(saved->id, "b")});
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 37 * round));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    auto store = OpenOrDie(path);
    auto all = store->List();
    REQUIRE(all.ok());
    CHECK(all->size() >= before);
    before = all->size();
    auto matches = store->Recent("", 100000);
    REQUIRE(matches.ok());
    // Each Record is one transaction: a search has both its matches or none.
    std::map<std::string, int> per_search;
    for (const Match& m : *matches) ++per_search[m.search_id];
    for (const auto& [search, count] : per_search) CHECK(count == 2);
    CHECK(IntegrityCheck(path) == "ok");
  }
  CHECK(before > 0);
}

TEST_CASE("Matches replace earlier ones of the same article and are pruned per search", "[store]") {
  testing::TempDir dir;
  auto store = OpenOrDie((dir.path() / "db.alerts").string());
  const std::string a = store->Create(Search("A", "a")).value().id;
  const std::string b = store->Create(Search("B", "b")).value().id;
  std::vector<Match> many;
  for (int i = 0; i < Store::kKeptMatches + 50; ++i) many.push_back(MatchOf(a, std::to_string(i)));
  REQUIRE(store->Record(many).ok());
  REQUIRE(store->Record({MatchOf(b, "0"), MatchOf("no-such-search", "0")}).ok());
  auto recent_a = store->Recent(a, 100000);
  REQUIRE(recent_a.ok());
  CHECK(recent_a->size() == static_cast<std::size_t>(Store::kKeptMatches));
  CHECK(recent_a->front().article.id == std::to_string(Store::kKeptMatches + 49));
  REQUIRE(store->Record({MatchOf(a, "100")}).ok());
  recent_a = store->Recent(a, 100000);
  CHECK(recent_a->size() == static_cast<std::size_t>(Store::kKeptMatches));
  CHECK(recent_a->front().article.id == "100");
  CHECK(recent_a->front().article.title == "Title of 100");
  CHECK(store->Recent("", 100000)->size() == static_cast<std::size_t>(Store::kKeptMatches) + 1);
  CHECK(store->Delete(a).ok());
  CHECK(store->Recent(a, 10)->empty());
  CHECK(store->Recent("", 10)->size() == 1);
}

std::int64_t CountRows(const std::string& path, const char* table) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::int64_t count = -1;
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = std::string("SELECT count(*) FROM ") + table;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

TEST_CASE("Pruning in bulk keeps the newest matches of each saved search", "[store]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db.alerts").string();
  auto store = OpenOrDie(path);
  constexpr int kSearches = 100;
  std::vector<std::string> ids;
  for (int i = 0; i < kSearches; ++i) ids.push_back(store->Create(Search("s", "x")).value().id);
  const std::string gone = store->Create(Search("gone", "x")).value().id;
  // Batches of three articles, each matched by every search: one row per search and
  // batch, so that pruning falls due after about 100 batches.
  int batches = 0;
  std::int64_t rows_before = 0;
  for (; batches < 200; ++batches) {
    Recording recording;
    for (int a = 0; a < 3; ++a) {
      Recording::Article article;
      article.entry.id = std::to_string(batches * 3 + a);
      article.entry.title = "Title of " + article.entry.id;
      article.change = "added";
      article.matched_at = 1800000000 + batches;
      recording.articles.push_back(article);
      for (const std::string& id : ids) {
        recording.matches.emplace_back(id, static_cast<std::uint32_t>(a));
      }
      recording.matches.emplace_back(gone, static_cast<std::uint32_t>(a));
    }
    if (batches == 10) REQUIRE(store->Delete(gone).ok());
    REQUIRE(store->Record(recording).ok());
    const std::int64_t rows = CountRows(path, "hits");
    if (rows < rows_before) break;  // pruned
    rows_before = rows;
  }
  REQUIRE(batches < 200);
  // Each search keeps the rows of its newest 200 articles (67 rows of 3), not more.
  const std::int64_t per_search = (Store::kKeptMatches + 2) / 3;
  CHECK(CountRows(path, "hits") == kSearches * per_search);
  CHECK(CountRows(path, "articles") == 3 * per_search);
  for (const std::string& id : {ids.front(), ids.back()}) {
    auto recent = store->Recent(id, 100000);
    REQUIRE(recent.ok());
    REQUIRE(recent->size() == static_cast<std::size_t>(Store::kKeptMatches));
    CHECK(recent->front().article.id == std::to_string(batches * 3 + 2));
    CHECK(recent->back().article.id == std::to_string(batches * 3 + 3 - Store::kKeptMatches));
    CHECK(recent->back().article.title == "Title of " + recent->back().article.id);
  }
  CHECK(store->Recent(gone, 10)->empty());
  CHECK(IntegrityCheck(path) == "ok");
}

TEST_CASE("Deliveries are due only for searches with a webhook, until done", "[store]") {
  testing::TempDir dir;
  auto store = OpenOrDie((dir.path() / "db.alerts").string());
  SavedSearch hooked = Search("Hooked", "x");
  hooked.webhook = "http://127.0.0.1:9/hook";
  const std::string with = store->Create(hooked).value().id;
  const std::string without = store->Create(Search("Plain", "x")).value().id;
  REQUIRE(store->Record({MatchOf(with, "1"), MatchOf(without, "1")}).ok());
  auto due = store->DueDeliveries(1000, 10);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 1);
  const Delivery d = due->front();
  CHECK(d.webhook == hooked.webhook);
  CHECK(d.search_name == "Hooked");
  CHECK(d.attempts == 0);
  REQUIRE(store->MarkFailed(d.match.seq, 1010).ok());
  CHECK(store->DueDeliveries(1009, 10)->empty());
  CHECK(store->DueDeliveries(1010, 10)->front().attempts == 1);
  REQUIRE(store->MarkDelivered(d.match.seq).ok());
  CHECK(store->DueDeliveries(99999, 10)->empty());
  REQUIRE(store->Record({MatchOf(with, "2")}).ok());
  const std::int64_t seq = store->DueDeliveries(0, 10)->front().match.seq;
  REQUIRE(store->MarkFailed(seq, 0).ok());  // given up
  CHECK(store->DueDeliveries(99999, 10)->empty());
}

TEST_CASE("A store of the earlier layout opens, keeps its matches and replaces repeats",
          "[store]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db.alerts").string();
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    // The layout before matches_pair: a plain (search, article) index, and by seq.
    const char* earlier = R"(
      CREATE TABLE saved_searches(id TEXT PRIMARY KEY, name TEXT NOT NULL,
        params TEXT NOT NULL, webhook TEXT, created INTEGER NOT NULL);
      CREATE TABLE matches(seq INTEGER PRIMARY KEY AUTOINCREMENT, search_id TEXT NOT NULL,
        article_id TEXT NOT NULL, change TEXT NOT NULL, matched_at INTEGER NOT NULL,
        entry TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX matches_by_search ON matches(search_id, seq);
      CREATE INDEX matches_by_article ON matches(search_id, article_id);
      CREATE INDEX matches_due ON matches(state, next_attempt);
      CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO meta VALUES('searches_version', 1);
      INSERT INTO saved_searches VALUES('s1', 'Old', '{"q":"cocoa"}', NULL, 1);
      INSERT INTO matches(search_id, article_id, change, matched_at, entry, state)
        VALUES('s1', 'a', 'added', 5, '{"id":"a","title":"Old title"}', 1);)";
    REQUIRE(sqlite3_exec(db, earlier, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenOrDie(path);
  auto recent = store->Recent("s1", 10);
  REQUIRE(recent.ok());
  REQUIRE(recent->size() == 1);
  CHECK(recent->front().article.title == "Old title");
  REQUIRE(store->Record({MatchOf("s1", "a"), MatchOf("s1", "b")}).ok());
  recent = store->Recent("s1", 10);
  REQUIRE(recent->size() == 2);
  CHECK(recent->front().article.id == "b");
  CHECK(recent->back().article.title == "Title of a");
  CHECK(IntegrityCheck(path) == "ok");
}

TEST_CASE("A file that is not a store is refused", "[store]") {
  testing::TempDir dir;
  const std::string path = dir.Write("db.alerts", std::string(8192, 'x'));
  auto store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kCorruption);
  CHECK(store.status().message().find(path) != std::string::npos);
}

}  // namespace
}  // namespace gazette::alerts
