// The query language: rewriting through the Analyzer, scopes, and error fallback.
#include "query/plan/query_parser.h"

#include <catch2/catch.hpp>

#include "indexer/document.h"

namespace gazette::query {
namespace {

struct Fixture {
  indexer::Analyzer analyzer;
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  QueryParser parser{&analyzer, db};
};

TEST_CASE("Rewrite puts words in the Analyzer's form and keeps the syntax") {
  Fixture f;
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Meta\xE2\x80\x99s PyTorch", "metas pytorch"},
      {"Meta's PyTorch", "metas pytorch"},
      {"\"U.S. economy\"", "\"u-s economy\""},
      {"cocoa AND (coffee OR tea)", "cocoa AND (coffee OR tea)"},
      {"cocoa and tea", "cocoa and tea"},
      {"+cocoa -coffee", "+cocoa -coffee"},
      {"title:PyTorch", "title:pytorch"},
      {"title:\"Linux Foundation\"", "title:\"linux foundation\""},
      {"pyto*", "pyto*"},
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"},
      {"  spaced   out  ", "spaced out"},
      {"!!! ???", ""},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(f.parser.Rewrite(row.in) == row.out);
  }
}

TEST_CASE("Boolean scopes become filters and exclusions") {
  Fixture f;
  ParsedQuery p = f.parser.Parse("pytorch topic:AI -provider:\"Ars Technica\" lang:EN");
  CHECK_FALSE(p.text.empty());
  REQUIRE_FALSE(p.filter.empty());
  REQUIRE_FALSE(p.exclude.empty());
  const std::string filter = p.filter.get_description();
  CHECK(filter.find("Kai") != std::string::npos);
  CHECK(filter.find("Len") != std::string::npos);
  CHECK(p.exclude.get_description().find("XPars technica") != std::string::npos);
  CHECK(p.scopes["topic"] == std::vector<std::string>{"ai"});
  CHECK(p.rewritten == "pytorch");
}

TEST_CASE("Scopes alone leave no scored text") {
  Fixture f;
  ParsedQuery p = f.parser.Parse("topic:\"machine learning\"");
  CHECK(p.text.empty());
  CHECK(p.filter.get_description().find("Kmachine learning") != std::string::npos);
}

TEST_CASE("Date ranges in the query box filter on the publication date") {
  Fixture f;
  ParsedQuery p = f.parser.Parse("published:2022-01-01..2022-09-30 pytorch");
  CHECK(p.filter.get_description().find("VALUE_RANGE") != std::string::npos);
  ParsedQuery bad = f.parser.Parse("published:2022-13-45 pytorch");
  CHECK(bad.filter.empty());
  REQUIRE(bad.notices.size() == 1);
  CHECK(bad.notices[0].find("published:2022-13-45") != std::string::npos);
}

TEST_CASE("Syntax errors fall back to plain terms with a notice") {
  Fixture f;
  for (const char* text : {"AND", "cocoa AND", "\"unbalanced quote", "((cocoa", "NOT"}) {
    INFO(text);
    ParsedQuery p = f.parser.Parse(text);
    // Never throws; a text with a real word always keeps it.
    if (std::string(text).find("cocoa") != std::string::npos) {
      CHECK(p.text.get_description().find("cocoa") != std::string::npos);
    }
  }
  ParsedQuery lone_and = f.parser.Parse("cocoa AND");
  CHECK_FALSE(lone_and.notices.empty());
}

TEST_CASE("Phrases keep their words in order and stems match the index") {
  Fixture f;
  ParsedQuery p = f.parser.Parse("\"linux foundations\"");
  const std::string d = p.text.get_description();
  CHECK(d.find("PHRASE") != std::string::npos);
  CHECK(d.find("foundat") != std::string::npos);
}

}  // namespace
}  // namespace gazette::query
