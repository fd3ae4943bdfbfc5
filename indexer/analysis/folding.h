// Diacritic folding of Latin letters and CJK character bigrams: the two recall aids
// the Analyzer applies on top of ICU normalisation and segmentation.
#ifndef GAZETTE_INDEXER_ANALYSIS_FOLDING_H_
#define GAZETTE_INDEXER_ANALYSIS_FOLDING_H_

#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

// Writes `word` with the diacritics of Latin letters removed to *out ("zürich" ->
// "zurich", "résumé" -> "resume", "ø" -> "o", "æ" -> "ae", "ł" -> "l") and returns
// whether anything changed. Other scripts are left alone, so Japanese dakuten,
// Cyrillic й and Greek tonos survive. Expects NFKC-normalised text; ß must already be
// "ss" (case folding does that). Thread-safe; ASCII input costs one byte scan.
bool FoldDiacritics(std::string_view word, std::string* out);

// True for code points of scripts written without spaces that gazette indexes with
// bigrams: Han, Hiragana, Katakana (with the prolonged sound mark, not the middle
// dot) and Hangul.
bool IsCjk(int code_point);

// True when `text` holds at least one CJK code point.
bool HasCjk(std::string_view text);

// Appends the character bigrams of each run of consecutive CJK code points in the
// UTF-8 `text` to *bigrams, in order, with an empty string after each run that
// produced bigrams ("東京都に" -> "東京", "京都", "都に", ""). Runs of one character
// give nothing. Returns the number of bigrams appended (empty strings excluded).
std::size_t CjkBigrams(std::string_view text, std::vector<std::string>* bigrams);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_ANALYSIS_FOLDING_H_
