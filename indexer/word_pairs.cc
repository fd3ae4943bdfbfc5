// The frequent-word lists behind word-pair terms. Changing them changes what is
// indexed: bump schema::kSchemaVersion with them.
#include "indexer/word_pairs.h"

#include <xapian.h>

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "indexer/folding.h"
#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

// The most frequent words of news text in each language: function words and the
// commonest verbs. Pairs of them ("of the", "has been", "it was") make up most of a
// phrase of frequent words.
constexpr const char* kEnglish[] = {
    "a",      "about", "after", "all",    "also",  "an",    "and",   "any",   "are",   "as",
    "at",     "be",    "been",  "before", "being", "but",   "by",    "can",   "could", "did",
    "do",     "does",  "for",   "from",   "had",   "has",   "have",  "he",    "her",   "him",
    "his",    "how",   "i",     "if",     "in",    "into",  "is",    "it",    "its",   "just",
    "may",    "me",    "more",  "most",   "my",    "no",    "not",   "now",   "of",    "on",
    "one",    "only",  "or",    "other",  "our",   "out",   "over",  "said",  "says",  "she",
    "should", "so",    "some",  "such",   "than",  "that",  "the",   "their", "them",  "then",
    "there",  "these", "they",  "this",   "those", "to",    "two",   "up",    "us",    "very",
    "was",    "we",    "were",  "what",   "when",  "where", "which", "while", "who",   "will",
    "with",   "would", "you",   "your"};
constexpr const char* kGerman[] = {
    "der",   "die",   "das",   "den",  "dem",   "des",    "ein",    "eine",   "einen",  "einem",
    "einer", "eines", "und",   "oder", "aber",  "im",     "in",     "ist",    "sind",   "zu",
    "zum",   "zur",   "von",   "vom",  "mit",   "auf",    "für",    "bei",    "aus",    "nach",
    "über",  "sich",  "nicht", "auch", "es",    "er",     "sie",    "wir",    "ich",    "als",
    "wie",   "noch",  "nur",   "dass", "wird",  "werden", "wurde",  "wurden", "haben",  "hat",
    "sein",  "war",   "am",    "um",   "durch", "vor",    "dieser", "diese",  "dieses", "bis",
    "so",    "schon", "wenn",  "doch", "man",   "an",     "kann",   "mehr"};
constexpr const char* kFrench[] = {
    "le",   "la",  "les",   "un",   "une",   "des",  "du",   "de",    "et",  "ou",   "à",
    "au",   "aux", "en",    "dans", "par",   "pour", "sur",  "avec",  "est", "sont", "qui",
    "que",  "ce",  "cette", "ces",  "il",    "elle", "ils",  "elles", "ne",  "pas",  "se",
    "sa",   "son", "ses",   "leur", "leurs", "été",  "être", "a",     "l",   "d",    "qu",
    "plus", "ont", "nous",  "on",   "mais",  "y",    "s",    "n",     "c"};
constexpr const char* kSpanish[] = {
    "el",  "la",  "los",   "las",   "un",      "una",   "unos", "unas", "y",   "o",
    "de",  "del", "al",    "en",    "con",     "por",   "para", "que",  "se",  "es",
    "son", "su",  "sus",   "lo",    "le",      "les",   "como", "pero", "más", "ha",
    "han", "fue", "este",  "esta",  "estos",   "estas", "ese",  "esa",  "no",  "a",
    "muy", "sin", "sobre", "entre", "también", "hay",   "ya",   "era",  "ser"};

struct List {
  const char* language;
  const char* const* begin;
  const char* const* end;
};

struct Frequent {
  std::unordered_set<std::string> terms;
  std::size_t longest = 0;
};

const Frequent& FrequentTerms() {
  static const auto* frequent = [] {
    auto* f = new Frequent;
    const List lists[] = {{"en", std::begin(kEnglish), std::end(kEnglish)},
                          {"de", std::begin(kGerman), std::end(kGerman)},
                          {"fr", std::begin(kFrench), std::end(kFrench)},
                          {"es", std::begin(kSpanish), std::end(kSpanish)}};
    std::string folded;
    for (const List& list : lists) {
      Xapian::Stem stem(list.language);
      for (auto word = list.begin; word != list.end; ++word) {
        FoldDiacritics(*word, &folded);
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
