// Text language: the declared one, else detected with CLD2; and the stop words of
// each language gazette knows.
#ifndef GAZETTE_INDEXER_ANALYSIS_LANGUAGE_H_
#define GAZETTE_INDEXER_ANALYSIS_LANGUAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

// The language of articles that neither say nor reveal theirs.
inline constexpr char kDefaultLanguage[] = "en";

// Lower-cased primary subtag of a BCP 47 / POSIX code: "DE", "de-AT", "de_AT" -> "de".
// Empty stays empty.
std::string NormalizeLanguageCode(std::string_view code);

// The ISO 639-1 code (primary subtag) of the language CLD2 detects in UTF-8 `text`,
// or "" when CLD2 is not confident (short or mixed text, invalid UTF-8). Only the
// first few KiB are looked at. Thread-safe.
std::string DetectLanguage(std::string_view text);

// An article's language: `declared` (its `language` field, normalised) when present,
// else DetectLanguage of the title, excerpt and start of the body, else
// kDefaultLanguage. Never empty.
std::string TextLanguage(std::string_view declared, std::string_view title,
                         std::string_view excerpt, std::string_view body);

// True when the normalised, case-folded `word` is a stop word of `language`
// (en, de, fr, es; other languages have none). Stop words stay in the index, for
// phrases; queries drop them (docs/languages.md). Thread-safe.
bool IsStopWord(std::string_view word, std::string_view language);

// The stop words of `language` as listed (normalised, case-folded, not stemmed);
// empty for a language without a list.
std::vector<std::string_view> StopWords(std::string_view language);

// The languages with a stop word list.
std::vector<std::string_view> StopWordLanguages();

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_ANALYSIS_LANGUAGE_H_
