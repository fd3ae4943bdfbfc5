// Cranfield end to end through the gazette binary: convert, index, eval; eval's scores
// recomputed from the run file it wrote.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/support/test_support.h"

namespace gazette {
namespace {

using testing::CommandOutput;
using testing::RunGazette;
using testing::ShellQuote;
using testing::TempDir;

std::vector<std::vector<std::string>> Rows(const std::string& path, char separator) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream s(line);
    for (std::string f; std::getline(s, f, separator);) {
      if (!f.empty() || separator == '\t') fields.push_back(f);
    }
    rows.push_back(fields);
  }
  return rows;
}

// A run file line.
struct RunLine {
  std::string docid;
  int rank = 0;
  double score = 0;
};

// nDCG@10, AP@100, R@100 and P@10 of one query from a run file's lines (in rank order)
// and its judgments, written out from the definitions.
std::vector<double> Recompute(const std::vector<RunLine>& lines,
                              const std::map<std::string, int>& grades) {
  std::vector<int> ideal;
  for (const auto& [doc, grade] : grades) {
    if (grade > 0) ideal.push_back(grade);
  }
  if (ideal.empty()) return {0, 0, 0, 0};
  std::sort(ideal.rbegin(), ideal.rend());
  double dcg = 0, idcg = 0, precisions = 0;
  int hits_100 = 0, hits_10 = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += ideal[i] / std::log2(i + 2.0);
  for (const RunLine& line : lines) {
    auto it = grades.find(line.docid);
    const int grade = it == grades.end() ? 0 : it->second;
    if (grade <= 0) continue;
    if (line.rank <= 10) dcg += grade / std::log2(line.rank + 1.0), ++hits_10;
    if (line.rank <= 100) precisions += static_cast<double>(++hits_100) / line.rank;
  }
  const double relevant = static_cast<double>(ideal.size());
  return {dcg / idcg, precisions / relevant, hits_100 / relevant, hits_10 / 10.0};
}

// Runs eval with `extra` flags and checks its per-query and mean scores against the
// ones recomputed from the run file it wrote; returns the JSON scores.
nlohmann::json EvalAndRecompute(const TempDir& dir, const std::string& queries,
                                const std::string& qrels, const std::string& extra) {
  const std::string run = dir.Sub("run.txt");
  CommandOutput eval = RunGazette("--db " + ShellQuote(dir.Sub("db")) + " eval --json --queries " +
                                  ShellQuote(queries) + " --qrels " + ShellQuote(qrels) +
                                  " --run " + ShellQuote(run) + " " + extra);
  REQUIRE(eval.status == 0);
  const nlohmann::json scores = nlohmann::json::parse(eval.out);

  std::map<std::string, std::map<std::string, int>> grades;
  for (const auto& row : Rows(qrels, ' ')) grades[row[0]][row[2]] = std::stoi(row[3]);
  std::map<std::string, std::vector<RunLine>> lines;
  for (const auto& row : Rows(run, ' ')) {
    REQUIRE(row.size() == 6);
    CHECK(row[1] == "Q0");
    CHECK(row[5] == "gazette");
    std::vector<RunLine>& ranked = lines[row[0]];
    ranked.push_back({row[2], std::stoi(row[3]), std::stod(row[4])});
    // Ranks count from 1 with scores never rising, ties in descending id order.
    CHECK(ranked.back().rank == static_cast<int>(ranked.size()));
    if (ranked.size() > 1) {
      const RunLine& before = ranked[ranked.size() - 2];
      CHECK(before.score >= ranked.back().score);
      if (before.score == ranked.back().score) CHECK(before.docid > ranked.back().docid);
    }
  }
  double sums[4] = {0, 0, 0, 0};
  for (const auto& q : scores["per_query"]) {
    const std::string qid = q["qid"];
    CHECK(q["retrieved"] == lines[qid].size());
    const std::vector<double> expected = Recompute(lines[qid], grades[qid]);
    CHECK(q["ndcg_10"].get<double>() == Approx(expected[0]).margin(1e-12));
    CHECK(q["ap_100"].get<double>() == Approx(expected[1]).margin(1e-12));
    CHECK(q["recall_100"].get<double>() == Approx(expected[2]).margin(1e-12));
    CHECK(q["p_10"].get<double>() == Approx(expected[3]).margin(1e-12));
    for (int i = 0; i < 4; ++i) sums[i] += expected[i];
  }
  const double n = static_cast<double>(scores["per_query"].size());
  CHECK(scores["ndcg_10"].get<double>() == Approx(sums[0] / n));
  CHECK(scores["map_100"].get<double>() == Approx(sums[1] / n));
  CHECK(scores["recall_100"].get<double>() == Approx(sums[2] / n));
  CHECK(scores["p_10"].get<double>() == Approx(sums[3] / n));
  return scores;
}

