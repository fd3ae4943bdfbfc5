// The alerts store's matches: articles written once per recording, rows of hits
// appended and chained per search, and read back newest first.
#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "alerts/statement.h"
#include "alerts/store.h"
#include "alerts/store_keys.h"

namespace gazette::alerts {
namespace {

using nlohmann::json;

// Pruning is due once the rows recorded since the last one outnumber both the rows it
// kept and this many.
constexpr std::int64_t kPruneAtLeast = 10000;

// Searches a recording looks up one by one; above this many it reads them all at once.
constexpr std::size_t kLookupsAtMost = 256;

// Reads matched articles by key, for one row of hits at a time.
class ArticleReader {
 public:
  explicit ArticleReader(sqlite3* db)
      : select_(db, "SELECT id, change, matched_at, entry FROM articles WHERE key = ?") {}
  bool ok() { return select_.ok(); }
  // The article `key` as a match of row `seq` of search `search_id`; false when the
  // article is gone. SQLite's code in `*rc` when reading failed.
  bool Read(std::int64_t key, std::int64_t seq, const std::string& search_id, Match* match,
            std::string* id, int* rc) {
    select_.Bind(1, key);
    *rc = select_.Step();
    const bool found = *rc == SQLITE_ROW;
    if (found) {
      *id = select_.Text(0);
      match->seq = seq;
      match->search_id = search_id;
      match->change = select_.Text(1);
      match->matched_at = select_.Int(2);
      auto article = ArticleFromJson(json::parse(select_.Text(3), nullptr, false));
      if (article.ok()) match->article = std::move(*article);
      *rc = SQLITE_OK;
    } else if (*rc == SQLITE_DONE) {
      *rc = SQLITE_OK;
    }
    select_.Reset();
    return found;
  }

 private:
  Statement select_;
};

}  // namespace

Result<Store::Heads> Store::LoadHeads() {
  Statement select(db_, "SELECT value FROM blobs WHERE key = 'heads'");
  if (!select.ok()) return Error("reading matches");
  Heads heads;
  const int rc = select.Step();
  if (rc == SQLITE_DONE) return heads;
  if (rc != SQLITE_ROW) return Error("reading matches");
  const std::string bytes = select.Blob(0);
  // Entries of [id length: 1 byte][id][seq: 8 bytes].
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t length = static_cast<unsigned char>(bytes[at]);
    if (at + 1 + length + 8 > bytes.size()) {
      return Status::Corruption("alerts store " + path_ + ": the heads of matches are cut short");
    }
    heads.emplace(bytes.substr(at + 1, length), GetInt64(bytes, at + 1 + length));
    at += 1 + length + 8;
  }
  return heads;
}

Status Store::SaveHeads(const Heads& heads) {
  std::string bytes;
  for (const auto& [id, seq] : heads) {
    if (id.size() > 255) {
      return Status::InvalidArgument("alerts store " + path_ + ": saved search id " + id +
                                     " is longer than 255 bytes");
    }
    bytes.push_back(static_cast<char>(id.size()));
    bytes += id;
    PutInt64(&bytes, seq);
  }
  Statement save(db_, "INSERT OR REPLACE INTO blobs VALUES('heads', ?)");
  if (!save.ok() || save.BindBlob(1, bytes).Step() != SQLITE_DONE) return Error("saving matches");
  return Status::Ok();
}

Status Store::Record(const Recording& recording) {
  if (recording.matches.empty()) return Status::Ok();
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&] { return RecordLocked(recording); });
}

Status Store::Record(const std::vector<Match>& matches) {
  Recording recording;
  // Equal articles (same id, change and entry) are written once.
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_id;
  for (const Match& m : matches) {
    auto& same = by_id[m.article.id];
    auto it = std::find_if(same.begin(), same.end(), [&](std::uint32_t i) {
      const Recording::Article& a = recording.articles[i];
      return a.change == m.change && a.matched_at == m.matched_at && a.entry == m.article;
    });
    std::uint32_t index;
    if (it != same.end()) {
      index = *it;
    } else {
      index = static_cast<std::uint32_t>(recording.articles.size());
      recording.articles.push_back({m.article, m.change, m.matched_at, std::string()});
      same.push_back(index);
    }
    recording.matches.emplace_back(m.search_id, index);
  }
  return Record(recording);
}

