// ICU-based normalisation and segmentation, Xapian Snowball stemming, with a
// per-thread stem cache (word frequencies are Zipfian, so most lookups hit).
#include "indexer/analysis/analyzer.h"

#include <absl/container/flat_hash_map.h>
#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <stdexcept>

#include "indexer/analysis/folding.h"

namespace gazette::indexer {
namespace {

constexpr std::size_t kMaxCachedStems = 1 << 18;

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Replaces typographic apostrophes with "'" in place (UTF-8 bytes).
void NormalizeApostrophes(std::string* text) {
  std::string& s = *text;
  std::size_t out = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x98 ||
         static_cast<unsigned char>(s[i + 2]) == 0x99 ||
         static_cast<unsigned char>(s[i + 2]) == 0x9B)) {
      s[out++] = '\'';
      i += 3;
    } else if (c == 0xCA && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      s[out++] = '\'';
      i += 2;
    } else {
      s[out++] = s[i++];
    }
  }
  s.resize(out);
}

}  // namespace

struct Analyzer::Impl {
  const icu::Normalizer2* nfkc_cf = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  struct LanguageStemmer {
    Xapian::Stem stem;
    absl::flat_hash_map<std::string, std::string> cache;
  };
  std::unordered_map<std::string, LanguageStemmer> stemmers;
  std::vector<Word> scratch_words;
  std::string scratch_folded;

  void WordsOfNormalized(const std::string& norm, std::vector<Word>* out);

  LanguageStemmer& StemmerFor(std::string_view language) {
    std::string key(language.empty() ? "en" : language);
    auto it = stemmers.find(key);
    if (it == stemmers.end()) {
      it = stemmers.emplace(key, LanguageStemmer{Analyzer::StemmerFor(key), {}}).first;
    }
    return it->second;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold data is missing");
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl_->words) {
    throw std::runtime_error("ICU word break iterator is unavailable");
  }
}

Analyzer::~Analyzer() = default;

std::string Analyzer::Normalize(std::string_view text) {
  std::string out;
  if (IsAscii(text)) {
    out.assign(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  out.reserve(text.size() + text.size() / 8);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_cf->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                                sink, nullptr, status);
  if (U_FAILURE(status)) {
    // Only reachable on allocation failure; fall back to the text unchanged.
    out.assign(text);
  }
  NormalizeApostrophes(&out);
  return out;
}

void Analyzer::Words(std::string_view text, std::vector<Word>* words) {
  impl_->WordsOfNormalized(Normalize(text), words);
}

void Analyzer::Impl::WordsOfNormalized(const std::string& norm, std::vector<Word>* out) {
  if (norm.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, norm.data(), static_cast<int64_t>(norm.size()), &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& bi = *this->words;
  bi.setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    return;
  }
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    if (bi.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    // Cut the segmented word into pieces of word characters.
    std::string piece;
    bool first_piece = true;
    auto flush = [&] {
      if (!piece.empty() && piece.size() <= kMaxWordBytes) {
        out->push_back(Word{std::move(piece), !first_piece});
        first_piece = false;
      }
      piece.clear();
    };
    const char* s = norm.data();
    int32_t i = start;
    while (i < end) {
      int32_t char_start = i;
      UChar32 c;
      U8_NEXT(s, i, end, c);
      if (c == '\'') continue;  // "meta's" -> "metas"
      if (c >= 0 && Xapian::Unicode::is_wordchar(static_cast<unsigned>(c))) {
        piece.append(s + char_start, static_cast<std::size_t>(i - char_start));
      } else {
        flush();
      }
    }
    flush();
  }
  utext_close(&ut);
}

void Analyzer::WordSpans(std::string_view text, std::vector<Span>* spans) {
  if (text.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& bi = *impl_->words;
  bi.setText(&ut, status);
  if (U_SUCCESS(status)) {
    int32_t start = bi.first();
    for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
      if (bi.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      spans->push_back(Span{static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
    }
  }
  utext_close(&ut);
}

void Analyzer::Terms(std::string_view text, std::string_view language,
                     std::vector<std::string>* terms) {
  std::vector<Word>& words = impl_->scratch_words;
  words.clear();
  Words(text, &words);
  std::string& folded = impl_->scratch_folded;
  for (const Word& w : words) {
    FoldDiacritics(w.text, &folded);
    const std::string& stem = Stem(folded, language);
    if (!stem.empty()) terms->push_back(stem);
  }
}

void Analyzer::Analyze(std::string_view text, std::string_view language, IndexTerms* out) {
  const std::string norm = Normalize(text);
  std::vector<Word>& words = impl_->scratch_words;
  words.clear();
  impl_->WordsOfNormalized(norm, &words);
  std::string& folded = impl_->scratch_folded;
  for (Word& w : words) {
    const bool changed = FoldDiacritics(w.text, &folded);
    // A word of combining marks alone folds to nothing: Xapian refuses empty terms.
    const std::string& stem = Stem(folded, language);
    if (stem.empty()) continue;
    if (changed) out->exact.push_back(std::move(w.text));
    out->terms.push_back(stem);
  }
  if (!IsAscii(norm)) CjkBigrams(norm, &out->bigrams);
}

std::string Analyzer::Fold(std::string_view word) {
  std::string folded;
  FoldDiacritics(word, &folded);
  return folded;
}

const std::string& Analyzer::Stem(const std::string& word, std::string_view language) {
  static const std::string kEmpty;
  if (word.empty()) return kEmpty;
  Impl::LanguageStemmer& ls = impl_->StemmerFor(language);
  auto it = ls.cache.find(word);
  if (it != ls.cache.end()) return it->second;
  if (ls.cache.size() >= kMaxCachedStems) ls.cache.clear();
  return ls.cache.emplace(word, ls.stem(word)).first->second;
}

Xapian::Stem Analyzer::StemmerFor(std::string_view language) {
  std::string code(language.empty() ? "en" : language);
  try {
    return Xapian::Stem(code);
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem("none");
  }
}

}  // namespace gazette::indexer
