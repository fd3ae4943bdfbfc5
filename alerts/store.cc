// The alerts store on SQLite (WAL, synchronous=FULL, one transaction per change).
#include "alerts/store.h"

#include <sqlite3.h>

#include <ctime>
#include <random>

#include "alerts/statement.h"

namespace gazette::alerts {
namespace {

using nlohmann::json;

constexpr int kBusyTimeoutMs = 10000;

constexpr char kSchema[] = R"(
CREATE TABLE IF NOT EXISTS saved_searches(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, params TEXT NOT NULL,
  webhook TEXT, created INTEGER NOT NULL);
-- Each matched article as one recording saw it, written once however many searches
-- matched it.
CREATE TABLE IF NOT EXISTS articles(
  key INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, change TEXT NOT NULL,
  matched_at INTEGER NOT NULL, entry TEXT NOT NULL);
-- One row per (saved search, recording): the keys of the articles it matched (8 bytes
-- each, little-endian, in the order found) and the seq of the same search's previous
-- row (0: none). Rows are only appended, so a recording writes at the table's end; a
-- search's rows are read by following prev from its head (the blob 'heads').
CREATE TABLE IF NOT EXISTS hits(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, search_id TEXT NOT NULL, prev INTEGER NOT NULL,
  articles BLOB NOT NULL);
-- Matches of searches with a webhook, until delivered or given up.
CREATE TABLE IF NOT EXISTS deliveries(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, search_id TEXT NOT NULL, article INTEGER NOT NULL,
  state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries(next_attempt) WHERE state = 0;
CREATE TABLE IF NOT EXISTS blobs(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES('searches_version', 0);
INSERT OR IGNORE INTO meta VALUES('hits_since_prune', 0);
INSERT OR IGNORE INTO meta VALUES('hits_after_prune', 0);
)";

std::string RandomId() {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 8; ++i) {
    const unsigned value = random();
    for (int k = 0; k < 4; ++k) id += kHex[(value >> (4 * k)) & 15];
  }
  return id;
}

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

Result<SavedSearch> SearchFrom(Statement& row) {
  SavedSearch search;
  search.id = row.Text(0);
  search.name = row.Text(1);
  json params = json::parse(row.Text(2), nullptr, false);
  auto request = RequestFromParams(params);
  if (!request.ok()) return request.status();
  search.request = *request;
  search.webhook = row.Text(3);
  search.created = row.Int(4);
  return search;
}

}  // namespace

std::string StorePathFor(const std::string& db_path) {
  std::string path = db_path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path + ".alerts";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError("alerts store " + path + ": cannot open: " + message);
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::lock_guard<std::mutex> lock(store->mutex_);
  // A batch's matches are one transaction: a page cache of 32 MiB keeps its index
  // pages in memory instead of spilling them to the log mid-transaction.
  for (const char* sql :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA cache_size=-32768"}) {
    if (Status s = store->Exec(sql); !s.ok()) {
      if (sqlite3_errcode(db) == SQLITE_NOTADB) {
        return Status::Corruption("alerts store " + path + ": not an alerts store");
      }
      return s;
    }
  }
  Status s = store->InTransaction([&] {
    Status made = store->Exec(kSchema);
    return made.ok() ? store->MigrateMatches() : made;
  });
  if (!s.ok()) return s;
  return store;
}

Store::~Store() { sqlite3_close(db_); }

Status Store::Error(const char* doing) {
  return Status::IoError("alerts store " + path_ + ": " + doing + ": " + sqlite3_errmsg(db_));
}

Status Store::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
  std::string text = message != nullptr ? message : sqlite3_errmsg(db_);
  sqlite3_free(message);
  return Status::IoError("alerts store " + path_ + ": " + text);
}

Status Store::InTransaction(const std::function<Status()>& body) {
  if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Status s = body();
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) Exec("ROLLBACK");
  return s;
}

Result<SavedSearch> Store::Create(SavedSearch search) {
  std::lock_guard<std::mutex> lock(mutex_);
  search.id = RandomId();
  search.created = Now();
  Status s = InTransaction([&]() -> Status {
    Statement insert(db_, "INSERT INTO saved_searches VALUES(?, ?, ?, ?, ?)");
    if (!insert.ok()) return Error("saving a search");
    insert.Bind(1, search.id).Bind(2, search.name).Bind(3, ParamsJson(search.request).dump());
    search.webhook.empty() ? insert.BindNull(4) : insert.Bind(4, search.webhook);
    insert.Bind(5, search.created);
    if (insert.Step() != SQLITE_DONE) return Error("saving a search");
    return Exec("UPDATE meta SET value = value + 1 WHERE key = 'searches_version'");
  });
  if (!s.ok()) return s;
  return search;
}

Result<std::vector<SavedSearch>> Store::List() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_,
                   "SELECT id, name, params, webhook, created FROM saved_searches "
                   "ORDER BY created, id");
  if (!select.ok()) return Error("listing saved searches");
  std::vector<SavedSearch> searches;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    auto search = SearchFrom(select);
    if (!search.ok()) return search.status();
    searches.push_back(std::move(*search));
  }
  if (rc != SQLITE_DONE) return Error("listing saved searches");
  return searches;
}

Result<SavedSearch> Store::Get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_,
                   "SELECT id, name, params, webhook, created FROM saved_searches "
                   "WHERE id = ?");
  if (!select.ok()) return Error("reading a saved search");
  select.Bind(1, id);
  const int rc = select.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("no saved search " + id);
  if (rc != SQLITE_ROW) return Error("reading a saved search");
  return SearchFrom(select);
}

Status Store::Delete(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&]() -> Status {
    Statement remove(db_, "DELETE FROM saved_searches WHERE id = ?");
    if (!remove.ok() || remove.Bind(1, id).Step() != SQLITE_DONE) {
      return Error("deleting a saved search");
    }
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no saved search " + id);
    // Its rows of matches are left to the next pruning; its pending deliveries go now.
    auto heads = LoadHeads();
    if (!heads.ok()) return heads.status();
    if (heads->erase(id) != 0) {
      if (Status s = SaveHeads(*heads); !s.ok()) return s;
    }
    Statement deliveries(db_, "DELETE FROM deliveries WHERE search_id = ?");
    if (!deliveries.ok() || deliveries.Bind(1, id).Step() != SQLITE_DONE) {
      return Error("deleting a saved search's deliveries");
    }
    return Exec("UPDATE meta SET value = value + 1 WHERE key = 'searches_version'");
  });
}

Result<std::int64_t> Store::SearchesVersion() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_, "SELECT value FROM meta WHERE key = 'searches_version'");
  if (!select.ok() || select.Step() != SQLITE_ROW) return Error("reading the version");
  return select.Int(0);
}

Result<std::string> Store::GetBlob(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_, "SELECT value FROM blobs WHERE key = ?");
  if (!select.ok()) return Error("reading a blob");
  const int rc = select.Bind(1, "user:" + name).Step();
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return Error("reading a blob");
  return select.Blob(0);
}

Status Store::PutBlob(const std::string& name, const std::string& bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&]() -> Status {
    Statement save(db_, "INSERT OR REPLACE INTO blobs VALUES(?, ?)");
    if (!save.ok() || save.Bind(1, "user:" + name).BindBlob(2, bytes).Step() != SQLITE_DONE) {
      return Error("saving a blob");
    }
    return Status::Ok();
  });
}

}  // namespace gazette::alerts
