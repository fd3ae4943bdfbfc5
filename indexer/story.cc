// Story signatures, band terms and the same-story rule (indexer/story.h).
#include "indexer/story.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

#include "indexer/analysis/word_pairs.h"
#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

constexpr std::uint64_t kWordSeed = 0x73746f7279ULL;  // "story"
constexpr int kHashes = kStoryBands * kStoryBandRows;
constexpr std::size_t kHeaderBytes = 24;  // published, text hash, id hash

// The i-th MinHash permutation of a word hash (splitmix64 of the word xor a constant).
std::uint32_t Permuted(std::uint32_t word, int i) {
  std::uint64_t z = (static_cast<std::uint64_t>(word) << 8 | static_cast<std::uint64_t>(i)) +
                    0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<std::uint32_t>(z ^ (z >> 31));
}

void Put64(std::uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

std::uint64_t Get64(std::string_view bytes, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return v;
}

std::size_t Shared(const StorySignature& a, const StorySignature& b) {
  std::size_t shared = 0;
  auto i = a.words.begin(), j = b.words.begin();
  while (i != a.words.end() && j != b.words.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return shared;
}

}  // namespace

StorySignature MakeStorySignature(const std::vector<std::string>& title_terms,
                                  const std::vector<std::string>& lead_terms) {
  StorySignature s;
  auto add = [&s](const std::string& term) {
    if (IsFrequentTerm(term)) return;
    s.words.push_back(static_cast<std::uint32_t>(XXH64(term.data(), term.size(), kWordSeed)));
  };
  for (const std::string& t : title_terms) add(t);
  for (std::size_t i = 0; i < lead_terms.size() && i < kStoryLeadWords; ++i) add(lead_terms[i]);
  std::sort(s.words.begin(), s.words.end());
  s.words.erase(std::unique(s.words.begin(), s.words.end()), s.words.end());
  return s;
}

std::string EncodeStorySignature(const StorySignature& s) {
  std::string out;
  out.reserve(kHeaderBytes + 4 * s.words.size());
  Put64(static_cast<std::uint64_t>(s.published), &out);
  Put64(s.text_hash, &out);
  Put64(s.id_hash, &out);
  for (std::uint32_t w : s.words) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(w >> (8 * i)));
  }
  return out;
}

std::optional<StorySignature> DecodeStorySignature(std::string_view bytes) {
  if (bytes.size() < kHeaderBytes || (bytes.size() - kHeaderBytes) % 4 != 0) return std::nullopt;
  StorySignature s;
  s.published = static_cast<std::int64_t>(Get64(bytes, 0));
  s.text_hash = Get64(bytes, 8);
  s.id_hash = Get64(bytes, 16);
  for (std::size_t at = kHeaderBytes; at < bytes.size(); at += 4) {
    std::uint32_t w = 0;
    for (int i = 0; i < 4; ++i)
      w |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
    s.words.push_back(w);
  }
  return s;
}

std::vector<std::uint64_t> StoryBandKeys(const StorySignature& s) {
  std::vector<std::uint64_t> keys;
  if (s.words.size() < 3) return keys;
  std::uint32_t mins[kHashes];
  std::fill(std::begin(mins), std::end(mins), std::numeric_limits<std::uint32_t>::max());
  for (std::uint32_t w : s.words) {
    for (int i = 0; i < kHashes; ++i) mins[i] = std::min(mins[i], Permuted(w, i));
  }
  keys.reserve(kStoryBands);
  for (int band = 0; band < kStoryBands; ++band) {
    const std::uint64_t key =
        XXH64(mins + band * kStoryBandRows, sizeof(std::uint32_t) * kStoryBandRows,
              static_cast<std::uint64_t>(band));
    keys.push_back(std::uint64_t{static_cast<std::uint32_t>(band)} << 32 |
                   static_cast<std::uint32_t>(key));
  }
  return keys;
}

std::string StoryBandTerm(std::uint64_t key) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%08x", static_cast<char>('a' + (key >> 32)),
                static_cast<unsigned>(key & 0xffffffffU));
  return std::string(schema::kPrefixStoryBand) + buf;
}

std::vector<std::string> StoryBandTerms(const StorySignature& s) {
  std::vector<std::string> terms;
  for (std::uint64_t key : StoryBandKeys(s)) terms.push_back(StoryBandTerm(key));
  return terms;
}

std::uint64_t StoryIdHash(std::string_view id_term) {
  return XXH64(id_term.data(), id_term.size(), kWordSeed);
}

std::string StoryLabel(std::uint64_t id_hash) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id_hash));
  return std::string(buf, 16);
}

double StoryJaccard(const StorySignature& a, const StorySignature& b) {
  const std::size_t shared = Shared(a, b);
  const std::size_t all = a.words.size() + b.words.size() - shared;
  return all == 0 ? 0 : static_cast<double>(shared) / static_cast<double>(all);
}

double StoryContainment(const StorySignature& a, const StorySignature& b) {
  const std::size_t smaller = std::min(a.words.size(), b.words.size());
  return smaller == 0 ? 0 : static_cast<double>(Shared(a, b)) / static_cast<double>(smaller);
}

bool SameStory(const StorySignature& a, const StorySignature& b) {
  if (a.text_hash == b.text_hash) return true;
  if (a.published != 0 && b.published != 0) {
    const double apart = static_cast<double>(a.published > b.published ? a.published - b.published
                                                                       : b.published - a.published);
    if (apart > kStoryWindowDays * 86400) return false;
  }
  const std::size_t smaller = std::min(a.words.size(), b.words.size());
  if (smaller < 3) return false;
  if (StoryJaccard(a, b) >= kStoryJaccard) return true;
  return smaller >= kStoryMinWords && StoryContainment(a, b) >= kStoryContainment;
}

}  // namespace gazette::indexer
