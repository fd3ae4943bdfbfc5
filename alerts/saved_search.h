// Saved searches and their matches: the values the alerts store keeps.
#ifndef GAZETTE_ALERTS_SAVED_SEARCH_H_
#define GAZETTE_ALERTS_SAVED_SEARCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "query/search.h"

namespace gazette::alerts {

// The /api/search parameters a saved search may hold: its text and its filters.
const std::vector<std::string>& SavedParameterNames();

struct SavedSearch {
  std::string id;  // 32 hex digits, random: the feed URL is not guessable
  std::string name;
  query::SearchRequest request;  // text and filters only
  std::string webhook;           // http(s) URL told of each match; empty = none
  std::int64_t created = 0;      // seconds since the epoch
};

// What a feed entry and a webhook show of a matched article.
struct ArticleEntry {
  std::string id, title, url, provider, published, excerpt;
  std::vector<std::string> topics;
};
inline bool operator==(const ArticleEntry& a, const ArticleEntry& b) {
  return a.id == b.id && a.title == b.title && a.url == b.url && a.provider == b.provider &&
         a.published == b.published && a.excerpt == b.excerpt && a.topics == b.topics;
}

struct Match {
  std::int64_t seq = 0;  // increasing in the order matches were recorded
  std::string search_id;
  std::string change;  // "added" or "updated"
  std::int64_t matched_at = 0;
  ArticleEntry article;
};

// The request's text and filters as /api/search parameters ({"q": ..., "topic": [...]}),
// only those that are set.
nlohmann::json ParamsJson(const query::SearchRequest& request);

// The inverse of ParamsJson; Corruption when `params` was not written by it.
Result<query::SearchRequest> RequestFromParams(const nlohmann::json& params);

// JSON of a saved search and of a match, as the API and `gazette alerts` show them.
nlohmann::json ToJson(const SavedSearch& search);
nlohmann::json ToJson(const ArticleEntry& article);
nlohmann::json ToJson(const Match& match);
// ToJson(article) as compact text, invalid UTF-8 replaced.
std::string EntryJson(const ArticleEntry& article);
Result<ArticleEntry> ArticleFromJson(const nlohmann::json& json);

// The entry of a stored document's data (indexer/stored_data.h: the record, kData*
// keys of indexer/schema.h); Corruption when it holds no JSON object.
Result<ArticleEntry> ArticleFromDocumentData(std::string data);

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_SAVED_SEARCH_H_
