// Story signatures: the words of an article's title and lead as a set of hashes, the
// MinHash band keys that find its near duplicates with an ordinary term query, and
// the rule that says whether two articles tell the same story (private to indexer/;
// docs/stories.md).
#ifndef GAZETTE_INDEXER_STORY_H_
#define GAZETTE_INDEXER_STORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

// Words of the body (or of the excerpt, without a body) that count as its lead.
inline constexpr std::size_t kStoryLeadWords = 40;
// MinHash bands of kStoryBandRows hashes each; two articles sharing any band are
// candidates, verified by SameStory.
inline constexpr int kStoryBands = 12;
inline constexpr int kStoryBandRows = 2;
// Candidates are looked for only in bands holding at most this many articles: a band
// that common is boilerplate, not a story.
inline constexpr std::size_t kStoryMaxBand = 64;

// What decides whether two articles tell the same story, stored in a value slot.
struct StorySignature {
  std::int64_t published = 0;        // seconds since epoch; 0 = undated
  std::uint64_t text_hash = 0;       // hash of title + body: equal means an exact copy
  std::uint64_t id_hash = 0;         // hash of the id term: the story label of a lone article
  std::vector<std::uint32_t> words;  // distinct word hashes of title + lead, ascending
};

// The signature of the analysed (stemmed) words of the title and lead; the language's
// most frequent words are left out.
StorySignature MakeStorySignature(const std::vector<std::string>& title_terms,
                                  const std::vector<std::string>& lead_terms);

// The value slot's bytes, and back; nullopt for bytes that are not a signature.
std::string EncodeStorySignature(const StorySignature& s);
std::optional<StorySignature> DecodeStorySignature(std::string_view bytes);

// The band keys of a signature (the band's number in the top 32 bits, its MinHash key
// in the low 32); none for fewer than 3 words. Equal keys mean a shared band.
std::vector<std::uint64_t> StoryBandKeys(const StorySignature& s);
// The boolean term (schema::kPrefixStoryBand) of a band key.
std::string StoryBandTerm(std::uint64_t key);
// The band terms of a signature: StoryBandTerm of each of its StoryBandKeys.
std::vector<std::string> StoryBandTerms(const StorySignature& s);

// The hash of an article's id term that labels its story while it stands alone.
std::uint64_t StoryIdHash(std::string_view id_term);

// The story label of an article that shares its story with no other: its id hash.
std::string StoryLabel(std::uint64_t id_hash);

// Jaccard similarity of the word sets, and the share of the smaller set found in the
// larger.
double StoryJaccard(const StorySignature& a, const StorySignature& b);
double StoryContainment(const StorySignature& a, const StorySignature& b);

// Two articles tell the same story when they are exact copies, or when they appeared
// within kStoryWindowDays of each other and their words mostly agree (Jaccard at least
// kStoryJaccard, or the smaller set, of at least kStoryMinWords words, found at least
// kStoryContainment in the larger).
inline constexpr double kStoryWindowDays = 2;
inline constexpr double kStoryJaccard = 0.5;
inline constexpr double kStoryContainment = 0.8;
inline constexpr std::size_t kStoryMinWords = 6;
bool SameStory(const StorySignature& a, const StorySignature& b);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_STORY_H_
