// More-like-this queries and as-you-type completions (private to query/).
#ifndef GAZETTE_QUERY_SUGGEST_H_
#define GAZETTE_QUERY_SUGGEST_H_

#include <string>
#include <vector>

#include <xapian.h>

#include <optional>

#include "base/status.h"
#include "indexer/analysis/analyzer.h"
#include "query/index/index_view.h"
#include "query/search.h"

namespace gazette::query {

// An OR of the 25 text terms that best tell document `docid` apart from the rest of
// the database (Xapian's relevance-feedback expansion); empty when it has none.
Xapian::Query MoreLikeThis(const Xapian::Database& db, Xapian::docid docid);

// Completions of `text`: its last, partly typed word completed from the spelling
// dictionary (title words), most frequent first, each returned as the whole text.
// Empty when the last word is empty or not a word.
std::vector<std::string> Completions(const Xapian::Database& db, const std::string& text,
                                     std::size_t count, indexer::Analyzer* analyzer);

// The document of the article with `id`; none when absent. Throws Xapian::Error.
std::optional<Xapian::docid> FindArticle(const IndexView& view, const std::string& id);

// Up to `count` articles like the one with `id` (MoreLikeThis), ranked with `ranking`'s
// quality and recency blend, duplicates folded. NotFound when `id` is absent. Throws
// Xapian::Error.
Result<std::vector<Hit>> SimilarHits(const IndexView& view, const std::string& id, int count,
                                     const Ranking& ranking, indexer::Analyzer* analyzer);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_SUGGEST_H_
