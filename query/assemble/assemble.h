// Assemble: the response of a search from its match, and hits from stored documents
// (private to query/).
#ifndef GAZETTE_QUERY_ASSEMBLE_ASSEMBLE_H_
#define GAZETTE_QUERY_ASSEMBLE_ASSEMBLE_H_

#include <xapian.h>

#include <string>

#include "indexer/analysis/analyzer.h"
#include "query/assemble/snippets.h"
#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/rank/match.h"
#include "query/search.h"

namespace gazette::query {

// The response: the page's hits with snippets, the facets and the histograms.
// Throws Xapian::Error.
SearchResponse Assemble(const IndexView& view, const SearchRequest& request, const QueryPlan& plan,
                        Matched matched, indexer::Analyzer* analyzer);

// The hit a stored document shows, its title and snippet marking `terms`. A document
// whose data is not a JSON object gives an empty hit.
Hit DecodeHit(const std::string& data, const MatchTerms& terms, indexer::Analyzer* analyzer);

// The stored body text of a document's data ("" when there is none).
std::string StoredText(const std::string& data);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_ASSEMBLE_ASSEMBLE_H_
