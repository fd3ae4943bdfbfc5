// The index terms of single values (ids, filter values, quality bands), made by one
// set of functions for the writer that adds them and the reader that looks them up.
#ifndef GAZETTE_INDEXER_ANALYSIS_TERMS_H_
#define GAZETTE_INDEXER_ANALYSIS_TERMS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/analysis/analyzer.h"

namespace gazette::indexer {

// Xapian refuses terms over 245 bytes; every term gazette makes stays within this.
inline constexpr std::size_t kMaxTermBytes = 200;

// `text` cut at a UTF-8 character boundary at or before `max_bytes`.
std::string_view CutUtf8(std::string_view text, std::size_t max_bytes);

// The unique id term ("Q" + id). Ids too long for a Xapian term keep a prefix and a
// hash of the whole, so distinct ids stay distinct.
std::string IdTerm(std::string_view id);

// A boolean filter term: prefix + case-folded value, cut to fit a Xapian term.
std::string BooleanTerm(std::string_view prefix, std::string_view value, Analyzer* analyzer);

// The quality band term of a quality 0..100: "XQ0" .. "XQ9" (100 joins band 9).
std::string QualityBandTerm(int quality);

// 64-bit hash (xxh64) of `bytes`, and as 16 lower-case hex digits: long id terms end
// in one, content hashes are one.
std::uint64_t HashBytes(std::string_view bytes, std::uint64_t seed = 0);
std::string HashHex(std::uint64_t hash);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_ANALYSIS_TERMS_H_
