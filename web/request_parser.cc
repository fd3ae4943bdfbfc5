// Parses and validates the parameters of GET /api/search.
#include "web/request_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "base/dates.h"
#include "query/request_rules.h"

namespace gazette::web {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

const std::set<std::string>& SingleParams() {
  static const std::set<std::string> kNames = {
      "q",          "from",      "to",        "min_quality", "published",
      "sort",       "page",      "per_page",  "explain",     "all_topics",
      "w_quality",  "w_recency", "half_life", "origin",      "decay",
      "match",      "collapse",  "story",     "recency",     "max_per_provider",
      "facet_size", "w_title",   "w_excerpt", "w_topics",    "w_body",
      "k1",         "b"};
  return kNames;
}

Status Bad(const std::string& name, const std::string& why) {
  return Status::InvalidArgument(name + ": " + why);
}

Result<long long> ParseInteger(const std::string& name, const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Bad(name, "expected a whole number, got '" + text + "'");
  }
  return value;
}

// A whole number, clamped to int's range (the request rules then reject it).
Result<int> ParseInt(const std::string& name, const std::string& text) {
  auto value = ParseInteger(name, text);
  if (!value.ok()) return value.status();
  const long long low = std::numeric_limits<int>::min(), high = std::numeric_limits<int>::max();
  return static_cast<int>(std::clamp(*value, low, high));
}

Result<double> ParseNumber(const std::string& name, const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return Bad(name, "expected a number, got '" + text + "'");
  }
  return value;
}

Result<bool> ParseBool(const std::string& name, const std::string& text) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  return Bad(name, "expected true or false, got '" + text + "'");
}

// A date ("2024-05-01") or date-time; a date-only `to` means the end of that day.
Result<std::int64_t> ParseDate(const std::string& name, const std::string& text, bool end_of_day) {
  auto seconds = ParseIsoDateTime(text);
  if (!seconds.ok()) {
    return Bad(name, "expected a date like 2024-05-01 or 2024-05-01T12:00:00Z, got '" + text + "'");
  }
  const bool date_only = text.find('T') == std::string::npos && text.size() <= 10;
  return date_only && end_of_day ? *seconds + kSecondsPerDay - 1 : *seconds;
}

Status AddFacets(const std::string& text, std::vector<std::string>* facets) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string name = text.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    if (Status s = query::CheckFacet(name); !s.ok()) return s;
    if (std::find(facets->begin(), facets->end(), name) == facets->end()) {
      facets->push_back(name);
    }
  }
  return Status::Ok();
}

