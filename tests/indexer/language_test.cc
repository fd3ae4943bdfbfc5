// Language of a text: the declared one, CLD2 detection, the default; stop words.
#include "indexer/analysis/language.h"

#include <catch2/catch.hpp>

namespace gazette::indexer {
namespace {

TEST_CASE("NormalizeLanguageCode keeps the lower-cased primary subtag") {
  CHECK(NormalizeLanguageCode("DE") == "de");
  CHECK(NormalizeLanguageCode("de-AT") == "de");
  CHECK(NormalizeLanguageCode("pt_BR") == "pt");
  CHECK(NormalizeLanguageCode("") == "");
}

TEST_CASE("DetectLanguage recognises real text and declines when unsure") {
  CHECK(DetectLanguage("Die Gewerkschaft sieht Handlungsbedarf bei sogenannten All-in-"
                       "Vertr\xC3\xA4gen. F\xC3\xBCr mehr Transparenz haben die Gewerkschaften "
                       "nun ein Online-Werkzeug lanciert, das Arbeitnehmern helfen soll.") == "de");
  CHECK(DetectLanguage("The cocoa buffer stock manager will start buying when prices fall "
                       "below the lower intervention level, delegates to the council said.") ==
        "en");
  // テレビやTwitterと連携できるパソコンや、面白いパソコンが次から次へと登場した。
  CHECK(DetectLanguage(
            "\xE3\x83\x86\xE3\x83\xAC\xE3\x83\x93\xE3\x82\x84Twitter\xE3\x81\xA8"
            "\xE9\x80\xA3\xE6\x90\xBA\xE3\x81\xA7\xE3\x81\x8D\xE3\x82\x8B\xE3\x83\x91"
            "\xE3\x82\xBD\xE3\x82\xB3\xE3\x83\xB3\xE3\x82\x84\xE3\x80\x81\xE9\x9D\xA2"
            "\xE7\x99\xBD\xE3\x81\x84\xE3\x83\x91\xE3\x82\xBD\xE3\x82\xB3\xE3\x83\xB3"
            "\xE3\x81\x8C\xE6\xAC\xA1\xE3\x81\x8B\xE3\x82\x89\xE6\xAC\xA1\xE3\x81\xB8"
            "\xE3\x81\xA8\xE7\x99\xBB\xE5\xA0\xB4\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82") == "ja");
  CHECK(DetectLanguage("") == "");
  CHECK(DetectLanguage("RIO DE JANEIRO - IBC CLOSES") == "");  // too short to trust
}

TEST_CASE("TextLanguage prefers the declared language - then detection - then the default") {
  const std::string title = "Die Gewerkschaft fordert mehr Transparenz bei den Vertr\xC3\xA4gen";
  const std::string body =
      "Die Gewerkschaft sieht Handlungsbedarf bei sogenannten All-in-Vertr\xC3\xA4gen, "
      "die f\xC3\xBCr Arbeitnehmer oft nur auf den ersten Blick von Vorteil sind.";
  CHECK(TextLanguage("", title, "", body) == "de");
  CHECK(TextLanguage("EN-gb", title, "", body) == "en");
  CHECK(TextLanguage("", "XYZ CORP 3RD QTR", "", "") == kDefaultLanguage);
}

TEST_CASE("Stop words are per language") {
  CHECK(IsStopWord("the", "en"));
  CHECK(IsStopWord("die", "de"));
  CHECK(IsStopWord("f\xC3\xBCr", "de"));
  CHECK_FALSE(IsStopWord("die", "en"));
  CHECK_FALSE(IsStopWord("war", "de"));  // also an English content word
  CHECK_FALSE(IsStopWord("the", "ja"));
  CHECK(IsStopWord("the", ""));  // default language
}

}  // namespace
}  // namespace gazette::indexer
