// Importing corpora laid out by others through the gazette binary: --map and
// index.fields on JSON Lines and CSV, and files in legacy encodings.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/legacy_encoding.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

using testing::CommandOutput;
using testing::RunGazette;
using testing::ShellQuote;
using testing::TempDir;

// The ids of the hits of `query`, in order.
std::vector<std::string> HitIds(const std::string& db, const std::string& query) {
  CommandOutput search =
      RunGazette("--db " + ShellQuote(db) + " search --json -- " + ShellQuote(query));
  REQUIRE(search.status == 0);
  const auto response = nlohmann::json::parse(search.out);
  std::vector<std::string> ids;
  for (const auto& hit : response["hits"]) ids.push_back(hit["id"]);
  return ids;
}

std::vector<std::string> Messages(const nlohmann::json& list, const char* key) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item[key]);
  return out;
}

TEST_CASE("index --map: {_id, title, text} records are found by their text under their own id") {
  TempDir dir;
  const std::string file = dir.Write(
      "beir/corpus.jsonl",
      "{\"_id\": \"MED-10\", \"title\": \"Statins\", \"text\": \"Statins lower cholesterol.\"}\n"
      "{\"_id\": \"MED-11\", \"title\": \"Fish oil\", \"text\": \"Omega-3 and the heart.\"}\n");
  const std::string db = dir.Sub("db");
  CommandOutput plain = RunGazette("--db " + ShellQuote(db) + " index --json " + ShellQuote(file));
  REQUIRE(plain.status == 0);
  // Unmapped, both fields are named once for the file, not once per record.
  const auto warnings = Messages(nlohmann::json::parse(plain.out)["warnings"], "message");
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("\"_id\" is neither mapped nor known") != std::string::npos);
  CHECK(warnings[1].find("\"text\" is neither mapped nor known") != std::string::npos);
  CHECK(HitIds(db, "cholesterol").empty());

  CommandOutput mapped = RunGazette("--db " + ShellQuote(db) +
                                    " index --json --map id=_id,body=text " + ShellQuote(file));
  REQUIRE(mapped.status == 0);
  CHECK(nlohmann::json::parse(mapped.out)["warnings"].empty());
  CHECK(nlohmann::json::parse(mapped.out)["documents"] == 2);  // the unmapped ids replaced
  CHECK(HitIds(db, "cholesterol") == std::vector<std::string>{"MED-10"});
  CHECK(HitIds(db, "omega") == std::vector<std::string>{"MED-11"});

  CHECK(
      RunGazette("--db " + ShellQuote(db) + " index --map author=by " + ShellQuote(file)).status ==
      2);
  CHECK(RunGazette("--db " + ShellQuote(db) + " index --map body " + ShellQuote(file)).status == 2);
}

TEST_CASE("index.fields maps CSV columns - rows that cannot be read are named by line") {
  TempDir dir;
  const std::string config = dir.Write("gazette.yaml",
                                       "index:\n"
                                       "  fields:\n"
                                       "    id: article_id\n"
                                       "    title: headline\n"
                                       "    body: content\n"
                                       "    topics: tags\n"
                                       "    date: published_at\n");
  const std::string csv = dir.Write(
      "news/articles.csv",
      "article_id,headline,content,tags,published_at\r\n"
      "n-1,Cocoa prices climb,\"Cocoa rose, traders said.\r\nIvory Coast crops\",cocoa;crops,"
      "2024-05-01\r\n"
      "n-2,Broken,\"quote\" trailing,x,2024-05-02\r\n"
      "n-3,Wing flutter tests,\"Flutter, \"\"buffeting\"\" and drag\",aero,2024-05-03\r\n");
  const std::string db = dir.Sub("db");
  CommandOutput index = RunGazette("--config " + ShellQuote(config) + " --db " + ShellQuote(db) +
                                   " index --json " + ShellQuote(csv));
  CHECK(index.status == 3);  // one row skipped
  const auto summary = nlohmann::json::parse(index.out);
  CHECK(summary["indexed"] == 2);
  REQUIRE(summary["skipped"].size() == 1);
  CHECK(summary["skipped"][0]["line"] == 4);
  CHECK(summary["skipped"][0]["reason"] == "column 19: text after a closing quote");
  CHECK(HitIds(db, "ivory") == std::vector<std::string>{"n-1"});
  CHECK(HitIds(db, "buffeting") == std::vector<std::string>{"n-3"});
  CommandOutput topic = RunGazette("--db " + ShellQuote(db) + " search --json --topic crops");
  REQUIRE(topic.status == 0);
  CHECK(nlohmann::json::parse(topic.out)["total"] == 1);

  dir.Write("bad.yaml", "index:\n  fields:\n    author: by\n");
  CHECK(RunGazette("--config " + ShellQuote(dir.Sub("bad.yaml")) + " --db " + ShellQuote(db) +
                   " index " + ShellQuote(csv))
            .status == 2);
}

