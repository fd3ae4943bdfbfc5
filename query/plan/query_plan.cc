// Request -> QueryPlan, and the filtered queries a plan gives.
#include "query/plan/query_plan.h"

#include "indexer/schema.h"
#include "query/plan/field_weights.h"
#include "query/plan/matching.h"
#include "query/rank/lanes.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// The stemmed words of `text` with the title prefix stripped, boolean terms left out.
MatchTerms WordsOf(const Xapian::Query& text) {
  MatchTerms terms;
  for (auto t = text.get_unique_terms_begin(); t != text.get_unique_terms_end(); ++t) {
    std::string term = *t;
    if (!term.empty() && term[0] == schema::kPrefixTitle[0]) term.erase(0, 1);
    if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) terms.insert(term);
  }
  return terms;
}

Xapian::Query And(const Xapian::Query& a, const Xapian::Query& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

}  // namespace

QueryPlan PlanQuery(const SearchRequest& request, QueryParser* parser, indexer::Analyzer* analyzer,
                    std::int64_t now, bool relax) {
  QueryPlan plan;
  plan.parsed = parser->Parse(request.query, request.languages, request.ranking.match);
  plan.browsing = plan.parsed.text.empty() && !plan.parsed.no_words;
  plan.sort =
      request.sort ? *request.sort : (plan.browsing ? SortOrder::kNewest : SortOrder::kRelevance);
  plan.origin = request.ranking.origin ? *request.ranking.origin : now;
  plan.filters = BuildFilters(request, analyzer);
  for (const auto& [field, values] : plan.parsed.scopes) {
    for (const auto& v : values)
      plan.filters.selected[field == "lang" ? "language" : field].push_back(v);
  }
  if (plan.browsing) {
    plan.text = Xapian::Query(std::string());
  } else if (plan.parsed.no_words) {
    plan.text = Xapian::Query::MatchNothing;
  } else {
    ApplyMatchMode(parser->database(), request.ranking.match, relax, &plan);
    plan.terms = WordsOf(plan.text);
  }
  plan.scored = plan.browsing ? plan.text : WeighFields(plan.text, request.ranking.fields);
  return plan;
}

Xapian::Query Filtered(const QueryPlan& plan, const Xapian::Query& base, const std::string& skip,
                       Lane lane) {
  Xapian::Query q = base;
  Xapian::Query f = And(CombineFilters(plan.filters, skip), plan.parsed.filter);
  if (lane.count > 1) f = And(f, Xapian::Query((new DocidShare(lane))->release()));
  if (!f.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
  if (!plan.parsed.exclude.empty())
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, plan.parsed.exclude);
  return q;
}

bool Positional(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::OP_PHRASE || q.get_type() == Xapian::Query::OP_NEAR) {
    return true;
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (Positional(q.get_subquery(i))) return true;
  }
  return false;
}

Xapian::Query WithoutPositions(const Xapian::Query& q) {
  if (!Positional(q)) return q;
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    parts.push_back(WithoutPositions(q.get_subquery(i)));
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    case Xapian::Query::OP_SCALE_WEIGHT:
      return parts.front();  // weights do not change the candidates
    default:
      return Xapian::Query(q.get_type(), parts.begin(), parts.end());
  }
}

}  // namespace gazette::query
