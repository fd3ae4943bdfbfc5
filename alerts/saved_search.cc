// JSON forms of saved searches, matches and stored documents.
#include "alerts/saved_search.h"

#include <utility>

#include "base/dates.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"

namespace gazette::alerts {
namespace {

using nlohmann::json;
namespace schema = indexer::schema;

struct ListField {
  const char* name;
  std::vector<std::string> query::SearchRequest::*field;
};

constexpr ListField kLists[] = {{"topic", &query::SearchRequest::topics},
                                {"provider", &query::SearchRequest::providers},
                                {"site", &query::SearchRequest::sites},
                                {"category", &query::SearchRequest::categories},
                                {"type", &query::SearchRequest::types},
                                {"lang", &query::SearchRequest::languages},
                                {"collection", &query::SearchRequest::collections}};

std::string Text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::int64_t> DateParam(const json& params, const char* key) {
  auto seconds = ParseIsoDateTime(params.at(key).get<std::string>());
  if (!seconds.ok())
    return Status::Corruption(std::string(key) + ": " + seconds.status().message());
  return *seconds;
}

// The start of `text`, at most kLeadBytes, cut at a character boundary.
std::string Lead(const std::string& text) {
  constexpr std::size_t kLeadBytes = 300;
  if (text.size() <= kLeadBytes) return text;
  std::size_t end = kLeadBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\xE2\x80\xA6";
}

}  // namespace

const std::vector<std::string>& SavedParameterNames() {
  static const std::vector<std::string> kNames = {
      "q",    "topic",      "all_topics", "provider", "site", "category",   "type",
      "lang", "collection", "published",  "from",     "to",   "min_quality"};
  return kNames;
}

json ParamsJson(const query::SearchRequest& request) {
  json params = json::object();
  if (!request.query.empty()) params["q"] = request.query;
  for (const ListField& list : kLists) {
    if (!(request.*list.field).empty()) params[list.name] = request.*list.field;
  }
  if (request.all_topics) params["all_topics"] = true;
  if (request.published) params["published"] = *request.published;
  if (request.since) params["from"] = FormatIsoUtc(*request.since);
  if (request.until) params["to"] = FormatIsoUtc(*request.until);
  if (request.min_quality) params["min_quality"] = *request.min_quality;
  return params;
}

Result<query::SearchRequest> RequestFromParams(const json& params) {
  query::SearchRequest request;
  try {
    request.query = Text(params, "q");
    for (const ListField& list : kLists) {
      if (params.contains(list.name)) {
        request.*list.field = params.at(list.name).get<std::vector<std::string>>();
      }
    }
    if (auto all = params.find("all_topics"); all != params.end()) {
      request.all_topics = all->get<bool>();
    }
    if (params.contains("published")) request.published = params.at("published").get<bool>();
    for (const char* key : {"from", "to"}) {
      if (!params.contains(key)) continue;
      auto seconds = DateParam(params, key);
      if (!seconds.ok()) return seconds.status();
      (key[0] == 'f' ? request.since : request.until) = *seconds;
    }
    if (params.contains("min_quality")) request.min_quality = params.at("min_quality").get<int>();
  } catch (const json::exception& e) {
    return Status::Corruption(std::string("saved search parameters: ") + e.what());
  }
  return request;
}

json ToJson(const SavedSearch& search) {
  json j = {{"id", search.id},
            {"name", search.name},
            {"params", ParamsJson(search.request)},
            {"created", FormatIsoUtc(search.created)},
            {"feed", "/feed/saved/" + search.id}};
  j["webhook"] = search.webhook.empty() ? json(nullptr) : json(search.webhook);
  return j;
}

json ToJson(const ArticleEntry& article) {
  return {{"id", article.id},
          {"title", article.title},
          {"url", article.url},
          {"provider", article.provider},
          {"published", article.published.empty() ? json(nullptr) : json(article.published)},
          {"excerpt", article.excerpt},
          {"topics", article.topics}};
}

std::string EntryJson(const ArticleEntry& article) {
  return ToJson(article).dump(-1, ' ', false, json::error_handler_t::replace);
}

json ToJson(const Match& match) {
  return {{"seq", match.seq},
          {"saved_search", match.search_id},
          {"change", match.change},
          {"matched_at", FormatIsoUtc(match.matched_at)},
          {"article", ToJson(match.article)}};
}

Result<ArticleEntry> ArticleFromJson(const json& j) {
  if (!j.is_object()) return Status::Corruption("a stored match is not a JSON object");
  ArticleEntry a;
  a.id = Text(j, "id");
  a.title = Text(j, "title");
  a.url = Text(j, "url");
  a.provider = Text(j, "provider");
  a.published = Text(j, "published");
  a.excerpt = Text(j, "excerpt");
  if (auto t = j.find("topics"); t != j.end() && t->is_array()) {
    for (const json& topic : *t) {
      if (topic.is_string()) a.topics.push_back(topic.get<std::string>());
    }
  }
  return a;
}

Result<ArticleEntry> ArticleFromDocumentData(std::string data) {
  json j = json::parse(indexer::UnpackStoredData(std::move(data)), nullptr, false);
  if (!j.is_object()) return Status::Corruption("stored document data is not a JSON object");
  ArticleEntry a;
  a.id = Text(j, schema::kDataId);
  a.title = Text(j, schema::kDataTitle);
  a.url = Text(j, schema::kDataUrl);
  if (auto p = j.find(schema::kDataProvider); p != j.end() && p->is_object()) {
    a.provider = Text(*p, schema::kDataProviderName);
  }
  a.published = Text(j, schema::kDataPublished);
  a.excerpt = Text(j, schema::kDataExcerpt);
  if (a.excerpt.empty()) a.excerpt = Lead(Text(j, schema::kDataText));
  if (auto t = j.find(schema::kDataTopics); t != j.end() && t->is_array()) {
    for (const json& topic : *t) {
      if (topic.is_string()) a.topics.push_back(topic.get<std::string>());
    }
  }
  return a;
}

}  // namespace gazette::alerts