using testing::Encode;

struct Legacy {
  const char* encoding;
  const char* file;
  const char* title;
  const char* body;
  const char* word;  // searched for
};

const Legacy kLegacy[] = {
    {"GB18030", "gb.md", "北京地铁新线路年底开通",
     "北京是中华人民共和国的首都，也是全国的政治、文化和国际交往中心。今天上午，北京市政府召开"
     "新闻发布会，介绍了今年城市交通建设的最新进展。记者了解到，北京地铁新线路将于年底开通运营。",
     "北京"},
    {"Big5", "big5.md", "臺北捷運新路線明年通車",
     "臺北市政府今天宣布，新的捷運路線將在明年正式通車。市長表示，這項建設將大幅改善市民的交通"
     "狀況，並促進地方經濟發展。許多民眾對此表示歡迎，希望工程能夠如期完成。",
     "捷運"},
    {"Shift_JIS", "sjis.md", "東京の地下鉄に新路線",
     "東京都は今日、新しい地下鉄の路線を来年開業すると発表しました。知事は、この事業によって"
     "市民の交通の便が大きく改善され、地域経済の発展にもつながると述べました。",
     "地下鉄"},
    {"EUC-KR", "euckr.md", "서울 지하철 새 노선 개통",
     "서울시는 오늘 새로운 지하철 노선을 내년에 개통한다고 발표했습니다. 시장은 이번 사업이 "
     "시민들의 교통 편의를 크게 개선하고 지역 경제 발전에 도움이 될 것이라고 말했습니다.",
     "지하철"},
};

TEST_CASE("legacy encodings: GB18030, Big5, Shift_JIS and EUC-KR files are detected and found") {
  TempDir dir;
  for (const Legacy& l : kLegacy) {
    dir.Write(std::string("legacy/") + l.file,
              Encode(testing::MarkdownArticle(l.title, l.body), l.encoding));
  }
  const std::string db = dir.Sub("db");
  CommandOutput index =
      RunGazette("--db " + ShellQuote(db) + " index --json " + ShellQuote(dir.Sub("legacy")));
  REQUIRE(index.status == 0);
  const auto summary = nlohmann::json::parse(index.out);
  CHECK(summary["indexed"] == 4);
  for (const Legacy& l : kLegacy) {
    INFO(l.encoding);
    bool warned = false;
    for (const auto& w : summary["warnings"]) {
      const std::string path = w["path"];
      const std::string message = w["message"];
      if (path.find(l.file) == std::string::npos) continue;
      warned = message.rfind(std::string("not valid UTF-8; decoded as ") + l.encoding +
                                 " (detected, confidence ",
                             0) == 0;
    }
    CHECK(warned);
    const auto ids = HitIds(db, l.word);
    REQUIRE(ids.size() == 1);
    CHECK(ids[0].find(l.file) != std::string::npos);
  }
}

TEST_CASE("index --encoding: a declared encoding is used and named - an unknown one exits 2") {
  TempDir dir;
  const std::string file = dir.Write(
      "big5.md",
      Encode(testing::MarkdownArticle(kLegacy[1].title, kLegacy[1].body), kLegacy[1].encoding));
  const std::string db = dir.Sub("db");
  CommandOutput index =
      RunGazette("--db " + ShellQuote(db) + " index --json --encoding Big5 " + ShellQuote(file));
  REQUIRE(index.status == 0);
  const auto warnings = nlohmann::json::parse(index.out)["warnings"];
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]["message"] == "not valid UTF-8; decoded as Big5 (declared)");
  CHECK(HitIds(db, "捷運").size() == 1);
  CHECK(RunGazette("--db " + ShellQuote(db) + " index --encoding klingon-8 " + ShellQuote(file))
            .status == 2);
}

}  // namespace
}  // namespace gazette
