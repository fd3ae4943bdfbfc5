// The alerts store's upkeep: pruning rows and articles in bulk, and migrating stores of
// the layout with one row, and entry, per match.
#include <sqlite3.h>

#include <unordered_map>
#include <unordered_set>

#include "alerts/statement.h"
#include "alerts/store.h"
#include "alerts/store_keys.h"

namespace gazette::alerts {

Status Store::Prune() {
  auto heads = LoadHeads();
  if (!heads.ok()) return heads.status();
  // Each article's id, hashed: a search keeps kKeptMatches different articles.
  std::unordered_map<std::int64_t, std::size_t> id_of;
  {
    Statement articles(db_, "SELECT key, id FROM articles");
    if (!articles.ok()) return Error("pruning matches");
    int rc;
    while ((rc = articles.Step()) == SQLITE_ROW) {
      id_of.emplace(articles.Int(0), std::hash<std::string>()(articles.Text(1)));
    }
    if (rc != SQLITE_DONE) return Error("pruning matches");
  }
  // Newest first: a row is kept while its search, still saved, has fewer than
  // kKeptMatches articles in the rows kept before it.
  std::unordered_map<std::string, std::unordered_set<std::size_t>> kept;
  std::unordered_set<std::int64_t> referenced;
  std::vector<std::int64_t> dead;
  std::int64_t live = 0;
  {
    Statement rows(db_, "SELECT seq, search_id, articles FROM hits ORDER BY seq DESC");
    if (!rows.ok()) return Error("pruning matches");
    int rc;
    while ((rc = rows.Step()) == SQLITE_ROW) {
      const std::string search = rows.Text(1);
      auto& mine = kept[search];
      if (heads->count(search) == 0 || mine.size() >= static_cast<std::size_t>(kKeptMatches)) {
        dead.push_back(rows.Int(0));
        continue;
      }
      ++live;
      for (std::int64_t key : UnpackKeys(rows.Blob(2))) {
        referenced.insert(key);
        if (auto id = id_of.find(key); id != id_of.end()) mine.insert(id->second);
      }
    }
    if (rc != SQLITE_DONE) return Error("pruning matches");
  }
  Statement remove_row(db_, "DELETE FROM hits WHERE seq = ?");
  if (!remove_row.ok()) return Error("pruning matches");
  for (std::int64_t seq : dead) {
    if (remove_row.Bind(1, seq).Step() != SQLITE_DONE) return Error("pruning matches");
    remove_row.Reset();
  }
  // Deliveries done or given up go; articles only they or dead rows named go with them.
  if (Status s = Exec("DELETE FROM deliveries WHERE state != 0"); !s.ok()) return s;
  {
    Statement pending(db_, "SELECT article FROM deliveries");
    if (!pending.ok()) return Error("pruning matches");
    while (pending.Step() == SQLITE_ROW) referenced.insert(pending.Int(0));
  }
  Statement remove_article(db_, "DELETE FROM articles WHERE key = ?");
  if (!remove_article.ok()) return Error("pruning matches");
  for (const auto& entry : id_of) {
    if (referenced.count(entry.first) != 0) continue;
    if (remove_article.Bind(1, entry.first).Step() != SQLITE_DONE) return Error("pruning matches");
    remove_article.Reset();
  }
  Statement counts(db_,
                   "UPDATE meta SET value = CASE key WHEN 'hits_after_prune' THEN ? ELSE 0 END "
                   "WHERE key IN ('hits_after_prune', 'hits_since_prune')");
  if (!counts.ok() || counts.Bind(1, live).Step() != SQLITE_DONE) return Error("pruning matches");
  return Status::Ok();
}

Status Store::MigrateMatches() {
  {
    Statement exists(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'matches'");
    if (!exists.ok()) return Error("opening");
    if (exists.Step() != SQLITE_ROW) return Status::Ok();
  }
  // Each earlier match becomes an article and a row of hits, in the order recorded;
  // pending deliveries stay pending.
  auto heads = LoadHeads();
  if (!heads.ok()) return heads.status();
  if (Status s = MigrateRows(&*heads); !s.ok()) return s;
  if (Status s = SaveHeads(*heads); !s.ok()) return s;
  return Exec("DROP TABLE matches");  // once its statements are finalised
}

Status Store::MigrateRows(Heads* heads) {
  Statement old(db_,
                "SELECT search_id, article_id, change, matched_at, entry, state, attempts, "
                "next_attempt FROM matches ORDER BY seq");
  Statement article(db_, "INSERT INTO articles(id, change, matched_at, entry) VALUES(?, ?, ?, ?)");
  Statement hit(db_, "INSERT INTO hits(search_id, prev, articles) VALUES(?, ?, ?)");
  Statement delivery(db_,
                     "INSERT INTO deliveries(search_id, article, state, attempts, next_attempt) "
                     "VALUES(?, ?, ?, ?, ?)");
  if (!old.ok() || !article.ok() || !hit.ok() || !delivery.ok()) return Error("migrating matches");
  int rc;
  while ((rc = old.Step()) == SQLITE_ROW) {
    const std::string search = old.Text(0);
    article.Bind(1, old.Text(1)).Bind(2, old.Text(2)).Bind(3, old.Int(3)).Bind(4, old.Text(4));
    if (article.Step() != SQLITE_DONE) return Error("migrating matches");
    article.Reset();
    const std::int64_t key = sqlite3_last_insert_rowid(db_);
    std::int64_t& head = (*heads)[search];
    hit.Bind(1, search).Bind(2, head).BindBlob(3, PackKeys({key}));
    if (hit.Step() != SQLITE_DONE) return Error("migrating matches");
    hit.Reset();
    head = sqlite3_last_insert_rowid(db_);
    if (old.Int(5) != kPending) continue;
    delivery.Bind(1, search).Bind(2, key).Bind(3, static_cast<std::int64_t>(kPending));
    delivery.Bind(4, old.Int(6)).Bind(5, old.Int(7));
    if (delivery.Step() != SQLITE_DONE) return Error("migrating matches");
    delivery.Reset();
  }
  return rc == SQLITE_DONE ? Status::Ok() : Error("migrating matches");
}

}  // namespace gazette::alerts
