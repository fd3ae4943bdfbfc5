// Word pairs: two adjacent frequent words are also indexed as one term, so a phrase of
// frequent words ("at the end of") is matched from the short posting lists of its
// pairs instead of checking the positions of every article holding its words.
#ifndef GAZETTE_INDEXER_ANALYSIS_WORD_PAIRS_H_
#define GAZETTE_INDEXER_ANALYSIS_WORD_PAIRS_H_

#include <string>
#include <string_view>

namespace gazette::indexer {

// True when `term` (an index term as the Analyzer makes it: folded, stemmed) is a
// frequent word of one of the languages gazette lists, in its folded form or stemmed
// in that language. Thread-safe.
bool IsFrequentTerm(std::string_view term);

// The term of two adjacent index terms: "XW" + first + " " + second (schema::
// kPrefixWordPair). Written with no within-document frequency, so it leaves document
// lengths, and with them every score, alone.
std::string WordPairTerm(std::string_view first, std::string_view second);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_ANALYSIS_WORD_PAIRS_H_
