// Field mapping on import (JSON Lines, front matter, CSV records) and unknown fields.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

ReadOptions Mapped(const std::string& spec) {
  ReadOptions options;
  auto map = FieldMap::Parse(spec);
  REQUIRE(map.ok());
  options.fields = *map;
  return options;
}

TEST_CASE("mapping: {_id, title, text} records keep their text and their id") {
  const std::string record = R"({"_id": "doc-7", "title": "Cocoa", "text": "Cocoa *rose*."})";
  std::vector<Diagnostic> warnings;
  auto mapped = ParseJsonLine(record, "c.jsonl", 3, &warnings, Mapped("id=_id,body=text"));
  REQUIRE(mapped.ok());
  CHECK(mapped->id == "doc-7");
  CHECK(mapped->body == "Cocoa rose.");
  CHECK(warnings.empty());

  // Without the mapping both fields are named in warnings, never dropped silently.
  warnings.clear();
  auto plain = ParseJsonLine(record, "c.jsonl", 3, &warnings);
  REQUIRE(plain.ok());
  CHECK(plain->id.empty());
  CHECK(plain->body.empty());
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].line == 0);
  CHECK(warnings[0].message.rfind("field \"_id\" is neither mapped nor known", 0) == 0);
  CHECK(warnings[1].message.rfind("field \"text\" is neither mapped nor known", 0) == 0);
}

TEST_CASE("mapping: nested paths, dotted keys, displaced fields, provider names, numeric ids") {
  const std::string record =
      R"({"uid": 184, "meta": {"headline": "Wing flutter", "when": "2024-01-02",)"
      R"( "site": {"name": "Wire"}}, "content": {"text": "Flutter tests."},)"
      R"( "a.b": "literal", "body": "not this", "source": "Reuters"})";
  std::vector<Diagnostic> warnings;
  auto a = ParseJsonLine(record, "n.jsonl", 1, &warnings,
                         Mapped("id=uid,title=meta.headline,date=meta.when,body=content.text,"
                                "excerpt=a.b,provider=source"));
  INFO(a.status().message());
  REQUIRE(a.ok());
  CHECK(a->id == "184");
  CHECK(a->title == "Wing flutter");
  CHECK(a->published_at.has_value());
  CHECK(a->body == "Flutter tests.");
  CHECK(a->excerpt == "literal");
  CHECK(a->provider.name == "Reuters");
  // "body" is read from content.text, so the record's own "body" is reported.
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.rfind("field \"body\" is neither mapped nor known", 0) == 0);
}

TEST_CASE("mapping: errors name the source field and its line") {
  std::vector<Diagnostic> warnings;
  auto bad = ParseJsonLine(R"({"headline": "T", "score": "high"})", "b.jsonl", 9, &warnings,
                           Mapped("title=headline,quality=score"));
  REQUIRE(!bad.ok());
  CHECK(bad.problem().ToString() ==
        "b.jsonl:9: score: expected a whole number from 0 to 100, got \"high\"");
  auto no_title =
      ParseJsonLine(R"({"title": "T"})", "b.jsonl", 10, &warnings, Mapped("title=meta.headline"));
  REQUIRE(!no_title.ok());
  CHECK(no_title.problem().message == "missing title: every article needs one");

  const std::string front_matter = "---\nheadline: Cocoa\nuid: 5\nscore: high\n---\nBody\n";
  auto yaml =
      ParseMarkdown(front_matter, "a.md", &warnings, Mapped("title=headline,quality=score"));
  REQUIRE(!yaml.ok());
  CHECK(yaml.problem().ToString() ==
        "a.md:4: score: expected a whole number from 0 to 100, got \"high\"");
}

TEST_CASE("mapping: Markdown front matter fields") {
  std::vector<Diagnostic> warnings;
  auto a = ParseMarkdown("---\nheadline: Cocoa\nuid: x-5\nlink: https://x.example/5\n---\nBody\n",
                         "a.md", &warnings, Mapped("title=headline,id=uid,url=link"));
  REQUIRE(a.ok());
  CHECK(a->title == "Cocoa");
  CHECK(a->id == "x-5");
  CHECK(a->web_url == "https://x.example/5");
  CHECK(a->body == "Body");
  CHECK(warnings.empty());
}

