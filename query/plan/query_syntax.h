// Rules of the query language applied around Xapian's QueryParser: operator words,
// unknown field names, bracket balance, NEAR/ADJ windows and stop words in OR (private
// to query/).
#ifndef GAZETTE_QUERY_PLAN_QUERY_SYNTAX_H_
#define GAZETTE_QUERY_PLAN_QUERY_SYNTAX_H_

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

namespace gazette::query {

// True for AND, OR, NOT, XOR, NEAR, ADJ, NEAR/n and ADJ/n (n a whole number), written in
// capitals as Xapian's QueryParser reads them.
bool IsOperatorWord(const std::string& word);

// The length of "name:" when `run` starts with a field name the language does not know
// (letters, a colon, then a letter, digit or quote); 0 otherwise. title: is known.
std::size_t UnknownFieldPrefix(const std::string& run);

// `rewritten` (Rewrite's output) made parseable: every chain of single words joined by
// NEAR or ADJ is bracketed, so Xapian reads it as one group also beside other words,
// and brackets without a partner are dropped with a notice.
std::string FixSyntax(const std::string& rewritten, std::vector<std::string>* notices);

// The window of a NEAR or PHRASE query as the QueryParser set it (NEAR/n over k words:
// n + k - 1); 0 for other queries.
Xapian::termcount PositionalWindow(const Xapian::Query& query);

// `query` (the QueryParser's, before term expansion) with stop words removed from OR
// and XOR groups, unless every word of the group is one; removed words are appended to
// `dropped`.
Xapian::Query DropStopWordsInOr(const Xapian::Query& query, const Xapian::Stopper& stopper,
                                std::vector<std::string>* dropped);

// The number of word leaves of a parsed query (a phrase counts each of its words).
std::size_t CountWords(const Xapian::Query& query);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_QUERY_SYNTAX_H_
