// The corpus generator's parts (private to corpus/): the text model, the metadata
// catalogs, one article from its index, the two writers, and the query set.
#ifndef GAZETTE_CORPUS_GENERATOR_INTERNAL_H_
#define GAZETTE_CORPUS_GENERATOR_INTERNAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "corpus/article.h"
#include "corpus/generator_random.h"

namespace gazette::corpus::generator {

// The built-in vocabulary, most frequent first: a few hundred real English words,
// then pronounceable words made from syllables (fixed, independent of any seed),
// `size` in all. Every word is lower-case ASCII letters, all distinct.
std::vector<std::string> BuiltInVocabulary(std::size_t size);

// About 200 topic names ("Energy Markets") and 100 providers, most popular first.
std::vector<std::string> TopicCatalog();
std::vector<Provider> ProviderCatalog();

// Where sentences come from. Immutable once built; safe to share between threads.
class TextModel {
 public:
  // Zipf-distributed words of the built-in vocabulary.
  static TextModel BuiltIn();
  // Sentences of the articles under `dir` (read with the project's readers), at most
  // `max_articles` of them. InvalidArgument if no usable sentence is found.
  static Result<TextModel> FromSource(const std::string& dir, std::size_t max_articles);

  // Appends one sentence (capitalised, ending in punctuation) to *out; returns its words.
  int AppendSentence(Rng& rng, std::string* out) const;
  // A headline of 5-12 words.
  std::string Title(Rng& rng) const;
  // Lower-case words for queries, most frequent first.
  const std::vector<std::string>& ranked_words() const { return words_; }
  bool built_in() const { return sentences_.empty(); }

 private:
  TextModel(std::vector<std::string> words, double exponent);
  std::vector<std::string> words_;
  Zipf zipf_;
  std::vector<std::string> sentences_;  // source mode only
  std::vector<std::string> titles_;     // source mode only
};

// Everything an article is drawn from.
struct Model {
  TextModel text;
  std::vector<std::string> topics;
  std::vector<Provider> providers;
  Zipf topic_zipf;
  Zipf provider_zipf;
  std::uint64_t seed = 1;
  std::uint64_t count = 0;  // articles in the corpus (related items point inside it)
  int mean_words = 550;
  std::uint64_t rewrites = 0;  // rewrites written after the `count` articles
  std::uint64_t bursts = 0;    // planted bursts written after the rewrites
};

// Publication times end here: 2024-12-31T23:59:59Z.
inline constexpr std::int64_t kReferenceTime = 1735689599;

// Article `index` of the corpus: a pure function of (model, index).
Article MakeArticle(const Model& model, std::uint64_t index);

// Rewrite `rewrite` (0-based) of the article RewriteOf(model, rewrite), written as
// article `index`: the same story told again (a wire copy, an update, a rewrite of a
// fifth of the words, or a flash), by another provider within 12 hours.
std::uint64_t RewriteOf(const Model& model, std::uint64_t rewrite);
Article MakeRewrite(const Model& model, std::uint64_t rewrite, std::uint64_t index);

// Planted articles, kPlantedPerBurst per burst b: kBurstRecent carry BurstWord(b) and
// are dated in the two days before kReferenceTime; kBurstOld carry it more often and are
// 30 days to ten years old; the rest carry EvergreenWord(b), spread over ten years.
inline constexpr std::uint64_t kBurstRecent = 30;
inline constexpr std::uint64_t kBurstOld = 10;
inline constexpr std::uint64_t kPlantedPerBurst = 80;
std::string BurstWord(std::uint64_t b);
std::string EvergreenWord(std::uint64_t b);
Article MakePlanted(const Model& model, std::uint64_t planted, std::uint64_t index);

// The seed format: Markdown with YAML front matter, and one JSON object (no newline).
std::string ToMarkdown(const Article& article);
std::string ToJsonLine(const Article& article);

// `count` queries, one per element: 1-4 words, frequent and rare terms, phrases taken
// from generated bodies, `title:` and `topic:` scopes. Pure function of its inputs.
std::vector<std::string> MakeQueries(const Model& model, std::uint64_t count);

}  // namespace gazette::corpus::generator

#endif  // GAZETTE_CORPUS_GENERATOR_INTERNAL_H_
