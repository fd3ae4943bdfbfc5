// The text analyser shared by indexing and querying: ICU normalisation and word
// segmentation, then Xapian's Snowball stemmers.
#ifndef GAZETTE_INDEXER_ANALYSIS_ANALYZER_H_
#define GAZETTE_INDEXER_ANALYSIS_ANALYZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace gazette::indexer {

// Turns text into index terms. Steps, in order:
//   1. Unicode NFKC with case folding (full-width forms, ligatures, case), and
//      typographic apostrophes (U+2019, U+2018, U+02BC) mapped to "'";
//   2. word segmentation with ICU's word break iterator (dictionary-based for
//      scripts written without spaces); punctuation and spaces are dropped;
//   3. each word is cut into pieces at characters that are not word characters
//      (so "u.s" -> "u", "s" and "e-mail" -> "e", "mail"); apostrophes inside a
//      word are dropped ("meta's" -> "metas"), so Meta's and Meta’s match;
//   4. diacritics of Latin letters are folded ("zürich" -> "zurich", indexer/analysis/folding.h);
//   5. each piece is stemmed with the Snowball stemmer of the text's language.
// Indexing also keeps, per word, the unfolded form when folding changed it (so exact
// forms can rank first) and the character bigrams of CJK runs (a recall net for words
// the dictionary segments differently in query and text); see docs/languages.md.
// Pieces are made only of characters Xapian's QueryParser treats as word characters,
// so a query rewritten into pieces parses back into the same terms.
//
// Not thread-safe: use one Analyzer per thread (construction is cheap).
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Step 1 only. Output is valid UTF-8 whatever the input.
  std::string Normalize(std::string_view text);

  // Steps 1-3: appends the unstemmed pieces of `text` to *words, in order. Pieces of
  // one segmented word are flagged by `joined_to_previous` = true on all but the first.
  struct Word {
    std::string text;
    bool joined_to_previous = false;
  };
  void Words(std::string_view text, std::vector<Word>* words);

  // Byte ranges of the words of `text` as written (step 2 on the text itself, without
  // normalising it first), for highlighting stored text.
  struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  void WordSpans(std::string_view text, std::vector<Span>* spans);

  // Steps 1-5: appends the folded, stemmed terms of `text` to *terms, in order.
  void Terms(std::string_view text, std::string_view language, std::vector<std::string>* terms);

  // Everything indexed for one text field, appended in text order.
  struct IndexTerms {
    std::vector<std::string> terms;    // steps 1-5, one position each
    std::vector<std::string> exact;    // unstemmed words that folding changed ("zürich")
    std::vector<std::string> bigrams;  // CJK bigrams; "" ends a run (folding.h CjkBigrams)
    void clear() {
      terms.clear();
      exact.clear();
      bigrams.clear();
    }
  };
  void Analyze(std::string_view text, std::string_view language, IndexTerms* out);

  // Step 4 on one normalised word: its diacritic-folded form.
  std::string Fold(std::string_view word);

  // Stems one normalised, folded word for `language` (ISO 639-1 code such as "en" or "de";
  // empty means English; a language without a Snowball stemmer is left unstemmed).
  // The reference is valid until the next call.
  const std::string& Stem(const std::string& word, std::string_view language);

  // The Xapian stemmer used for `language`, so a QueryParser can use the same one.
  static Xapian::Stem StemmerFor(std::string_view language);

  // Words longer than this (in bytes) are dropped: they are junk, not language.
  static constexpr std::size_t kMaxWordBytes = 64;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_ANALYSIS_ANALYZER_H_