Status Store::RecordLocked(const Recording& recording) {
  // Each search named: gone (deleted meanwhile), plain, or with a webhook.
  enum Kind { kGoneSearch, kPlain, kHooked };
  std::unordered_map<std::string, Kind> kind;
  for (const auto& match : recording.matches) kind.emplace(match.first, kGoneSearch);
  Statement version(db_, "SELECT value FROM meta WHERE key = 'searches_version'");
  if (!version.ok() || version.Step() != SQLITE_ROW) return Error("recording matches");
  if (recording.searches_version >= 0 && version.Int(0) == recording.searches_version) {
    for (auto& [id, k] : kind) k = recording.hooked.count(id) != 0 ? kHooked : kPlain;
  } else if (kind.size() <= kLookupsAtMost) {
    Statement search(db_, "SELECT webhook IS NOT NULL FROM saved_searches WHERE id = ?");
    if (!search.ok()) return Error("recording matches");
    for (auto& [id, k] : kind) {
      const int rc = search.Bind(1, id).Step();
      if (rc == SQLITE_ROW) k = search.Int(0) != 0 ? kHooked : kPlain;
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("recording matches");
      search.Reset();
    }
  } else {
    Statement all(db_, "SELECT id, webhook IS NOT NULL FROM saved_searches");
    if (!all.ok()) return Error("recording matches");
    int rc;
    while ((rc = all.Step()) == SQLITE_ROW) {
      if (auto it = kind.find(all.Text(0)); it != kind.end()) {
        it->second = all.Int(1) != 0 ? kHooked : kPlain;
      }
    }
    if (rc != SQLITE_DONE) return Error("recording matches");
  }

  // The articles a live search matched, written once each; each search's keys, in the
  // order found, searches in the order first found.
  Statement article(db_, "INSERT INTO articles(id, change, matched_at, entry) VALUES(?, ?, ?, ?)");
  if (!article.ok()) return Error("recording matches");
  std::vector<std::int64_t> key_of(recording.articles.size(), 0);
  std::vector<std::pair<const std::string*, std::vector<std::int64_t>>> rows;
  std::unordered_map<std::string, std::size_t> row_of;
  for (const auto& [search, index] : recording.matches) {
    if (index >= recording.articles.size()) {
      return Status::InvalidArgument("recording matches: article " + std::to_string(index) +
                                     " of " + std::to_string(recording.articles.size()));
    }
    if (kind[search] == kGoneSearch) continue;
    if (key_of[index] == 0) {
      const Recording::Article& a = recording.articles[index];
      article.Bind(1, a.entry.id).Bind(2, a.change).Bind(3, a.matched_at);
      article.Bind(4, a.entry_json.empty() ? EntryJson(a.entry) : a.entry_json);
      if (article.Step() != SQLITE_DONE) return Error("recording matches");
      article.Reset();
      key_of[index] = sqlite3_last_insert_rowid(db_);
    }
    auto [it, fresh] = row_of.try_emplace(search, rows.size());
    if (fresh) rows.emplace_back(&it->first, std::vector<std::int64_t>());
    rows[it->second].second.push_back(key_of[index]);
  }
  if (rows.empty()) return Status::Ok();

  auto heads = LoadHeads();
  if (!heads.ok()) return heads.status();
  Statement hit(db_, "INSERT INTO hits(search_id, prev, articles) VALUES(?, ?, ?)");
  Statement delivery(db_, "INSERT INTO deliveries(search_id, article, state) VALUES(?, ?, ?)");
  if (!hit.ok() || !delivery.ok()) return Error("recording matches");
  for (const auto& [search, keys] : rows) {
    std::int64_t& head = (*heads)[*search];
    hit.Bind(1, *search).Bind(2, head).BindBlob(3, PackKeys(keys));
    if (hit.Step() != SQLITE_DONE) return Error("recording matches");
    hit.Reset();
    head = sqlite3_last_insert_rowid(db_);
    if (kind[*search] != kHooked) continue;
    for (std::int64_t key : keys) {
      delivery.Bind(1, *search).Bind(2, key).Bind(3, static_cast<std::int64_t>(kPending));
      if (delivery.Step() != SQLITE_DONE) return Error("queueing deliveries");
      delivery.Reset();
    }
  }
  if (Status s = SaveHeads(*heads); !s.ok()) return s;

  Statement count(db_, "UPDATE meta SET value = value + ? WHERE key = 'hits_since_prune'");
  if (!count.ok() || count.Bind(1, static_cast<std::int64_t>(rows.size())).Step() != SQLITE_DONE) {
    return Error("recording matches");
  }
  Statement counts(db_,
                   "SELECT (SELECT value FROM meta WHERE key = 'hits_since_prune'), "
                   "(SELECT value FROM meta WHERE key = 'hits_after_prune')");
  if (!counts.ok() || counts.Step() != SQLITE_ROW) return Error("recording matches");
  if (counts.Int(0) > std::max(counts.Int(1), kPruneAtLeast)) return Prune();
  return Status::Ok();
}

