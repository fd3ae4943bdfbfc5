// Query words -> index terms in every language of the index: diacritic folding, one
// stem per language, exact forms and CJK bigrams (private to query/; the rule is
// documented in docs/languages.md).
#ifndef GAZETTE_QUERY_PLAN_TERM_EXPANSION_H_
#define GAZETTE_QUERY_PLAN_TERM_EXPANSION_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/analyzer.h"

namespace gazette::query {

// The language codes of the articles in `db` (its L terms), sorted.
std::vector<std::string> IndexLanguages(const Xapian::Database& db);

// True when every article of `db` carries word pairs (its oldest schema has them).
bool IndexHasWordPairs(const Xapian::Database& db);

// Rewrites queries whose leaves are the Analyzer's unstemmed, unfolded words (as
// Xapian's QueryParser produces them without a stemmer) into queries on index terms.
// Not thread-safe (shares the Analyzer).
class TermExpander {
 public:
  // `languages` are the stemmers to apply; an empty list means English only.
  // `word_pairs`: the index holds word-pair terms (schema::kWordPairsSince), so
  // phrases are also filtered by the pairs of their adjacent frequent words.
  TermExpander(indexer::Analyzer* analyzer, std::vector<std::string> languages,
               bool word_pairs = false);

  // `query` with every word leaf expanded (see Word) and phrases of words turned into
  // phrases of alternatives; other leaves (wildcards, match-all) are kept as they are.
  Xapian::Query Expand(const Xapian::Query& query);

  // The index terms one word (without field prefix) can have been indexed as: its
  // folded form and its folded form stemmed in each language, deduplicated.
  std::vector<std::string> Forms(const std::string& word);

  // Weight of a bigram-only match relative to one whole-word match.
  static constexpr double kBigramWeight = 0.5;

 private:
  // OP_SYNONYM of the forms; OR the exact form when folding changed the word; OR the
  // scaled bigram phrase for CJK words.
  Xapian::Query Word(const std::string& term);
  Xapian::Query Phrase(const Xapian::Query& query);
  // Phrases of the bigrams of each CJK run of `text` AND-ed, scaled so the whole
  // weighs about kBigramWeight words; empty when `text` has no two adjacent CJK chars.
  Xapian::Query Bigrams(const std::string& text);

  // The AND of the word pairs a phrase's matches must hold: for each two adjacent
  // words whose forms are all frequent, the OR of the pairs of their forms. Empty
  // when no two adjacent words qualify.
  Xapian::Query WordPairs(const std::vector<std::vector<std::string>>& forms);

  indexer::Analyzer* analyzer_;
  std::vector<std::string> languages_;
  bool word_pairs_ = false;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_TERM_EXPANSION_H_