// Applies one single-valued parameter to the request.
Status ApplySingle(const std::string& name, const std::string& value, const query::Limits& limits,
                   query::SearchRequest* r) {
  if (name == "q") {
    if (Status s = query::CheckQueryText(value, limits); !s.ok()) return s;
    r->query = value;
  } else if (value.empty()) {
    return Status::Ok();  // an empty form field means "not given"
  } else if (name == "from" || name == "to") {
    auto t = ParseDate(name, value, name == "to");
    if (!t.ok()) return t.status();
    (name == "from" ? r->since : r->until) = *t;
  } else if (name == "min_quality") {
    auto q = ParseInt(name, value);
    if (!q.ok()) return q.status();
    r->min_quality = *q;
  } else if (name == "published") {
    if (value == "any") return Status::Ok();
    auto b = ParseBool(name, value);
    if (!b.ok()) return b.status();
    r->published = *b;
  } else if (name == "sort") {
    auto s = query::ParseSortOrder(value);
    if (!s.ok()) return s.status();
    r->sort = *s;
  } else if (name == "page") {
    auto p = ParseInt(name, value);
    if (!p.ok()) return p.status();
    r->page = *p;
  } else if (name == "per_page") {
    auto p = ParseInt(name, value);
    if (!p.ok()) return p.status();
    r->per_page = *p;
  } else if (name == "explain" || name == "all_topics" || name == "collapse") {
    auto b = ParseBool(name, value);
    if (!b.ok()) return b.status();
    (name == "explain" ? r->explain : name == "collapse" ? r->collapse : r->all_topics) = *b;
  } else if (name == "story") {
    r->story = value;
  } else if (name == "max_per_provider") {
    auto n = ParseInt(name, value);
    if (!n.ok()) return n.status();
    r->ranking.max_per_provider = *n;
  } else if (name == "recency") {
    auto mode = query::ParseRecencyMode(value);
    if (!mode.ok()) return mode.status();
    r->ranking.recency_auto = *mode;
  } else if (name == "w_quality" || name == "w_recency" || name == "half_life") {
    auto w = ParseNumber(name, value);
    if (!w.ok()) return w.status();
    double& slot = name == "w_quality"   ? r->ranking.quality
                   : name == "w_recency" ? r->ranking.recency
                                         : r->ranking.half_life_days;
    slot = *w;
  } else if (name == "match") {
    auto m = query::ParseMatchMode(value);
    if (!m.ok()) return m.status();
    r->ranking.match = *m;
  } else if (name == "facet_size") {
    auto n = query::ParseFacetSize(value);
    if (!n.ok()) return n.status();
    r->facet_size = *n;
  } else if (name == "w_title" || name == "w_excerpt" || name == "w_topics" || name == "w_body" ||
             name == "k1" || name == "b") {
    auto w = ParseNumber(name, value);
    if (!w.ok()) return w.status();
    query::Ranking& k = r->ranking;
    double& slot = name == "w_title"     ? k.fields.title
                   : name == "w_excerpt" ? k.fields.excerpt
                   : name == "w_topics"  ? k.fields.topics
                   : name == "w_body"    ? k.fields.body
                   : name == "k1"        ? k.bm25.k1
                                         : k.bm25.b;
    slot = *w;
  } else if (name == "origin") {
    auto o = ParseOrigin(value);
    if (!o.ok()) return o.status();
    r->ranking.origin = *o;
  } else if (name == "decay") {
    if (value == "exponential") {
      r->ranking.decay = query::Decay::kExponential;
    } else if (value == "gaussian") {
      r->ranking.decay = query::Decay::kGaussian;
    } else {
      return Bad(name, "expected exponential or gaussian, got '" + value + "'");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::int64_t> ParseOrigin(const std::string& text) {
  auto number = ParseInteger("origin", text);
  if (number.ok()) return static_cast<std::int64_t>(*number);
  return ParseDate("origin", text, false);
}

Result<query::SearchRequest> ParseSearchRequest(const QueryParams& params,
                                                const query::Ranking& ranking,
                                                const query::Limits& limits) {
  query::SearchRequest r;
  r.ranking = ranking;
  const std::map<std::string, std::vector<std::string>*> lists = {
      {"topic", &r.topics},          {"provider", &r.providers}, {"site", &r.sites},
      {"category", &r.categories},   {"type", &r.types},         {"lang", &r.languages},
      {"collection", &r.collections}};
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string& name = it->first;
    const std::string& value = it->second;
    if (auto list = lists.find(name); list != lists.end()) {
      if (!value.empty()) list->second->push_back(value);
    } else if (name == "facets") {
      if (Status s = AddFacets(value, &r.facets); !s.ok()) return s;
    } else if (SingleParams().count(name)) {
      if (params.count(name) > 1) return Bad(name, "given more than once");
      if (Status s = ApplySingle(name, value, limits, &r); !s.ok()) return s;
    } else {
      return Bad(name, "unknown parameter");
    }
  }
  if (Status s = query::CheckSearchRequest(r, limits); !s.ok()) return s;
  return r;
}

Status CheckParams(const QueryParams& params, const std::vector<std::string>& allowed) {
  for (const auto& [name, value] : params) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return Bad(name, "unknown parameter");
    }
    if (params.count(name) > 1) return Bad(name, "given more than once");
  }
  return Status::Ok();
}

Result<int> ParseCount(const QueryParams& params, int fallback, int max_count) {
  auto it = params.find("count");
  if (it == params.end() || it->second.empty()) return fallback;
  auto count = ParseInteger("count", it->second);
  if (!count.ok()) return count.status();
  if (Status s = query::CheckCount("count", *count, max_count); !s.ok()) return s;
  return static_cast<int>(*count);
}

}  // namespace gazette::web