TEST_CASE("Cranfield: convert, index and eval - scores match the run file it wrote") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty() || !std::filesystem::is_directory(corpora + "/cranfield")) {
    std::cout << "SKIPPED: ../shared/corpora/cranfield is absent\n";
    return;
  }
  const std::string source = corpora + "/cranfield";
  TempDir dir;
  CommandOutput converted = RunGazette("eval convert-cranfield " + ShellQuote(source) + " " +
                                       ShellQuote(dir.Sub("cran")));
  REQUIRE(converted.status == 0);

  // Every query in cran.qry, every judgment in cranqrel, by position.
  int query_records = 0;
  for (const auto& row : Rows(source + "/cran.qry", ' ')) {
    query_records += !row.empty() && row[0] == ".I";
  }
  const auto judgments = Rows(source + "/cranqrel", ' ');
  const auto queries = Rows(dir.Sub("cran/queries.tsv"), '\t');
  const auto qrels = Rows(dir.Sub("cran/qrels.txt"), ' ');
  REQUIRE(static_cast<int>(queries.size()) == query_records);
  REQUIRE(qrels.size() == judgments.size());
  for (std::size_t i = 0; i < qrels.size(); ++i) {
    CHECK(qrels[i][0] == judgments[i][0]);
    CHECK(qrels[i][2] == judgments[i][1]);
    const int code = std::stoi(judgments[i][2]);
    CHECK(std::stoi(qrels[i][3]) == (code == -1 ? 0 : 5 - code));
  }

  std::set<std::string> ids;
  std::vector<std::pair<std::string, std::string>> titles;  // id, title
  {
    std::ifstream in(dir.Sub("cran/cranfield.jsonl"));
    for (std::string line; std::getline(in, line);) {
      const auto article = nlohmann::json::parse(line);
      ids.insert(article["id"].get<std::string>());
      titles.emplace_back(article["id"], article["title"]);
    }
  }
  CommandOutput indexed = RunGazette("--db " + ShellQuote(dir.Sub("db")) + " index --json " +
                                     ShellQuote(dir.Sub("cran/cranfield.jsonl")));
  REQUIRE(indexed.status == 0);
  CHECK(nlohmann::json::parse(indexed.out)["indexed"] == ids.size());

  SECTION("the Cranfield queries as typed") {
    const nlohmann::json scores = EvalAndRecompute(
        dir, dir.Sub("cran/queries.tsv"), dir.Sub("cran/qrels.txt"), "--no-recency --no-quality");
    CHECK(scores["queries"] == queries.size());
    CHECK(scores["unjudged"] == 0);
    // The run file holds every hit gazette search returns, by the hit's id.
    std::multiset<std::string> run_ids;
    std::map<std::string, int> per_query;
    for (const auto& row : Rows(dir.Sub("run.txt"), ' '))
      run_ids.insert(row[2]), ++per_query[row[0]];
    for (std::size_t i = 0; i < queries.size(); i += 15) {
      CommandOutput search = RunGazette("--db " + ShellQuote(dir.Sub("db")) +
                                        " search --json --per-page 100 --quality-weight 0 "
                                        "--recency-weight 0 -- " +
                                        ShellQuote(queries[i][1]));
      REQUIRE(search.status == 0);
      const auto response = nlohmann::json::parse(search.out);
      CHECK(per_query[queries[i][0]] == static_cast<int>(response["hits"].size()));
    }
    for (const std::string& id : run_ids) CHECK(ids.count(id) == 1);
  }

  SECTION("the queries' words joined by OR rank judged documents") {
    std::ofstream or_queries(dir.Sub("or.tsv"));
    for (const auto& q : queries) {
      std::string joined;
      std::istringstream words(q[1]);
      for (std::string w; words >> w;) {
        if (w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
        joined += (joined.empty() ? "" : " OR ") + w;
      }
      or_queries << q[0] << "\t" << joined << "\n";
    }
    or_queries.close();
    const nlohmann::json scores =
        EvalAndRecompute(dir, dir.Sub("or.tsv"), dir.Sub("cran/qrels.txt"), "");
    // Hits are named by Cranfield document numbers, so judged documents are found.
    CHECK(scores["recall_100"].get<double>() > 0);
    CHECK(scores["ndcg_10"].get<double>() > 0);
  }

  SECTION("each document's title finds it: hits' ids are the qrels' document ids") {
    std::ofstream known(dir.Sub("titles.tsv")), known_qrels(dir.Sub("titles.qrels"));
    for (std::size_t i = 0; i < titles.size(); i += 50) {
      known << "t" << i << "\t\"" << titles[i].second << "\"\n";
      known_qrels << "t" << i << " 0 " << titles[i].first << " 1\n";
    }
    known.close();
    known_qrels.close();
    const nlohmann::json scores =
        EvalAndRecompute(dir, dir.Sub("titles.tsv"), dir.Sub("titles.qrels"), "--no-recency");
    CHECK(scores["recall_100"].get<double>() == 1.0);
  }
}

