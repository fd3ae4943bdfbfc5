// The alerts store's webhook deliveries: the queue of matches due, and their state.
#include <sqlite3.h>

#include "alerts/statement.h"
#include "alerts/store.h"

namespace gazette::alerts {
namespace {

using nlohmann::json;

// A match from columns (seq, search_id, change, matched_at, entry).
Result<Match> MatchFrom(Statement& row) {
  Match match;
  match.seq = row.Int(0);
  match.search_id = row.Text(1);
  match.change = row.Text(2);
  match.matched_at = row.Int(3);
  auto article = ArticleFromJson(json::parse(row.Text(4), nullptr, false));
  if (!article.ok()) return article.status();
  match.article = *article;
  return match;
}

}  // namespace

Result<std::vector<Delivery>> Store::DueDeliveries(std::int64_t now, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_,
                   "SELECT d.seq, d.search_id, a.change, a.matched_at, a.entry, d.attempts, "
                   "s.name, s.webhook FROM deliveries d JOIN saved_searches s ON s.id = "
                   "d.search_id JOIN articles a ON a.key = d.article "
                   "WHERE d.state = 0 AND d.next_attempt <= ?1 ORDER BY d.seq LIMIT ?2");
  if (!select.ok()) return Error("reading deliveries");
  static_assert(kPending == 0, "the partial index deliveries_pending holds state 0");
  select.Bind(1, now).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<Delivery> due;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    auto match = MatchFrom(select);
    if (!match.ok()) return match.status();
    Delivery delivery;
    delivery.match = std::move(*match);
    delivery.attempts = static_cast<int>(select.Int(5));
    delivery.search_name = select.Text(6);
    delivery.webhook = select.Text(7);
    due.push_back(std::move(delivery));
  }
  if (rc != SQLITE_DONE) return Error("reading deliveries");
  return due;
}

Status Store::MarkDelivered(std::int64_t seq) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement update(db_, "UPDATE deliveries SET state = ?, attempts = attempts + 1 WHERE seq = ?");
  if (!update.ok()) return Error("marking a delivery");
  update.Bind(1, static_cast<std::int64_t>(kDone)).Bind(2, seq);
  return update.Step() == SQLITE_DONE ? Status::Ok() : Error("marking a delivery");
}

Status Store::MarkFailed(std::int64_t seq, std::int64_t next_attempt) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement update(db_,
                   "UPDATE deliveries SET state = ?, attempts = attempts + 1, next_attempt = ? "
                   "WHERE seq = ?");
  if (!update.ok()) return Error("marking a delivery");
  update.Bind(1, static_cast<std::int64_t>(next_attempt == 0 ? kGivenUp : kPending));
  update.Bind(2, next_attempt).Bind(3, seq);
  return update.Step() == SQLITE_DONE ? Status::Ok() : Error("marking a delivery");
}

}  // namespace gazette::alerts
