// The response of a search: hits decoded from stored documents, snippets, facets and
// histograms.
#include "query/assemble/assemble.h"

#include "indexer/stored_data.h"
#include "query/assemble/stored_fields.h"
#include "query/facets/facets.h"
#include "query/rank/ranking.h"
#include "query/stages.h"

namespace gazette::query {
namespace {

constexpr std::size_t kSnippetChars = 240;

}  // namespace

Hit DecodeHit(const std::string& data, const MatchTerms& terms, indexer::Analyzer* analyzer) {
  StageClock decode_clock(Stage::kDecode);
  StoredFields fields = DecodeStoredFields(data);
  Hit hit = std::move(fields.hit);
  std::string text = std::move(fields.text);
  if (text.empty()) text = hit.excerpt;
  StageClock snippet_clock(Stage::kSnippets);
  const std::string language = hit.language.empty() ? "en" : hit.language;
  hit.title_html = Snippet(hit.title, terms, language, hit.title.size() + 1, analyzer);
  hit.snippet_html = Snippet(text, terms, language, kSnippetChars, analyzer);
  return hit;
}

std::string StoredText(const std::string& data) { return DecodeStoredFields(data).text; }

SearchResponse Assemble(const IndexView& view, const SearchRequest& request, const QueryPlan& plan,
                        Matched matched, indexer::Analyzer* analyzer) {
  SearchResponse response = std::move(matched.response);
  response.page = request.page;
  response.per_page = request.per_page;
  for (const Ranked& r : matched.ranked) {
    StageClock fetch_clock(Stage::kFetch);
    Xapian::Document doc = view.db.get_document(r.docid);
    const std::string data = indexer::UnpackStoredData(doc.get_data());
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
