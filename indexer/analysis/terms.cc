// Index terms of single values.
#include "indexer/analysis/terms.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>

#include "indexer/schema.h"

namespace gazette::indexer {

std::string_view CutUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::uint64_t HashBytes(std::string_view bytes, std::uint64_t seed) {
  return XXH64(bytes.data(), bytes.size(), seed);
}

std::string HashHex(std::uint64_t hash) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(buf, 16);
}

std::string IdTerm(std::string_view id) {
  std::string term(schema::kPrefixId);
  if (id.size() + term.size() <= kMaxTermBytes) return term.append(id);
  term.append(id.substr(0, kMaxTermBytes - term.size() - 17));
  term.push_back('#');
  return term.append(HashHex(HashBytes(id)));
}

std::string QualityBandTerm(int quality) {
  return schema::kPrefixQualityBand + std::to_string(std::clamp(quality, 0, 99) / 10);
}

std::string BooleanTerm(std::string_view prefix, std::string_view value, Analyzer* analyzer) {
  std::string term(prefix);
  std::string folded = analyzer->Normalize(value);
  term.append(CutUtf8(folded, kMaxTermBytes - term.size()));
  return term;
}

}  // namespace gazette::indexer
