// RequestQueries: PlanQuery and Filtered without a search around them.
#include "query/request_query.h"

#include <ctime>

#include "indexer/analysis/analyzer.h"
#include "query/plan/query_parser.h"
#include "query/plan/query_plan.h"
#include "query/plan/term_expansion.h"
#include "query/request_rules.h"

namespace gazette::query {

struct RequestQueries::Parts {
  explicit Parts(const Xapian::Database& db) : parser(&analyzer, db) {}
  indexer::Analyzer analyzer;
  QueryParser parser;
};

RequestQueries::RequestQueries(const Xapian::Database& db) : parts_(std::make_unique<Parts>(db)) {}

RequestQueries::~RequestQueries() = default;

Result<Xapian::Query> RequestQueries::Of(const SearchRequest& request) {
  if (Status s = CheckSearchRequest(request, Limits{}); !s.ok()) return s;
  try {
    const QueryPlan plan =
        PlanQuery(request, &parts_->parser, &parts_->analyzer, std::time(nullptr), false);
    return Filtered(plan, plan.text, "");
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot read the index to parse the query: " + e.get_msg());
  }
}

std::string RequestQueries::Context(const Xapian::Database& db) {
  std::string context = IndexHasWordPairs(db) ? "pairs" : "words";
  for (const std::string& language : IndexLanguages(db)) context += " " + language;
  return context;
}

}  // namespace gazette::query
