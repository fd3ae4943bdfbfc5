// The RFC 4180 CSV parser: quoting, line ends, and errors with line and column.
#include "corpus/csv.h"

#include <catch2/catch.hpp>

namespace gazette::corpus {
namespace {

TEST_CASE("CSV: header, quoted commas, line breaks and doubled quotes") {
  auto table = ParseCsv(
      "\xEF\xBB\xBFid,title,text\r\n"
      "1,Plain,one line\r\n"
      "\r\n"
      "2,\"Commas, inside\",\"two\nlines with \"\"quotes\"\"\"\n"
      "3,,\"\"\n"
      "4,last,no newline",
      "a.csv");
  REQUIRE(table.ok());
  CHECK(table->header == std::vector<std::string>{"id", "title", "text"});
  REQUIRE(table->rows.size() == 4);
  CHECK(table->problems.empty());
  CHECK(table->rows[0].line == 2);
  CHECK(table->rows[0].fields[2] == "one line");
  CHECK(table->rows[1].line == 4);
  CHECK(table->rows[1].fields[1] == "Commas, inside");
  CHECK(table->rows[1].fields[2] == "two\nlines with \"quotes\"");
  CHECK(table->rows[2].line == 6);
  CHECK(table->rows[2].fields == std::vector<std::string>{"3", "", ""});
  CHECK(table->rows[3].line == 7);
  CHECK(table->rows[3].fields[2] == "no newline");
}

TEST_CASE("CSV: malformed rows are reported with line and column and left out") {
  auto table = ParseCsv(
      "id,title\n"
      "1,ok\n"
      "2,bad \"quote\n"
      "3,\"closed\" then text\n"
      "4,too,many\n"
      "5,fine\n",
      "b.csv");
  REQUIRE(table.ok());
  REQUIRE(table->rows.size() == 2);
  CHECK(table->rows[1].fields[0] == "5");
  REQUIRE(table->problems.size() == 3);
  CHECK(table->problems[0].line == 3);
  CHECK(table->problems[0].column == 7);
  CHECK(table->problems[0].message == "quote inside an unquoted field");
  CHECK(table->problems[1].line == 4);
  CHECK(table->problems[1].column == 11);
  CHECK(table->problems[1].message == "text after a closing quote");
  CHECK(table->problems[2].line == 5);
  CHECK(table->problems[2].message == "3 fields, the header has 2");
}

TEST_CASE("CSV: files that cannot be read name file, line and column") {
  auto unterminated = ParseCsv("id,title\n1,ok\n2,\"never\nclosed\n", "c.csv");
  REQUIRE(!unterminated.ok());
  CHECK(unterminated.status().message() == "c.csv:3:3: quoted field never closes");
  auto empty = ParseCsv("\n\n", "d.csv");
  REQUIRE(!empty.ok());
  CHECK(empty.status().message().find("d.csv:3:1: no header row") == 0);
  auto nameless = ParseCsv("id,,title\n", "e.csv");
  REQUIRE(!nameless.ok());
  CHECK(nameless.status().message() == "e.csv:1:1: header: column 2 has no name");
  auto repeated = ParseCsv("id,title,id\n", "f.csv");
  REQUIRE(!repeated.ok());
  CHECK(repeated.status().message() == "f.csv:1:1: header: \"id\" repeated");
}

}  // namespace
}  // namespace gazette::corpus
