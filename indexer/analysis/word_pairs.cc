// The frequent-word lists behind word-pair terms. Changing them changes what is
// indexed: bump schema::kSchemaVersion with them.
#include "indexer/analysis/word_pairs.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "indexer/analysis/folding.h"
#include "indexer/analysis/language.h"
#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

// The most frequent words of news text in each language: its stop words (function
// words, indexer/analysis/language.cc) and these, mostly the commonest verbs and pronouns. Pairs
// of them ("of the", "has been", "it was") make up most of a phrase of frequent words.
const std::map<std::string_view, std::vector<std::string_view>>& MoreFrequentWords() {
  static const auto* words = new std::map<std::string_view, std::vector<std::string_view>>{
      {"en", {"about", "after", "all",   "also",  "any",    "been", "before", "being", "can",
              "could", "did",   "do",    "does",  "had",    "have", "her",    "him",   "his",
              "how",   "i",     "if",    "into",  "just",   "may",  "me",     "more",  "most",
              "my",    "no",    "not",   "now",   "one",    "only", "other",  "our",   "out",
              "over",  "said",  "says",  "she",   "should", "so",   "some",   "such",  "than",
              "them",  "then",  "there", "these", "those",  "two",  "up",     "us",    "very",
              "we",    "what",  "when",  "where", "while",  "who",  "would",  "you",   "your"}},
      {"de", {"in", "hat", "war", "an", "kann", "mehr"}},
      {"fr", {"plus", "ont", "nous", "on", "mais", "y", "s", "n", "c"}},
      {"es", {"muy", "sin", "sobre", "entre", "también", "hay", "ya", "era", "ser"}}};
  return *words;
}

struct Frequent {
  std::unordered_set<std::string> terms;
  std::size_t longest = 0;
};

const Frequent& FrequentTerms() {
  static const auto* frequent = [] {
    auto* f = new Frequent;
    std::string folded;
    for (std::string_view language : StopWordLanguages()) {
      Xapian::Stem stem{std::string(language)};
      std::vector<std::string_view> words = StopWords(language);
      const auto more = MoreFrequentWords().find(language);
      if (more != MoreFrequentWords().end()) {
        words.insert(words.end(), more->second.begin(), more->second.end());
      }
      for (std::string_view word : words) {
        FoldDiacritics(word, &folded);
        for (std::string term : {folded, stem(folded)}) {
          f->longest = std::max(f->longest, term.size());
          f->terms.insert(std::move(term));
        }
      }
    }
    return f;
  }();
  return *frequent;
}

}  // namespace

bool IsFrequentTerm(std::string_view term) {
  const Frequent& f = FrequentTerms();
  // Frequent words are short: most lookups end here.
  return term.size() <= f.longest && f.terms.count(std::string(term)) > 0;
}

std::string WordPairTerm(std::string_view first, std::string_view second) {
  std::string term(schema::kPrefixWordPair);
  term.reserve(term.size() + first.size() + 1 + second.size());
  term.append(first).push_back(' ');
  return term.append(second);
}

}  // namespace gazette::indexer
