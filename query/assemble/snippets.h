// Snippets: the best passage of a stored text, HTML-escaped, with the words that
// match the query wrapped in <mark> (private to query/).
#ifndef GAZETTE_QUERY_ASSEMBLE_SNIPPETS_H_
#define GAZETTE_QUERY_ASSEMBLE_SNIPPETS_H_

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/analysis/analyzer.h"

namespace gazette::query {

// The stemmed terms a query matches on (prefixes stripped), for highlighting.
using MatchTerms = std::set<std::string>;

// Returns `text` HTML-escaped, cut to the window of about `max_chars` characters
// holding the most distinct matching words (whole text when shorter), with an
// ellipsis where cut. Adjacent matches share one <mark>, so a phrase is marked whole.
// `language` picks the stemmer. An empty `terms` gives the start of the text.
std::string Snippet(std::string_view text, const MatchTerms& terms, std::string_view language,
                    std::size_t max_chars, indexer::Analyzer* analyzer);

// The words of `text` as Analyzer::WordSpans finds them (ICU's word breaks, words of
// letters or digits), without ICU, when `text` is ASCII without the characters whose
// breaks are not modelled ('_', '@', ':' between letters): appended to *spans, true.
// False, *spans untouched, for any other text.
bool AsciiWordSpans(std::string_view text, std::vector<indexer::Analyzer::Span>* spans);

// Escapes &, <, >, " for HTML.
std::string EscapeHtml(std::string_view text);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_ASSEMBLE_SNIPPETS_H_
