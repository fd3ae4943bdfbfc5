// Language detection through CLD2 and per-language stop word lists.
#include "indexer/analysis/language.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <unordered_map>
#include <unordered_set>

namespace gazette::indexer {
namespace {

// CLD2 is accurate long before this; more text only costs time.
constexpr std::size_t kDetectBytes = 4096;
// Below this share of the text, the top language is not trusted: a majority for
// languages with a script of their own, a clear one for the others.
constexpr int kMinPercent = 50;
constexpr int kMinSharedScriptPercent = 70;
// Letters CLD2 must have seen before a Latin-script guess is trusted: wire briefs of a
// few capitalised words ("RIO DE JANEIRO - IBC ...") fool it.
constexpr int kMinTextBytes = 100;

// Languages with a script of their own: mixed text (a Japanese article full of English
// product specs) is theirs even when CLD2 calls the guess unreliable.
bool HasOwnScript(const std::string& code) {
  return code == "ja" || code == "zh" || code == "ko" || code == "th";
}

// Function words only: words that are also common content words in another language
// gazette indexes (German "war", "hat", "also") are left out, because a query drops a
// word that is a stop word in any of the index's languages.
constexpr const char* kEnglish[] = {"a",    "an",   "and",  "are",  "as",   "at",    "be",   "but",
                                    "by",   "for",  "from", "has",  "he",   "in",    "is",   "it",
                                    "its",  "of",   "on",   "or",   "that", "the",   "to",   "was",
                                    "were", "will", "with", "this", "they", "their", "which"};
constexpr const char* kGerman[] = {
    "der",   "die",   "das",   "den",  "dem",   "des",    "ein",    "eine",   "einen",  "einem",
    "einer", "eines", "und",   "oder", "aber",  "im",     "ist",    "sind",   "zu",     "zum",
    "zur",   "von",   "vom",   "mit",  "auf",   "für",    "bei",    "aus",    "nach",   "über",
    "sich",  "nicht", "auch",  "es",   "er",    "sie",    "wir",    "ich",    "als",    "wie",
    "noch",  "nur",   "dass",  "daß",  "wird",  "werden", "wurde",  "wurden", "haben",  "sein",
    "seine", "ihre",  "am",    "um",   "durch", "vor",    "dieser", "diese",  "dieses", "bis",
    "ob",    "so",    "schon", "hier", "ins",   "beim",   "wenn",   "doch",   "man"};
constexpr const char* kFrench[] = {
    "le",  "la",  "les",   "un",   "une",   "des",  "du",   "de",    "et",  "ou",   "à",
    "au",  "aux", "en",    "dans", "par",   "pour", "sur",  "avec",  "est", "sont", "qui",
    "que", "ce",  "cette", "ces",  "il",    "elle", "ils",  "elles", "ne",  "pas",  "se",
    "sa",  "son", "ses",   "leur", "leurs", "été",  "être", "a",     "l",   "d",    "qu"};
constexpr const char* kSpanish[] = {"el",   "la",   "los",   "las",   "un",  "una", "unos", "unas",
                                    "y",    "o",    "de",    "del",   "al",  "en",  "con",  "por",
                                    "para", "que",  "se",    "es",    "son", "su",  "sus",  "lo",
                                    "le",   "les",  "como",  "pero",  "más", "ha",  "han",  "fue",
                                    "este", "esta", "estos", "estas", "ese", "esa", "no",   "a"};

struct StopList {
  std::string_view language;
  const char* const* begin;
  const char* const* end;
};
const StopList kStopLists[] = {{"en", std::begin(kEnglish), std::end(kEnglish)},
                               {"de", std::begin(kGerman), std::end(kGerman)},
                               {"fr", std::begin(kFrench), std::end(kFrench)},
                               {"es", std::begin(kSpanish), std::end(kSpanish)}};

using StopSet = std::unordered_set<std::string_view>;

const std::unordered_map<std::string_view, StopSet>& StopLists() {
  static const auto* lists = [] {
    auto* sets = new std::unordered_map<std::string_view, StopSet>;
    for (const StopList& list : kStopLists)
      sets->emplace(list.language, StopSet(list.begin, list.end));
    return sets;
  }();
  return *lists;
}

// Cuts UTF-8 text at a character boundary at or before max_bytes.
std::size_t CutPoint(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

}  // namespace

std::string NormalizeLanguageCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

std::string DetectLanguage(std::string_view text) {
  const int length = static_cast<int>(CutPoint(text, kDetectBytes));
  if (length == 0) return std::string();
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0;
  int valid_prefix = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), length, true, &hints, 0, language3, percent3,
                                          scores3, nullptr, &text_bytes, &reliable, &valid_prefix);
  // The top of language3 rather than the return value, which prefers a runner-up over
  // English in ways that misread English wire copy.
  if (language3[0] == CLD2::UNKNOWN_LANGUAGE || percent3[0] < kMinPercent) return std::string();
  std::string code = NormalizeLanguageCode(CLD2::LanguageCode(language3[0]));
  if (HasOwnScript(code)) return code;
  const bool trusted =
      reliable && text_bytes >= kMinTextBytes && percent3[0] >= kMinSharedScriptPercent;
  return trusted ? code : std::string();
}

std::string TextLanguage(std::string_view declared, std::string_view title,
                         std::string_view excerpt, std::string_view body) {
  std::string code = NormalizeLanguageCode(declared);
  if (!code.empty()) return code;
  std::string sample(title);
  sample.push_back('\n');
  sample += excerpt;
  sample.push_back('\n');
  sample += body.substr(0, CutPoint(body, kDetectBytes));
  code = DetectLanguage(sample);
  return code.empty() ? kDefaultLanguage : code;
}

bool IsStopWord(std::string_view word, std::string_view language) {
  const auto& lists = StopLists();
  auto it = lists.find(language.empty() ? std::string_view(kDefaultLanguage) : language);
  return it != lists.end() && it->second.count(word) > 0;
}

std::vector<std::string_view> StopWords(std::string_view language) {
  for (const StopList& list : kStopLists) {
    if (list.language == language) return std::vector<std::string_view>(list.begin, list.end);
  }
  return {};
}

std::vector<std::string_view> StopWordLanguages() {
  std::vector<std::string_view> out;
  for (const StopList& list : kStopLists) out.push_back(list.language);
  return out;
}

}  // namespace gazette::indexer
