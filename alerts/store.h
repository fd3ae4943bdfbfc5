// The alerts store: saved searches, their recent matches and pending webhook
// deliveries, in one SQLite database beside the index. Shared by `gazette serve`
// (the API, feeds, webhooks) and `gazette index` (matching): every change is one
// transaction, so concurrent writers and a process killed mid-write leave it whole.
#ifndef GAZETTE_ALERTS_STORE_H_
#define GAZETTE_ALERTS_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "alerts/saved_search.h"
#include "base/status.h"

struct sqlite3;

namespace gazette::alerts {

// Where the store of the index at `db_path` lives: "<db_path>.alerts".
std::string StorePathFor(const std::string& db_path);

// One batch of matches: each matched article once, and which searches matched it.
struct Recording {
  struct Article {
    ArticleEntry entry;
    std::string change;           // "added" or "updated"
    std::int64_t matched_at = 0;  // seconds since the epoch
    std::string entry_json;       // EntryJson(entry), when made beforehand
  };
  std::vector<Article> articles;
  // (saved search id, index into `articles`), in the order they were found.
  std::vector<std::pair<std::string, std::uint32_t>> matches;
  // When set, the version of the saved searches (SearchesVersion) the matches were
  // found against, and the ids of those with a webhook: while that version is current,
  // the searches are taken as they are instead of each being looked up.
  std::int64_t searches_version = -1;
  std::unordered_set<std::string> hooked;
};

// A match whose webhook is due.
struct Delivery {
  Match match;  // match.seq numbers the delivery
  std::string search_name;
  std::string webhook;
  int attempts = 0;  // failed attempts so far
};

// Thread-safe (one connection, serialised).
class Store {
 public:
  // Opens the store at `path`, creating it when absent. IoError when it cannot be
  // opened or created; Corruption when the file is not a store.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Saves `search` under a new random id, dated now; returns it as saved.
  Result<SavedSearch> Create(SavedSearch search);
  // Every saved search, oldest first.
  Result<std::vector<SavedSearch>> List();
  // NotFound when there is no saved search `id`.
  Result<SavedSearch> Get(const std::string& id);
  // Deletes saved search `id` and its matches; NotFound when absent.
  Status Delete(const std::string& id);
  // A number that changes whenever saved searches are created or deleted.
  Result<std::int64_t> SearchesVersion();

  // A named blob kept for the store's users (the compiled saved searches); empty when
  // there is none.
  Result<std::string> GetBlob(const std::string& name);
  Status PutBlob(const std::string& name, const std::string& bytes);

  // Records a batch of matches in one transaction, writing each article once; matches
  // of searches deleted meanwhile are dropped, those of a search with a webhook are
  // queued for delivery. A later match of the same article by the same search
  // replaces the earlier one; the newest kKeptMatches articles of each search are
  // kept, older ones are pruned in bulk once the matches recorded since the last
  // pruning outnumber those it kept.
  Status Record(const Recording& recording);
  // The same, from matches each carrying its article (equal articles are written once).
  Status Record(const std::vector<Match>& matches);
  static constexpr int kKeptMatches = 200;
  // The newest `limit` matches, newest first, at most kKeptMatches of each search; of
  // one search when `search_id` is set.
  Result<std::vector<Match>> Recent(const std::string& search_id, int limit);

  // Matches whose delivery is due at `now` (seconds since the epoch), oldest first.
  Result<std::vector<Delivery>> DueDeliveries(std::int64_t now, int limit);
  // Marks delivery `seq` done, or failed once more and next due at `next_attempt`
  // (0: failed for good).
  Status MarkDelivered(std::int64_t seq);
  Status MarkFailed(std::int64_t seq, std::int64_t next_attempt);

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const char* sql);     // REQUIRES: mutex_ is held
  Status Error(const char* doing);  // the connection's last error, as IoError
  Status InTransaction(const std::function<Status()>& body);  // REQUIRES: mutex_ is held
  // REQUIRES: mutex_ is held, in a write transaction.
  Status RecordLocked(const Recording& recording);
  Status Prune();
  Status MigrateMatches();  // from the layout with one row, and entry, per match
  Status MigrateRows(std::unordered_map<std::string, std::int64_t>* heads);
  // Each saved search's newest row of matches (its head), kept in one blob.
  using Heads = std::unordered_map<std::string, std::int64_t>;
  Result<Heads> LoadHeads();
  Status SaveHeads(const Heads& heads);

  std::mutex mutex_;
  sqlite3* db_;
  const std::string path_;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_STORE_H_
