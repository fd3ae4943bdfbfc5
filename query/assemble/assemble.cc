// The response of a search: hits decoded from stored documents, snippets, facets and
// histograms.
#include "query/assemble/assemble.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "indexer/schema.h"
#include "query/facets/facets.h"
#include "query/rank/ranking.h"
#include "query/stages.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;
using nlohmann::json;

constexpr std::size_t kSnippetChars = 240;

std::string JsonString(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json ParseData(const std::string& data) {
  json j = json::parse(data, nullptr, false);
  return j.is_object() ? j : json::object();
}

void DecodeProvider(const json& j, std::string* name, std::string* domain) {
  if (auto p = j.find(schema::kDataProvider); p != j.end() && p->is_object()) {
    *name = JsonString(*p, schema::kDataProviderName);
    if (domain != nullptr) *domain = JsonString(*p, schema::kDataProviderDomain);
  }
}

std::optional<int> JsonInt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<int>();
}

// The stored images with a URL, in the source's order.
std::vector<Image> DecodeImages(const json& j) {
  std::vector<Image> out;
  auto images = j.find(schema::kDataImages);
  if (images == j.end() || !images->is_array()) return out;
  for (const auto& im : *images) {
    if (!im.is_object()) continue;
    Image one{JsonString(im, schema::kDataImageUrl),
              JsonInt(im, schema::kDataImageWidth).value_or(0),
              JsonInt(im, schema::kDataImageHeight).value_or(0)};
    if (!one.url.empty()) out.push_back(std::move(one));
  }
  return out;
}

std::vector<Related> DecodeRelated(const json& j) {
  std::vector<Related> out;
  auto r = j.find(schema::kDataRelated);
  if (r == j.end() || !r->is_array()) return out;
  for (const auto& rel : *r) {
    if (!rel.is_object()) continue;
    Related one;
    one.title = JsonString(rel, schema::kDataTitle);
    one.url = JsonString(rel, schema::kDataUrl);
    DecodeProvider(rel, &one.provider, nullptr);
    one.published = JsonString(rel, schema::kDataPublished);
    one.excerpt = JsonString(rel, schema::kDataExcerpt);
    one.type = JsonString(rel, schema::kDataType);
    one.quality = JsonInt(rel, schema::kDataQuality);
    one.images = DecodeImages(rel);
    out.push_back(std::move(one));
  }
  return out;
}

// The fields of a hit stored in `j`, without the marked title and snippet.
Hit DecodeFields(const json& j) {
  Hit hit;
  hit.id = JsonString(j, schema::kDataId);
  hit.title = JsonString(j, schema::kDataTitle);
  hit.url = JsonString(j, schema::kDataUrl);
  hit.excerpt = JsonString(j, schema::kDataExcerpt);
  DecodeProvider(j, &hit.provider, &hit.site);
  if (auto t = j.find(schema::kDataTopics); t != j.end() && t->is_array()) {
    for (const auto& v : *t) {
      if (v.is_string()) hit.topics.push_back(v.get<std::string>());
    }
  }
  hit.published = JsonString(j, schema::kDataPublished);
  hit.quality = JsonInt(j, schema::kDataQuality);
  hit.category = JsonString(j, schema::kDataCategory);
  hit.type = JsonString(j, schema::kDataType);
  hit.language = JsonString(j, schema::kDataLanguage);
  hit.collection = JsonString(j, schema::kDataCollection);
  hit.related = DecodeRelated(j);
  hit.images = DecodeImages(j);
  return hit;
}

}  // namespace

Hit DecodeHit(const std::string& data, const MatchTerms& terms, indexer::Analyzer* analyzer) {
  StageClock decode_clock(Stage::kDecode);
  const json j = ParseData(data);
  Hit hit = DecodeFields(j);
  std::string text = JsonString(j, schema::kDataText);
  if (text.empty()) text = hit.excerpt;
  StageClock snippet_clock(Stage::kSnippets);
  const std::string language = hit.language.empty() ? "en" : hit.language;
  hit.title_html = Snippet(hit.title, terms, language, hit.title.size() + 1, analyzer);
  hit.snippet_html = Snippet(text, terms, language, kSnippetChars, analyzer);
  return hit;
}

std::string StoredText(const std::string& data) {
  return JsonString(ParseData(data), schema::kDataText);
}

SearchResponse Assemble(const IndexView& view, const SearchRequest& request, const QueryPlan& plan,
                        Matched matched, indexer::Analyzer* analyzer) {
  SearchResponse response = std::move(matched.response);
  response.page = request.page;
  response.per_page = request.per_page;
  for (const Ranked& r : matched.ranked) {
    StageClock fetch_clock(Stage::kFetch);
    Xapian::Document doc = view.db.get_document(r.docid);
    const std::string data = doc.get_data();
    Hit hit = DecodeHit(data, plan.terms, analyzer);
    hit.score = r.weight;
    hit.duplicates = static_cast<int>(r.collapsed);
    if (request.explain) hit.explain = ExplainWeight(doc, hit.score, request.ranking, plan.origin);
    response.hits.push_back(std::move(hit));
  }
  StageClock facet_clock(Stage::kFacetList);
  static const std::vector<std::string> kNone;
  const auto& selected = plan.filters.selected;
  for (const auto& [facet, counts] : matched.tally.facets) {
    const auto sel = selected.find(facet);
    response.facets[facet] =
        FacetValues(counts.counts, counts.scale, sel != selected.end() ? sel->second : kNone,
                    FacetLimit(request), analyzer);
  }
  if (matched.tally.want_days) {
    const SampledCounts& days = matched.tally.days;
    response.date_histogram = DateHistogram(days.counts, days.scale, &response.histogram_interval);
    response.relative_dates = RelativeDates(days.counts, days.scale, plan.origin);
  }
  return response;
}

}  // namespace gazette::query
