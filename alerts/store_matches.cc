// The alerts store's matches and webhook deliveries.
#include <sqlite3.h>

#include <unordered_map>

#include "alerts/statement.h"
#include "alerts/store.h"

namespace gazette::alerts {
namespace {

using nlohmann::json;

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

Status Store::Record(const std::vector<Match>& matches) {
  if (matches.empty()) return Status::Ok();
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&]() -> Status {
    Statement search(db_, "SELECT webhook IS NOT NULL FROM saved_searches WHERE id = ?");
    // The unique (search_id, article_id) index makes REPLACE drop an earlier match of
    // the same article by the same search.
    Statement insert(db_,
                     "INSERT OR REPLACE INTO matches(search_id, article_id, change, matched_at, "
                     "entry, state) VALUES(?, ?, ?, ?, ?, ?)");
    Statement prune(db_,
                    "DELETE FROM matches WHERE search_id = ?1 AND seq <= (SELECT seq FROM "
                    "matches WHERE search_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)");
    if (!search.ok() || !insert.ok() || !prune.ok()) return Error("recording matches");
    // Per search: its first delivery state, or kGone once deleted; looked up once.
    constexpr int kGone = -2;
    std::unordered_map<std::string, int> state_of;
    // The entry's JSON is written once per article, however many searches matched it
    // (a batch's matches come grouped by article).
    const ArticleEntry* last = nullptr;
    std::string entry;
    for (const Match& m : matches) {
      auto [it, fresh] = state_of.try_emplace(m.search_id, kGone);
      if (fresh) {
        search.Bind(1, m.search_id);
        const int rc = search.Step();
        if (rc == SQLITE_ROW) {
          it->second = search.Int(0) != 0 ? kPending : kDone;
        } else if (rc != SQLITE_DONE) {
          return Error("recording matches");
        }
        search.Reset();
      }
      if (it->second == kGone) continue;  // deleted meanwhile: its matches are dropped
      if (last == nullptr || !(*last == m.article)) {
        entry = ToJson(m.article).dump(-1, ' ', false, json::error_handler_t::replace);
        last = &m.article;
      }
      insert.Bind(1, m.search_id).Bind(2, m.article.id).Bind(3, m.change).Bind(4, m.matched_at);
      insert.Bind(5, entry).Bind(6, static_cast<std::int64_t>(it->second));
      if (insert.Step() != SQLITE_DONE) return Error("recording matches");
      insert.Reset();
    }
    for (const auto& [id, state] : state_of) {
      if (state == kGone) continue;
      prune.Bind(1, id).Bind(2, static_cast<std::int64_t>(kKeptMatches));
      if (prune.Step() != SQLITE_DONE) return Error("pruning matches");
      prune.Reset();
    }
    return Status::Ok();
  });
}

Result<std::vector<Match>> Store::Recent(const std::string& search_id, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Two statements, so that one search's matches are found through its index.
  Statement select(db_, search_id.empty()
                            ? "SELECT seq, search_id, change, matched_at, entry FROM matches "
                              "ORDER BY seq DESC LIMIT ?2"
                            : "SELECT seq, search_id, change, matched_at, entry FROM matches "
                              "WHERE search_id = ?1 ORDER BY seq DESC LIMIT ?2");
  if (!select.ok()) return Error("reading matches");
  if (!search_id.empty()) select.Bind(1, search_id);
  select.Bind(2, static_cast<std::int64_t>(limit));
  std::vector<Match> matches;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    auto match = MatchFrom(select);
    if (!match.ok()) return match.status();
    matches.push_back(std::move(*match));
  }
  if (rc != SQLITE_DONE) return Error("reading matches");
  return matches;
}

Result<std::vector<Delivery>> Store::DueDeliveries(std::int64_t now, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_,
                   "SELECT m.seq, m.search_id, m.change, m.matched_at, m.entry, m.attempts, "
                   "s.name, s.webhook FROM matches m JOIN saved_searches s ON s.id = "
                   "m.search_id WHERE m.state = 0 AND m.next_attempt <= ?1 "
                   "ORDER BY m.seq LIMIT ?2");
  if (!select.ok()) return Error("reading deliveries");
  static_assert(kPending == 0, "the partial index matches_pending holds state 0");
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
  Statement update(db_, "UPDATE matches SET state = ?, attempts = attempts + 1 WHERE seq = ?");
  if (!update.ok()) return Error("marking a delivery");
  update.Bind(1, static_cast<std::int64_t>(kDone)).Bind(2, seq);
  return update.Step() == SQLITE_DONE ? Status::Ok() : Error("marking a delivery");
}

Status Store::MarkFailed(std::int64_t seq, std::int64_t next_attempt) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement update(db_,
                   "UPDATE matches SET state = ?, attempts = attempts + 1, next_attempt = ? "
                   "WHERE seq = ?");
  if (!update.ok()) return Error("marking a delivery");
  update.Bind(1, static_cast<std::int64_t>(next_attempt == 0 ? kGivenUp : kPending));
  update.Bind(2, next_attempt).Bind(3, seq);
  return update.Step() == SQLITE_DONE ? Status::Ok() : Error("marking a delivery");
}

}  // namespace gazette::alerts
