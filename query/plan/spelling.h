// "Did you mean": corrections for query words the index has never seen, from the
// spelling dictionary built from article titles (private to query/).
#ifndef GAZETTE_QUERY_PLAN_SPELLING_H_
#define GAZETTE_QUERY_PLAN_SPELLING_H_

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/analyzer.h"
#include "query/index/index_view.h"
#include "query/plan/query_plan.h"
#include "query/search.h"

namespace gazette::query {

// The query text with each plain word that matches no article (in none of the index's
// languages, diacritics folded) replaced by the closest dictionary word (edit distance
// ≤ 2, most frequent first); nullopt when no word needed or found a correction. CJK
// words are never corrected. Syntax, scopes and phrases' punctuation are kept.
// `index_languages` are the languages present in `db` (IndexLanguages(db)).
std::optional<std::string> CorrectSpelling(const std::string& query, const Xapian::Database& db,
                                           const std::vector<std::string>& index_languages,
                                           indexer::Analyzer* analyzer);

// Sets response->suggestion to the corrected query text (CorrectSpelling) and
// response->suggestion_total to the articles it finds within the plan's filters, when
// it finds any. Throws Xapian::Error.
void SuggestCorrection(const IndexView& view, const SearchRequest& request, const QueryPlan& plan,
                       indexer::Analyzer* analyzer, SearchResponse* response);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_SPELLING_H_