TEST_CASE("CSV records: text values, quoted commas and line breaks, problems by line") {
  const std::string csv =
      "id,headline,text,quality,tags,published,extra\n"
      "a1,Cocoa prices,\"Cocoa rose, then fell.\nA second line.\",70,\"cocoa; markets|ivory "
      "coast\",true,x\n"
      "a2,Bad row,\"unterminated \"quote\"\" here\" oops,10,,,\n"
      "a3,Short row\n"
      "a4,Wing flutter,Flutter tests.,,,false,\n";
  std::string records;
  std::vector<Diagnostic> problems, warnings;
  Diagnostic failure;
  const ReadOptions options = Mapped("title=headline,body=text,topics=tags");
  auto lines = ReadCsvRecords(csv, "n.csv", options, &records, &problems, &warnings, &failure);
  REQUIRE(lines);
  REQUIRE(lines->size() == 2);
  CHECK((*lines)[0].line == 2);
  CHECK((*lines)[1].line == 6);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].ToString() == "n.csv:4: column 27: text after a closing quote");
  CHECK(problems[1].ToString() == "n.csv:5: column 1: 2 fields, the header has 7");
  CHECK(warnings.empty());

  auto a = ParseCsvRecord((*lines)[0].bytes, "n.csv", (*lines)[0].line, &warnings, options);
  INFO(a.status().message());
  REQUIRE(a.ok());
  CHECK(a->id == "a1");
  CHECK(a->title == "Cocoa prices");
  CHECK(a->body == "Cocoa rose, then fell. A second line.");  // Markdown: one paragraph
  CHECK(a->quality == 70);
  CHECK(a->topics == std::vector<std::string>{"cocoa", "markets", "ivory coast"});
  CHECK(a->published == true);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.rfind("field \"extra\" is neither mapped nor known", 0) == 0);
  auto b = ParseCsvRecord((*lines)[1].bytes, "n.csv", (*lines)[1].line, &warnings, options);
  REQUIRE(b.ok());
  CHECK(b->published == false);
  CHECK_FALSE(b->quality.has_value());
}

TEST_CASE("CSV records: a file that cannot be read names line and column") {
  std::string records;
  std::vector<Diagnostic> problems, warnings;
  Diagnostic failure;
  CHECK_FALSE(ReadCsvRecords("id,title\n1,\"open\n", "u.csv", {}, &records, &problems, &warnings,
                             &failure));
  CHECK(failure.ToString() == "u.csv:2: column 3: quoted field never closes");
  CHECK_FALSE(ReadCsvRecords("", "e.csv", {}, &records, &problems, &warnings, &failure));
  CHECK(failure.ToString() == "e.csv:1: column 1: no header row");
}

TEST_CASE("ForEachArticle reads each format, CSV rows and their problems included") {
  std::vector<Diagnostic> warnings;
  std::vector<std::string> seen;
  auto collect = [&](const ArticleResult& a) {
    seen.push_back(a.ok() ? a->title : "error: " + a.problem().ToString());
    return true;
  };
  InputFile csv{"t.csv", "t.csv", InputFormat::kCsv, 0};
  ForEachArticle(csv, "title,body\nOne,a\nTwo,\"b\" x\nThree,c\n", {}, collect, &warnings);
  CHECK(seen == std::vector<std::string>{"error: t.csv:3: column 8: text after a closing quote",
                                         "One", "Three"});
  seen.clear();
  InputFile jsonl{"t.jsonl", "t.jsonl", InputFormat::kJsonLines, 0};
  ForEachArticle(jsonl, "{\"title\": \"A\"}\n{\"title\": \"B\"}\n", {}, collect, &warnings);
  CHECK(seen == std::vector<std::string>{"A", "B"});
  seen.clear();
  InputFile md{"t.md", "t.md", InputFormat::kMarkdown, 0};
  ForEachArticle(md, "---\ntitle: M\n---\nText\n", {}, collect, &warnings);
  CHECK(seen == std::vector<std::string>{"M"});
  CHECK(warnings.empty());
}

}  // namespace
}  // namespace gazette::corpus
