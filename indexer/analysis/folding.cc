// Latin diacritic folding from a table built once from ICU's NFD data, and CJK
// bigrams from a single pass over UTF-8.
#include "indexer/analysis/folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>

namespace gazette::indexer {
namespace {

// Latin letters with diacritics live in these blocks (precomposed after NFKC).
constexpr int kLatinFirst = 0x00C0;  // Latin-1 Supplement letters .. Latin Extended-B
constexpr int kLatinLast = 0x024F;
constexpr int kLatinExtFirst = 0x1E00;  // Latin Extended Additional (Vietnamese, ...)
constexpr int kLatinExtLast = 0x1EFF;
constexpr int kCombiningFirst = 0x0300;  // combining diacritical marks left unattached
constexpr int kCombiningLast = 0x036F;

// Folded form of each code point of the two Latin blocks; empty = unchanged.
struct FoldTable {
  std::array<std::string, kLatinLast - kLatinFirst + 1> latin;
  std::array<std::string, kLatinExtLast - kLatinExtFirst + 1> latin_ext;

  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    auto fill = [&](int first, int last, std::string* slots) {
      for (int c = first; c <= last; ++c) {
        std::string& slot = slots[c - first];
        icu::UnicodeString decomposed;
        if (U_FAILURE(status) || !nfd->getDecomposition(c, decomposed)) continue;
        icu::UnicodeString base;
        for (int32_t i = 0; i < decomposed.length();) {
          const UChar32 d = decomposed.char32At(i);
          if (u_charType(d) != U_NON_SPACING_MARK) base.append(d);
          i += U16_LENGTH(d);
        }
        if (base.length() > 0 && base != icu::UnicodeString(c)) base.toUTF8String(slot);
      }
    };
    fill(kLatinFirst, kLatinLast, latin.data());
    fill(kLatinExtFirst, kLatinExtLast, latin_ext.data());
    // Letters with strokes and ligatures have no decomposition.
    const std::pair<int, const char*> extra[] = {
        {0x00D8, "O"},  {0x00F8, "o"},  {0x0110, "D"}, {0x0111, "d"},  {0x0141, "L"},
        {0x0142, "l"},  {0x0126, "H"},  {0x0127, "h"}, {0x00C6, "AE"}, {0x00E6, "ae"},
        {0x0152, "OE"}, {0x0153, "oe"}, {0x0131, "i"}, {0x00D0, "D"},  {0x00F0, "d"},
        {0x00DE, "TH"}, {0x00FE, "th"}, {0x0180, "b"}, {0x01B6, "z"},
    };
    for (const auto& [c, folded] : extra) latin[c - kLatinFirst] = folded;
  }

  // The folded form of `c`, or nullptr when `c` folds to itself.
  const std::string* Find(UChar32 c) const {
    const std::string* s = nullptr;
    if (c >= kLatinFirst && c <= kLatinLast) s = &latin[c - kLatinFirst];
    if (c >= kLatinExtFirst && c <= kLatinExtLast) s = &latin_ext[c - kLatinExtFirst];
    return s != nullptr && !s->empty() ? s : nullptr;
  }
};

const FoldTable& Table() {
  static const FoldTable table;
  return table;
}

}  // namespace

bool FoldDiacritics(std::string_view word, std::string* out) {
  out->clear();
  std::size_t i = 0;
  while (i < word.size() && static_cast<unsigned char>(word[i]) < 0x80) ++i;
  if (i == word.size()) {
    out->assign(word);
    return false;
  }
  const FoldTable& table = Table();
  out->reserve(word.size());
  out->append(word.data(), i);
  bool changed = false;
  const char* s = word.data();
  const int32_t n = static_cast<int32_t>(word.size());
  int32_t pos = static_cast<int32_t>(i);
  while (pos < n) {
    const int32_t start = pos;
    UChar32 c;
    U8_NEXT(s, pos, n, c);
    if (c >= kCombiningFirst && c <= kCombiningLast) {
      changed = true;
      continue;
    }
    if (const std::string* folded = c >= 0 ? table.Find(c) : nullptr) {
      out->append(*folded);
      changed = true;
    } else {
      out->append(s + start, static_cast<std::size_t>(pos - start));
    }
  }
  return changed;
}

bool IsCjk(int c) {
  return (c >= 0x3041 && c <= 0x309F) ||                 // Hiragana
         (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) ||  // Katakana, ー; not ・
         (c >= 0x31F0 && c <= 0x31FF) ||                 // Katakana phonetic extensions
         (c >= 0x3005 && c <= 0x3007) ||                 // 々 〆 〇
         (c >= 0x3400 && c <= 0x4DBF) ||                 // Han extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||                 // Han
         (c >= 0xF900 && c <= 0xFAFF) ||                 // Han compatibility
         (c >= 0x20000 && c <= 0x3134F) ||               // Han extensions B..G
         (c >= 0xAC00 && c <= 0xD7A3) ||                 // Hangul syllables
         (c >= 0x1100 && c <= 0x11FF);                   // Hangul jamo
}

bool HasCjk(std::string_view text) {
  const char* s = text.data();
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    // CJK code points are 3 or 4 bytes long: lead bytes 0xE1 and up.
    if (static_cast<unsigned char>(s[i]) < 0xE1) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (IsCjk(c)) return true;
  }
  return false;
}

std::size_t CjkBigrams(std::string_view text, std::vector<std::string>* bigrams) {
  const char* s = text.data();
  const int32_t n = static_cast<int32_t>(text.size());
  std::size_t count = 0;
  int32_t prev_start = -1;  // start of the previous code point when it was CJK
  bool run_has_bigrams = false;
  auto end_run = [&] {
    if (run_has_bigrams) bigrams->emplace_back();
    run_has_bigrams = false;
    prev_start = -1;
  };
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (!IsCjk(c)) {
      end_run();
      continue;
    }
    if (prev_start >= 0) {
      bigrams->emplace_back(s + prev_start, static_cast<std::size_t>(i - prev_start));
      run_has_bigrams = true;
      ++count;
    }
    prev_start = start;
  }
  end_run();
  return count;
}

}  // namespace gazette::indexer
