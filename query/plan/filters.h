// Request fields -> Xapian filter queries, one per facet field so multi-select
// counting can leave a field's own filter out (private to query/).
#ifndef GAZETTE_QUERY_PLAN_FILTERS_H_
#define GAZETTE_QUERY_PLAN_FILTERS_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/analyzer.h"
#include "query/search.h"

namespace gazette::query {

struct RequestFilters {
  // Facet name ("topic", "provider", "category", "type", "language", "collection",
  // "date") -> its filter, only for fields the request sets.
  std::map<std::string, Xapian::Query> by_facet;
  std::map<std::string, std::vector<std::string>> selected;  // facet -> values
  Xapian::Query other;  // site, quality, published flag: never left out; may be empty
};

RequestFilters BuildFilters(const SearchRequest& request, indexer::Analyzer* analyzer);

// AND of every filter except the one for `skip_facet` (pass "" to keep all);
// empty when there is none.
Xapian::Query CombineFilters(const RequestFilters& filters, const std::string& skip_facet);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_FILTERS_H_
