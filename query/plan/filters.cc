// Builds filter queries from request fields.
#include "query/plan/filters.h"

#include "indexer/analysis/terms.h"
#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

Xapian::Query TermsQuery(Xapian::Query::op op, const char* prefix,
                         const std::vector<std::string>& values, indexer::Analyzer* analyzer) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) terms.emplace_back(indexer::BooleanTerm(prefix, v, analyzer));
  return Xapian::Query(op, terms.begin(), terms.end());
}

Xapian::Query And(const Xapian::Query& a, const Xapian::Query& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

}  // namespace

RequestFilters BuildFilters(const SearchRequest& r, indexer::Analyzer* analyzer) {
  RequestFilters f;
  auto add = [&](const char* facet, const char* prefix, const std::vector<std::string>& values,
                 Xapian::Query::op op = Xapian::Query::OP_OR) {
    if (values.empty()) return;
    f.by_facet[facet] = TermsQuery(op, prefix, values, analyzer);
    f.selected[facet] = values;
  };
  add("topic", schema::kPrefixTopic, r.topics,
      r.all_topics ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  add("provider", schema::kPrefixProvider, r.providers);
  add("category", schema::kPrefixCategory, r.categories);
  add("type", schema::kPrefixType, r.types);
  add("language", schema::kPrefixLanguage, r.languages);
  add("collection", schema::kPrefixCollection, r.collections);
  if (r.since || r.until) {
    const double lo = r.since ? static_cast<double>(*r.since) : -1e18;
    const double hi = r.until ? static_cast<double>(*r.until) : 1e18;
    f.by_facet["date"] =
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotPublished,
                      Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
  }
  if (!r.sites.empty()) {
    f.other =
        And(f.other, TermsQuery(Xapian::Query::OP_OR, schema::kPrefixSite, r.sites, analyzer));
  }
  if (r.min_quality) {
    f.other = And(f.other, Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotQuality,
                                         Xapian::sortable_serialise(*r.min_quality)));
  }
  if (r.published) {
    f.other = And(f.other, Xapian::Query(std::string(schema::kPrefixPublished) +
                                         (*r.published ? "true" : "false")));
  }
  if (!r.story.empty()) {
    f.other = And(f.other, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotStory, r.story,
                                         r.story));
  }
  return f;
}

Xapian::Query CombineFilters(const RequestFilters& filters, const std::string& skip_facet) {
  Xapian::Query out = filters.other;
  for (const auto& [facet, q] : filters.by_facet) {
    if (facet != skip_facet) out = And(out, q);
  }
  return out;
}

}  // namespace gazette::query
