// Query files and judgments in the formats IR collections ship.
#include <catch2/catch.hpp>

#include "eval/eval.h"
#include "tests/support/test_support.h"

namespace gazette::eval {
namespace {

using testing::TempDir;

TEST_CASE("queries: TSV and BEIR queries.jsonl") {
  TempDir dir;
  auto tsv = ReadQueries(dir.Write("q.tsv", "1\tcocoa prices\r\n\n2\tbuffer\tstock\n"));
  REQUIRE(tsv.ok());
  REQUIRE(tsv->size() == 2);
  CHECK((*tsv)[0].id == "1");
  CHECK((*tsv)[0].text == "cocoa prices");
  CHECK((*tsv)[1].text == "buffer\tstock");

  auto beir = ReadQueries(
      dir.Write("queries.jsonl",
                "{\"_id\": \"PLAIN-3\", \"text\": \"Do statins help?\", \"metadata\": {}}\n"
                "{\"_id\": 7, \"text\": \"fish oil\"}\n"));
  REQUIRE(beir.ok());
  REQUIRE(beir->size() == 2);
  CHECK((*beir)[0].id == "PLAIN-3");
  CHECK((*beir)[0].text == "Do statins help?");
  CHECK((*beir)[1].id == "7");
}

TEST_CASE("queries: errors name the file and line") {
  TempDir dir;
  auto missing_tab = ReadQueries(dir.Write("a.tsv", "1\tok\n2 no tab\n"));
  REQUIRE(!missing_tab.ok());
  CHECK(missing_tab.status().message() ==
        dir.Sub("a.tsv") + ":2: expected `query-id<TAB>query text`");
  auto repeated = ReadQueries(dir.Write("b.tsv", "1\tone\n1\tagain\n"));
  REQUIRE(!repeated.ok());
  CHECK(repeated.status().message().find("b.tsv:2: query id \"1\" repeated") != std::string::npos);
  auto bad_json = ReadQueries(dir.Write("c.jsonl", "{\"_id\": \"1\", \"text\": \"x\"}\n{oops\n"));
  REQUIRE(!bad_json.ok());
  CHECK(bad_json.status().message().find("c.jsonl:2: not a JSON object") != std::string::npos);
  auto no_text = ReadQueries(dir.Write("d.jsonl", "{\"_id\": \"1\"}\n"));
  REQUIRE(!no_text.ok());
  CHECK(no_text.status().message().find("d.jsonl:1: \"text\"") != std::string::npos);
  auto absent = ReadQueries(dir.Sub("none.tsv"));
  REQUIRE(!absent.ok());
  CHECK(absent.status().code() == StatusCode::kIoError);
}

TEST_CASE("qrels: TREC and BEIR TSV with its header") {
  TempDir dir;
  auto trec = ReadQrels(dir.Write("qrels.txt", "1 0 184 4\n1 0 29 0\n2\t0\t12\t-1\n"));
  REQUIRE(trec.ok());
  CHECK(trec->at("1").at("184") == 4);
  CHECK(trec->at("1").at("29") == 0);
  CHECK(trec->at("2").at("12") == -1);

  auto beir =
      ReadQrels(dir.Write("test.tsv", "query-id\tcorpus-id\tscore\nq1\tdoc 1\t2\nq1\td2\t1\n"));
  REQUIRE(beir.ok());
  CHECK(beir->at("q1").size() == 2);
  CHECK(beir->at("q1").at("doc 1") == 2);
}

TEST_CASE("qrels: errors name the file and line") {
  TempDir dir;
  auto columns = ReadQrels(dir.Write("a.txt", "1 0 184 4\n1 184\n"));
  REQUIRE(!columns.ok());
  CHECK(columns.status().message().find("a.txt:2: expected") != std::string::npos);
  auto grade = ReadQrels(dir.Write("b.txt", "1 0 184 high\n"));
  REQUIRE(!grade.ok());
  CHECK(grade.status().message().find("b.txt:1: grade \"high\" is not a whole number") !=
        std::string::npos);
  auto twice = ReadQrels(dir.Write("c.txt", "1 0 184 4\n1 0 184 3\n"));
  REQUIRE(!twice.ok());
  CHECK(twice.status().message().find("c.txt:2: query 1 judges document 184 twice") !=
        std::string::npos);
  auto empty = ReadQrels(dir.Write("d.txt", "\n"));
  REQUIRE(!empty.ok());
  CHECK(empty.status().message().find("no judgments") != std::string::npos);
}

}  // namespace
}  // namespace gazette::eval
