// JSON API handlers over the searcher pool.
#include "web/api.h"

#include <nlohmann/json.hpp>

#include "query/health.h"
#include "query/json.h"
#include "query/request_rules.h"
#include "web/access_log.h"
#include "web/errors.h"

namespace gazette::web {
namespace {

using nlohmann::json;

constexpr int kDefaultSimilar = 5;
constexpr int kDefaultSuggestions = 8;
constexpr char kSuggestionsType[] = "application/x-suggestions+json";

Reply JsonReply(const json& body, int status = 200) {
  // Stored text is UTF-8 by contract, but never let one bad byte fail a response.
  return Reply{
      status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

// The request settings in force now: reloadable ones when the server has them.
RequestSettings SettingsOf(const ServerOptions& options) {
  if (options.live_settings) return options.live_settings->Get();
  return {options.ranking, options.limits};
}

json FacetJson(const std::vector<query::FacetValue>& values) {
  json list = json::array();
  for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
  return list;
}

// Whether a suggest request asks for the OpenSearch suggestions array: format=opensearch,
// or, without a format, an Accept header naming that type.
Result<bool> WantsOpenSearch(const QueryParams& params, const std::string& accept) {
  auto format = params.find("format");
  if (format == params.end() || format->second.empty()) {
    return accept.find(kSuggestionsType) != std::string::npos;
  }
  if (format->second == "opensearch") return true;
  if (format->second == "json") return false;
  return Status::InvalidArgument("format: expected json or opensearch, got '" + format->second +
                                 "'");
}

}  // namespace

Reply ErrorReply(const Status& status) {
  return Reply{HttpStatus(status.code()), "application/json", ErrorBody(status), {}};
}

RequestSettings Api::Settings() const { return SettingsOf(options_); }

Api::Api(const ServerOptions& options, SearcherPool* pool, const Metrics* metrics,
         alerts::Store* store)
    : options_(options), pool_(pool), metrics_(metrics), store_(store) {}

Reply Api::Search(const QueryParams& params) {
  const RequestSettings settings = SettingsOf(options_);
  auto request = ParseSearchRequest(params, settings.ranking, settings.limits);
  if (!request.ok()) return ErrorReply(request.status());
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  auto response = (*searcher)->Search(*request, searcher->load());
  if (!response.ok()) return ErrorReply(response.status());
  NoteSearchFacts(response->total, response->took_ms);
  return JsonReply(query::ToJson(*response));
}

Reply Api::Article(const std::string& id) {
  if (id.empty()) return ErrorReply(Status::InvalidArgument("id: must not be empty"));
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  auto hit = (*searcher)->Get(id);
  if (!hit.ok()) return ErrorReply(hit.status());
  return JsonReply(query::ToJson(*hit));
}

Reply Api::Similar(const std::string& id, const QueryParams& params) {
  if (Status s = CheckParams(params, {"count", "origin"}); !s.ok()) return ErrorReply(s);
  const RequestSettings settings = SettingsOf(options_);
  auto count = ParseCount(params, kDefaultSimilar, settings.limits.max_per_page);
  if (!count.ok()) return ErrorReply(count.status());
  query::Ranking ranking = settings.ranking;
  if (auto origin = params.find("origin"); origin != params.end() && !origin->second.empty()) {
    auto seconds = ParseOrigin(origin->second);
    if (!seconds.ok()) return ErrorReply(seconds.status());
    ranking.origin = *seconds;
  }
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  auto hits = (*searcher)->Similar(id, *count, ranking);
  if (!hits.ok()) return ErrorReply(hits.status());
  json list = json::array();
  for (const auto& hit : *hits) list.push_back(query::ToJson(hit));
  return JsonReply({{"id", id}, {"hits", std::move(list)}});
}

Reply Api::Suggest(const QueryParams& params, const std::string& accept) {
  if (Status s = CheckParams(params, {"q", "count", "format"}); !s.ok()) return ErrorReply(s);
  auto count = ParseCount(params, kDefaultSuggestions, query::kMaxSuggestions);
  if (!count.ok()) return ErrorReply(count.status());
  auto opensearch = WantsOpenSearch(params, accept);
  if (!opensearch.ok()) return ErrorReply(opensearch.status());
  auto q = params.find("q");
  const std::string text = q == params.end() ? std::string() : q->second;
  if (Status s = query::CheckQueryText(text, SettingsOf(options_).limits); !s.ok()) {
    return ErrorReply(s);
  }
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  auto suggestions = (*searcher)->Suggest(text, *count);
  if (!suggestions.ok()) return ErrorReply(suggestions.status());
  if (*opensearch) {
    Reply reply = JsonReply(json::array({text, *suggestions}));
    reply.content_type = kSuggestionsType;
    return reply;
  }
  return JsonReply({{"q", text}, {"suggestions", *suggestions}});
}

Reply Api::Stats() {
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  json body;
  body["documents"] = (*searcher)->DocumentCount();
  body["reloads"] = pool_->reloads();
  body["uptime_s"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  // Browse everything once for the per-collection and per-language counts.
  query::SearchRequest browse;
  browse.per_page = 1;
  browse.facets = {"collection", "language", "date"};
  auto all = (*searcher)->Search(browse);
  if (all.ok()) {
    body["collections"] = FacetJson(all->facets["collection"]);
    body["languages"] = FacetJson(all->facets["language"]);
    const auto& buckets = all->date_histogram;
    body["dates"] = buckets.empty() ? json(nullptr)
                                    : json{{"first", buckets.front().key},
                                           {"last", buckets.back().key},
                                           {"interval", all->histogram_interval}};
  }
  return JsonReply(body);
}

// Every shard is opened afresh, so a shard that went away is seen even while the
// pool's searchers still hold it open.
Reply Api::Health() {
  auto shards = query::ProbeShards(options_.db_path);
  if (!shards.ok()) {
    return JsonReply({{"status", "unavailable"},
                      {"message", shards.status().message()},
                      {"shards", json::array()}},
                     HttpStatus(shards.status().code()));
  }
  json list = json::array();
  std::uint64_t documents = 0;
  std::size_t answering = 0;
  for (const query::ShardHealth& shard : *shards) {
    json entry = {{"name", shard.name}, {"status", shard.ok ? "ok" : "unavailable"}};
    if (shard.ok) {
      entry["documents"] = shard.documents;
      documents += shard.documents;
      ++answering;
    } else {
      entry["message"] = shard.error;
    }
    list.push_back(std::move(entry));
  }
  const bool all = answering == shards->size() && pool_->available();
  const char* status = all ? "ok" : (answering > 0 ? "degraded" : "unavailable");
  return JsonReply({{"status", status}, {"documents", documents}, {"shards", std::move(list)}},
                   all ? 200 : 503);
}

Reply Api::Readyz() {
  auto shards = query::ProbeShards(options_.db_path);
  std::string reason;
  if (!shards.ok()) {
    reason = shards.status().message();
  } else {
    for (const query::ShardHealth& shard : *shards) {
      if (!shard.ok) {
        reason = "shard " + shard.name + " does not answer: " + shard.error;
        break;
      }
    }
    if (reason.empty() && !pool_->available()) reason = "the database is not open yet";
  }
  if (reason.empty()) return JsonReply({{"ready", true}});
  return JsonReply({{"ready", false}, {"message", reason}}, 503);
}

Reply Api::MetricsText() {
  return Reply{200, "text/plain; version=0.0.4; charset=utf-8", metrics_->Render(Snapshot()), {}};
}

MetricsSnapshot Api::Snapshot() {
  MetricsSnapshot snapshot;
  snapshot.reloads = pool_->reloads();
  snapshot.uptime_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  auto searcher = pool_->Acquire();
  if (searcher.ok()) {
    snapshot.available = true;
    snapshot.documents = (*searcher)->DocumentCount();
  }
  return snapshot;
}

}  // namespace gazette::web
