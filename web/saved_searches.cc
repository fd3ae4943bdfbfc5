// The saved-search routes: create, list and delete with the admin token, and each
// search's Atom feed of matches.
#include <nlohmann/json.hpp>

#include "alerts/webhook.h"
#include "base/dates.h"
#include "web/api.h"
#include "web/errors.h"
#include "web/xml.h"

namespace gazette::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameBytes = 200;
constexpr int kFeedMatches = 50;
constexpr char kBearer[] = "Bearer ";

// Compares in time that depends only on the lengths, so a wrong guess says nothing
// about how much of it was right.
bool SameSecret(const std::string& given, const std::string& secret) {
  unsigned char difference = given.size() == secret.size() ? 0 : 1;
  const std::size_t n = std::max(given.size(), secret.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    const unsigned char b = i < secret.size() ? static_cast<unsigned char>(secret[i]) : 0;
    difference |= static_cast<unsigned char>(a ^ b);
  }
  return difference == 0;
}

Reply Refused(int status, const std::string& message) {
  Reply reply{status, "application/json", ErrorBody(ErrorCodeOf(status), message), {}};
  if (status == 401) reply.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"gazette\"");
  return reply;
}

Reply JsonBody(const json& body, int status) {
  return Reply{
      status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

// A JSON parameter value as the text(s) a query string would carry.
Status AddParam(const std::string& name, const json& value, QueryParams* params) {
  const auto text = [](const json& v) -> std::optional<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number()) return v.dump();
    return std::nullopt;
  };
  if (value.is_array()) {
    for (const json& item : value) {
      auto t = text(item);
      if (!t) return Status::InvalidArgument("params." + name + ": expected strings");
      params->emplace(name, *t);
    }
    return Status::Ok();
  }
  auto t = text(value);
  if (!t) return Status::InvalidArgument("params." + name + ": expected a string or a list");
  params->emplace(name, *t);
  return Status::Ok();
}

// The saved search a create request describes; InvalidArgument names the field.
Result<alerts::SavedSearch> ParseSavedSearch(const std::string& body,
                                             const RequestSettings& settings) {
  const json request = json::parse(body, nullptr, false);
  if (!request.is_object()) return Status::InvalidArgument("body: expected a JSON object");
  for (const auto& [key, value] : request.items()) {
    if (key != "name" && key != "params" && key != "webhook") {
      return Status::InvalidArgument(key + ": unknown field");
    }
  }
  alerts::SavedSearch search;
  auto name = request.find("name");
  if (name == request.end() || !name->is_string() || name->get<std::string>().empty() ||
      name->get<std::string>().size() > kMaxNameBytes) {
    return Status::InvalidArgument("name: expected a text of 1 to 200 bytes");
  }
  search.name = name->get<std::string>();
  if (auto webhook = request.find("webhook"); webhook != request.end() && !webhook->is_null()) {
    if (!webhook->is_string()) return Status::InvalidArgument("webhook: expected a URL");
    search.webhook = webhook->get<std::string>();
    if (Status s = alerts::CheckWebhookUrl(search.webhook); !s.ok()) return s;
  }
  auto params = request.find("params");
  if (params == request.end() || !params->is_object()) {
    return Status::InvalidArgument("params: expected an object of /api/search parameters");
  }
  QueryParams query;
  const auto& allowed = alerts::SavedParameterNames();
  for (const auto& [key, value] : params->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Status::InvalidArgument("params." + key + ": not a parameter a saved search keeps");
    }
    if (Status s = AddParam(key, value, &query); !s.ok()) return s;
  }
  auto parsed = ParseSearchRequest(query, settings.ranking, settings.limits);
  if (!parsed.ok()) return Status::InvalidArgument("params." + parsed.status().message());
  search.request = std::move(*parsed);
  return search;
}

}  // namespace

Status Api::CheckAdmin(const RequestContext& context, int* http_status) const {
  *http_status = 403;
  if (options_.admin_token.empty()) {
    return Status::InvalidArgument("saved searches need the server to run with --admin-token");
  }
  const std::string& header = context.authorization;
  const bool bearer = header.compare(0, sizeof kBearer - 1, kBearer) == 0;
  if (!bearer || !SameSecret(header.substr(sizeof kBearer - 1), options_.admin_token)) {
    *http_status = 401;
    return Status::InvalidArgument("a valid admin token is required: Authorization: Bearer TOKEN");
  }
  if (store_ == nullptr) {
    *http_status = 503;
    return Status::Unavailable("the alerts store is not open");
  }
  return Status::Ok();
}

Reply Api::CreateSavedSearch(const std::string& body, const RequestContext& context) {
  int status = 0;
  if (Status s = CheckAdmin(context, &status); !s.ok()) return Refused(status, s.message());
  auto search = ParseSavedSearch(body, Settings());
  if (!search.ok()) return ErrorReply(search.status());
  auto saved = store_->Create(std::move(*search));
  if (!saved.ok()) return ErrorReply(saved.status());
  return JsonBody(alerts::ToJson(*saved), 201);
}

Reply Api::ListSavedSearches(const RequestContext& context) {
  int status = 0;
  if (Status s = CheckAdmin(context, &status); !s.ok()) return Refused(status, s.message());
  auto searches = store_->List();
  if (!searches.ok()) return ErrorReply(searches.status());
  json list = json::array();
  for (const alerts::SavedSearch& search : *searches) list.push_back(alerts::ToJson(search));
  return JsonBody({{"saved_searches", std::move(list)}}, 200);
}

Reply Api::DeleteSavedSearch(const std::string& id, const RequestContext& context) {
  int status = 0;
  if (Status s = CheckAdmin(context, &status); !s.ok()) return Refused(status, s.message());
  if (Status s = store_->Delete(id); !s.ok()) return ErrorReply(s);
  return JsonBody({{"deleted", id}}, 200);
}

Reply Api::SavedFeed(const std::string& id, const RequestContext& context) {
  if (store_ == nullptr) return ErrorReply(Status::Unavailable("the alerts store is not open"));
  auto search = store_->Get(id);
  if (!search.ok()) return ErrorReply(search.status());
  auto matches = store_->Recent(id, kFeedMatches);
  if (!matches.ok()) return ErrorReply(matches.status());
  std::vector<FeedEntry> entries;
  for (const alerts::Match& match : *matches) {
    const alerts::ArticleEntry& a = match.article;
    FeedEntry entry{a.id,
                    a.title,
                    a.url,
                    a.provider,
                    a.published,
                    FormatIsoUtc(match.matched_at),
                    XmlEscape(a.excerpt),
                    a.topics};
    entries.push_back(std::move(entry));
  }
  FeedHeader header;
  header.self = context.base_url + "/feed/saved/" + id;
  header.id = "urn:gazette:saved-search:" + id;
  header.title = "gazette: " + search->name;
  return ConditionalReply(RenderAtom(header, entries), "application/atom+xml; charset=utf-8",
                          NewestDate(entries), context.conditional);
}

}  // namespace gazette::web