Result<std::vector<Match>> Store::Recent(const std::string& search_id, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Match> matches;
  auto heads = LoadHeads();
  if (!heads.ok()) return heads.status();
  ArticleReader reader(db_);
  if (!reader.ok()) return Error("reading matches");
  const auto want = static_cast<std::size_t>(std::max(limit, 0));
  // Adds a row's articles, newest first, skipping those its search has already shown;
  // false when reading failed.
  const auto take = [&](std::int64_t seq, const std::string& search, const std::string& keys,
                        std::unordered_set<std::string>* shown) {
    const std::vector<std::int64_t> unpacked = UnpackKeys(keys);
    for (auto key = unpacked.rbegin(); key != unpacked.rend(); ++key) {
      if (matches.size() >= want || shown->size() >= static_cast<std::size_t>(kKeptMatches)) break;
      Match match;
      std::string id;
      int rc;
      if (!reader.Read(*key, seq, search, &match, &id, &rc)) {
        if (rc != SQLITE_OK) return false;
        continue;
      }
      if (shown->insert(id).second) matches.push_back(std::move(match));
    }
    return true;
  };
  if (!search_id.empty()) {
    // One search: its rows, from its head back.
    auto head = heads->find(search_id);
    std::int64_t seq = head == heads->end() ? 0 : head->second;
    Statement row(db_, "SELECT prev, articles FROM hits WHERE seq = ? AND search_id = ?");
    if (!row.ok()) return Error("reading matches");
    std::unordered_set<std::string> shown;
    while (seq != 0 && matches.size() < want &&
           shown.size() < static_cast<std::size_t>(kKeptMatches)) {
      const int rc = row.Bind(1, seq).Bind(2, search_id).Step();
      if (rc == SQLITE_DONE) break;  // pruned
      if (rc != SQLITE_ROW) return Error("reading matches");
      const std::int64_t prev = row.Int(0);
      const std::string keys = row.Blob(1);
      row.Reset();
      if (!take(seq, search_id, keys, &shown)) return Error("reading matches");
      seq = prev;
    }
    return matches;
  }
  // Every search: all rows, newest first.
  Statement rows(db_, "SELECT seq, search_id, articles FROM hits ORDER BY seq DESC");
  if (!rows.ok()) return Error("reading matches");
  std::unordered_map<std::string, std::unordered_set<std::string>> shown;
  int rc = SQLITE_ROW;
  while (matches.size() < want && (rc = rows.Step()) == SQLITE_ROW) {
    const std::string search = rows.Text(1);
    if (heads->count(search) == 0) continue;  // deleted
    if (!take(rows.Int(0), search, rows.Blob(2), &shown[search])) return Error("reading matches");
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("reading matches");
  return matches;
}

}  // namespace gazette::alerts
