// The Cranfield converter on a small collection in SMART format.
#include "eval/cranfield.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::eval {
namespace {

using testing::TempDir;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr char kDocs[] =
    ".I 1\n.T\nexperimental investigation of a\nwing in a slipstream .\n.A\nbrenckman,m.\n"
    ".B\nj. ae. scs. 25, 1958, 324.\n.W\nexperimental investigation of a\nwing .\n"
    "  a *starred* /destalling/ effect, 4. less <than> 5 -dash_x .\n"
    ".I 2\n.T\n.A\n.B\n.W\n"
    ".I 3\n.T\nsimple shear flow\n.A\n.B\n.W\nsimple shear flow past a flat plate .\n";
constexpr char kQueries[] =
    ".I 001\n.W\nwhat similarity laws must be obeyed\nwhen constructing models .\n"
    ".I 002\n.W\nshear flow .\n"
    ".I 004\n.W\nslipstream wings .\n";

TEST_CASE("Cranfield codes become grades: 1..4 -> 4..1, -1 -> 0") {
  CHECK(CranfieldGrade(1) == 4);
  CHECK(CranfieldGrade(2) == 3);
  CHECK(CranfieldGrade(3) == 2);
  CHECK(CranfieldGrade(4) == 1);
  CHECK(CranfieldGrade(-1) == 0);
  CHECK(CranfieldGrade(5) == -1);
  CHECK(CranfieldGrade(0) == -1);
}

TEST_CASE("convert-cranfield: articles by .I number, queries by position, graded qrels") {
  TempDir dir;
  dir.Write("src/cran.all.1400", kDocs);
  dir.Write("src/cran.qry", kQueries);
  // Query 3 is the third in the file (.I 004).
  dir.Write("src/cranqrel", "1 1 2\n2 3 1\n3 1 4\n3 2 -1\n");
  auto counts = ConvertCranfield(dir.Sub("src"), dir.Sub("out"));
  REQUIRE(counts.ok());
  CHECK(counts->documents == 2);
  CHECK(counts->empty == 1);
  CHECK(counts->queries == 3);
  CHECK(counts->judgments == 4);

  CHECK(Slurp(dir.Sub("out/queries.tsv")) ==
        "1\twhat similarity laws must be obeyed when constructing models .\n"
        "2\tshear flow .\n"
        "3\tslipstream wings .\n");
  CHECK(Slurp(dir.Sub("out/qrels.txt")) == "1 0 1 3\n2 0 3 4\n3 0 1 1\n3 0 2 0\n");

  std::istringstream lines(Slurp(dir.Sub("out/cranfield.jsonl")));
  std::vector<std::string> records;
  for (std::string line; std::getline(lines, line);) records.push_back(line);
  REQUIRE(records.size() == 2);
  auto first = nlohmann::json::parse(records[0]);
  CHECK(first["id"] == "1");
  CHECK(first["title"] == "experimental investigation of a wing in a slipstream .");
  // The body reads back as the text it was, not as Markdown markup.
  std::vector<corpus::Diagnostic> warnings;
  auto article = corpus::ParseJsonLine(records[0], "cranfield.jsonl", 1, &warnings);
  REQUIRE(article.ok());
  CHECK(article->body ==
        "experimental investigation of a wing . a *starred* /destalling/ effect, 4. less "
        "<than> 5 -dash_x .");
  CHECK(warnings.empty());
  CHECK(nlohmann::json::parse(records[1])["id"] == "3");
}

TEST_CASE("convert-cranfield: malformed input names file and line") {
  TempDir dir;
  dir.Write("src/cran.all.1400", kDocs);
  dir.Write("src/cran.qry", kQueries);
  dir.Write("src/cranqrel", "1 1 2\n4 1 2\n");
  auto unknown_query = ConvertCranfield(dir.Sub("src"), dir.Sub("out"));
  REQUIRE(!unknown_query.ok());
  CHECK(unknown_query.status().message() ==
        dir.Sub("src/cranqrel") + ":2: query 4 is not one of the 3 queries");
  dir.Write("src/cranqrel", "1 9 2\n");
  auto unknown_doc = ConvertCranfield(dir.Sub("src"), dir.Sub("out"));
  REQUIRE(!unknown_doc.ok());
  CHECK(unknown_doc.status().message().find("cranqrel:1: unknown document 9") != std::string::npos);
  dir.Write("src/cranqrel", "1 1 5\n");
  auto code = ConvertCranfield(dir.Sub("src"), dir.Sub("out"));
  REQUIRE(!code.ok());
  CHECK(code.status().message().find("cranqrel:1: relevance code 5") != std::string::npos);
  dir.Write("src/cran.qry", "stray text\n.I 1\n.W\nq\n");
  auto stray = ConvertCranfield(dir.Sub("src"), dir.Sub("out"));
  REQUIRE(!stray.ok());
  CHECK(stray.status().message().find("cran.qry:1: text outside a field") != std::string::npos);
  auto absent = ConvertCranfield(dir.Sub("nowhere"), dir.Sub("out"));
  REQUIRE(!absent.ok());
  CHECK(absent.status().code() == StatusCode::kIoError);
}

}  // namespace
}  // namespace gazette::eval