TEST_CASE("eval --param passes search settings as the API reads them - bad ones exit 2") {
  TempDir dir;
  dir.Write("c/a.md", testing::MarkdownArticle("Cocoa prices climb", "Cocoa rose.",
                                               "webUrl: \"https://x.example/a\"\n"
                                               "topics: [cocoa]\n"));
  dir.Write("c/b.md", testing::MarkdownArticle("Cocoa crop fails", "Cocoa fell.",
                                               "webUrl: \"https://x.example/b\"\n"
                                               "topics: [crops]\n"));
  const std::string db = "--db " + ShellQuote(dir.Sub("db")) + " ";
  REQUIRE(RunGazette(db + "index " + ShellQuote(dir.Sub("c"))).status == 0);
  const std::string files = " --queries " + ShellQuote(dir.Write("q.tsv", "1\tcocoa\n")) +
                            " --qrels " +
                            ShellQuote(dir.Write("r.txt", "1 0 https://x.example/b 2\n"));

  CommandOutput all = RunGazette(db + "eval --json" + files);
  REQUIRE(all.status == 0);
  CHECK(nlohmann::json::parse(all.out)["per_query"][0]["retrieved"] == 2);
  CHECK(nlohmann::json::parse(all.out)["recall_100"] == 1.0);
  CommandOutput filtered = RunGazette(db + "eval --json --param topic=cocoa" + files);
  REQUIRE(filtered.status == 0);
  CHECK(nlohmann::json::parse(filtered.out)["per_query"][0]["retrieved"] == 1);
  CHECK(nlohmann::json::parse(filtered.out)["recall_100"] == 0.0);

  CHECK(RunGazette(db + "eval --param no_such_setting=1" + files).status == 2);
  CHECK(RunGazette(db + "eval --param q=other" + files).status == 2);
  CHECK(RunGazette(db + "eval --param topic" + files).status == 2);
  CHECK(RunGazette(db + "eval --queries " + ShellQuote(dir.Sub("absent.tsv")) + " --qrels " +
                   ShellQuote(dir.Sub("r.txt")))
            .status == 2);
  CHECK(RunGazette(db + "eval").status == 2);
}

}  // namespace
}  // namespace gazette
