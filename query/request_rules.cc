// Request validation shared by the web layer and the Searcher.
#include "query/request_rules.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>
#include <utility>

namespace gazette::query {
namespace {

Status Bad(const std::string& field, const std::string& why) {
  return Status::InvalidArgument(field + ": " + why);
}

Status CheckPaging(int page, int per_page, const Limits& limits) {
  if (Status s = CheckCount("per_page", per_page, limits.max_per_page); !s.ok()) return s;
  if (page < 1) {
    return Bad("page", "must be between 1 and " + std::to_string(limits.max_page_depth / per_page));
  }
  if (static_cast<long long>(page) * per_page > limits.max_page_depth) {
    return Bad("page", "results beyond " + std::to_string(limits.max_page_depth) +
                           " are not served; refine the query");
  }
  return Status::Ok();
}

Status CheckRanking(const Ranking& k) {
  if (!std::isfinite(k.quality) || k.quality < 0) return Bad("w_quality", "must not be negative");
  if (!std::isfinite(k.recency) || k.recency < 0) return Bad("w_recency", "must not be negative");
  if (!std::isfinite(k.half_life_days) || k.half_life_days <= 0) {
    return Bad("half_life", "must be greater than 0 (days)");
  }
  if (k.max_per_provider < 0 || k.max_per_provider > kMaxPerProvider) {
    return Bad("max_per_provider",
               "must be between 0 (no cap) and " + std::to_string(kMaxPerProvider));
  }
  const std::pair<const char*, double> fields[] = {{"w_title", k.fields.title},
                                                   {"w_excerpt", k.fields.excerpt},
                                                   {"w_topics", k.fields.topics},
                                                   {"w_body", k.fields.body}};
  for (const auto& [name, w] : fields) {
    if (!std::isfinite(w) || w < 0) return Bad(name, "must not be negative");
  }
  if (!std::isfinite(k.bm25.k1) || k.bm25.k1 < 0) return Bad("k1", "must not be negative");
  if (!std::isfinite(k.bm25.b) || k.bm25.b < 0 || k.bm25.b > 1) {
    return Bad("b", "must be between 0 and 1");
  }
  return Status::Ok();
}

// Empty, or 16 lower-case hex digits (indexer/story.h labels).
bool CheckStoryId(const std::string& id) {
  if (id.empty()) return true;
  if (id.size() != 16) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> kNames = {"topic",    "provider",   "category", "type",
                                                  "language", "collection", "date"};
  return kNames;
}

Result<int> ParseFacetSize(const std::string& text) {
  if (text == "all") return 0;
  int n = 0;
  std::size_t used = 0;
  try {
    n = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || n < 1) {
    return Bad("facet_size", "expected a positive number or all, got '" + text + "'");
  }
  return n;
}

Result<SortOrder> ParseSortOrder(const std::string& text) {
  if (text == "relevance") return SortOrder::kRelevance;
  if (text == "newest") return SortOrder::kNewest;
  if (text == "oldest") return SortOrder::kOldest;
  if (text == "quality") return SortOrder::kQuality;
  return Bad("sort", "expected relevance, newest, oldest or quality, got '" + text + "'");
}

Result<MatchMode> ParseMatchMode(const std::string& text) {
  if (text == "auto") return MatchMode::kAuto;
  if (text == "all") return MatchMode::kAll;
  if (text == "any") return MatchMode::kAny;
  return Bad("match", "expected auto, all or any, got '" + text + "'");
}

Result<bool> ParseRecencyMode(const std::string& text) {
  if (text == "auto") return true;
  if (text == "fixed") return false;
  return Bad("recency", "expected auto or fixed, got '" + text + "'");
}

Status CheckQueryText(const std::string& text, const Limits& limits) {
  if (text.size() <= limits.max_query_bytes) return Status::Ok();
  return Bad("q", "query is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
}

Status CheckFacet(const std::string& name) {
  const auto& names = FacetNames();
  if (std::find(names.begin(), names.end(), name) != names.end()) return Status::Ok();
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  return Bad("facets", "unknown facet '" + name + "' (known: " + known + ")");
}

Status CheckCount(const std::string& field, long long count, long long most) {
  if (count >= 1 && count <= most) return Status::Ok();
  return Bad(field, "must be between 1 and " + std::to_string(most));
}

Status CheckSearchRequest(const SearchRequest& r, const Limits& limits) {
  if (Status s = CheckQueryText(r.query, limits); !s.ok()) return s;
  if (Status s = CheckPaging(r.page, r.per_page, limits); !s.ok()) return s;
  if (r.min_quality && (*r.min_quality < 0 || *r.min_quality > 100)) {
    return Bad("min_quality", "must be between 0 and 100");
  }
  if (r.since && r.until && *r.since > *r.until) return Bad("from", "is after to");
  if (!CheckStoryId(r.story)) return Bad("story", "expected a story id (16 hex digits)");
  for (const std::string& f : r.facets) {
    if (Status s = CheckFacet(f); !s.ok()) return s;
  }
  if (r.facet_size < 0) return Bad("facet_size", "must be a positive number, or all");
  return CheckRanking(r.ranking);
}

}  // namespace gazette::query
