// JSON encoding of hits and responses.
#include "query/json.h"

#include <cstdio>
#include <cstdlib>

namespace gazette::query {

using nlohmann::json;

namespace {

// A computed number with the precision its inputs carry: 15 significant digits, so
// that 83/100 prints as 0.83, not 0.8300000000000001 (nlohmann prints the shortest
// text that reads back as the same double).
json Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return std::strtod(text, nullptr);
}

json ImagesJson(const std::vector<Image>& images) {
  json list = json::array();
  for (const auto& im : images) {
    json one{{"url", im.url}};
    if (im.width > 0 && im.height > 0) {
      one["width"] = im.width;
      one["height"] = im.height;
    }
    list.push_back(std::move(one));
  }
  return list;
}

json RelatedJson(const Related& r) {
  json j{{"title", r.title},
         {"url", r.url},
         {"provider", r.provider},
         {"published", r.published},
         {"quality", r.quality ? json(*r.quality) : json(nullptr)},
         {"images", ImagesJson(r.images)}};
  if (!r.excerpt.empty()) j["excerpt"] = r.excerpt;
  if (!r.type.empty()) j["type"] = r.type;
  return j;
}

}  // namespace

json ToJson(const Hit& hit) {
  json j;
  j["id"] = hit.id;
  j["title"] = hit.title;
  j["title_html"] = hit.title_html;
  j["url"] = hit.url;
  j["published"] = hit.published.empty() ? json(nullptr) : json(hit.published);
  j["provider"] = hit.provider;
  j["site"] = hit.site;
  j["topics"] = hit.topics;
  j["quality"] = hit.quality ? json(*hit.quality) : json(nullptr);
  j["score"] = Number(hit.score);
  j["snippet"] = hit.snippet_html;
  if (!hit.excerpt.empty()) j["excerpt"] = hit.excerpt;
  if (!hit.category.empty()) j["category"] = hit.category;
  if (!hit.type.empty()) j["type"] = hit.type;
  if (!hit.language.empty()) j["language"] = hit.language;
  if (!hit.collection.empty()) j["collection"] = hit.collection;
  if (hit.explain) {
    j["explain"] = {{"text", Number(hit.explain->text)},
                    {"quality", Number(hit.explain->quality)},
                    {"recency", Number(hit.explain->recency)}};
  }
  j["images"] = ImagesJson(hit.images);
  json related = json::array();
  for (const auto& r : hit.related) related.push_back(RelatedJson(r));
  j["related"] = std::move(related);
  j["duplicates"] = hit.duplicates;
  if (!hit.story.id.empty()) {
    j["story"] = {
        {"id", hit.story.id}, {"more", hit.story.more}, {"providers", hit.story.providers}};
  }
  if (!hit.text.empty()) j["text"] = hit.text;
  return j;
}

json ToJson(const RecencyChoice& c) {
  json j = {{"mode", c.automatic ? "auto" : "fixed"}, {"weight", Number(c.weight)}};
  if (!c.automatic) return j;
  j["factor"] = Number(c.factor);
  j["window_days"] = c.window_days;
  j["baseline_days"] = c.baseline_days;
  j["recent_matches"] = c.recent;
  j["baseline_matches"] = c.baseline;
  j["index_recent"] = c.index_recent;
  j["index_baseline"] = c.index_baseline;
  j["ratio"] = Number(c.ratio);
  j["reason"] = c.reason;
  return j;
}

json ToJson(const SearchResponse& r) {
  json j;
  j["total"] = r.total;
  j["total_exact"] = r.total_exact;
  j["page"] = r.page;
  j["per_page"] = r.per_page;
  json hits = json::array();
  for (const auto& h : r.hits) hits.push_back(ToJson(h));
  j["hits"] = std::move(hits);
  json facets = json::object();
  for (const auto& [name, values] : r.facets) {
    json list = json::array();
    for (const auto& v : values) {
      list.push_back({{"value", v.value}, {"count", v.count}, {"selected", v.selected}});
    }
    facets[name] = std::move(list);
  }
  j["facets"] = std::move(facets);
  if (!r.facets.empty() || !r.date_histogram.empty()) j["facets_exact"] = r.facets_exact;
  json histogram = json::array();
  for (const auto& b : r.date_histogram) histogram.push_back({{"key", b.key}, {"count", b.count}});
  j["date_histogram"] = {{"interval", r.histogram_interval}, {"buckets", std::move(histogram)}};
  if (!r.relative_dates.empty()) {
    json relative = json::object();
    for (const auto& b : r.relative_dates) relative[b.key] = b.count;
    j["relative_dates"] = std::move(relative);
  }
  j["suggestion"] = r.suggestion ? json(*r.suggestion) : json(nullptr);
  if (r.suggestion) j["suggestion_total"] = r.suggestion_total;
  j["notices"] = r.notices;
  if (r.recency) j["recency"] = ToJson(*r.recency);
  j["took_ms"] = Number(r.took_ms);
  return j;
}

}  // namespace gazette::query
