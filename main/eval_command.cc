// `gazette eval`: judged queries through the search path, scored like trec_eval; and
// `gazette eval convert-cranfield`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "eval/cranfield.h"
#include "eval/eval.h"
#include "eval/stories.h"
#include "indexer/indexer.h"
#include "main/commands.h"
#include "web/request_parser.h"

namespace gazette {
namespace {

struct EvalArgs {
  std::string queries, qrels, run_path, tag = "gazette";
  std::vector<std::string> params;
  int depth = 100;
  bool no_recency = false, no_quality = false, per_query = false, json = false;
  std::string cranfield_source, cranfield_out;
  std::string truth;
  int pairs = 0;
};

// The request every query starts from: per-request settings as the API reads them.
query::SearchRequest BaseRequest(const Config& config, const EvalArgs& args) {
  web::QueryParams params;
  for (const std::string& p : args.params) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CLI::ValidationError("--param", "expected name=value, got \"" + p + "\"");
    }
    const std::string name = p.substr(0, eq);
    if (name == "q" || name == "page" || name == "per_page") {
      throw CLI::ValidationError("--param", name + " is set by eval (query text, --depth)");
    }
    params.emplace(name, p.substr(eq + 1));
  }
  auto request = web::ParseSearchRequest(params, config.ranking, config.limits);
  if (!request.ok()) throw CLI::ValidationError("--param", request.status().message());
  if (args.no_recency) request->ranking.recency = 0;
  if (args.no_quality) request->ranking.quality = 0;
  return *request;
}

void PrintSummary(const eval::Summary& s, bool per_query) {
  if (per_query) {
    std::printf("%-10s %5s %5s %8s %8s %8s %8s\n", "query", "rel", "ret", "nDCG@10", "AP@100",
                "R@100", "P@10");
    for (const eval::QueryScores& q : s.queries) {
      std::printf("%-10s %5d %5d %8.4f %8.4f %8.4f %8.4f\n", q.qid.c_str(), q.relevant, q.retrieved,
                  q.ndcg_10, q.ap_100, q.recall_100, q.p_10);
    }
    std::printf("\n");
  }
  std::printf("queries     %zu judged", s.queries.size());
  if (s.unjudged > 0) std::printf(", %d without judgments (not scored)", s.unjudged);
  std::printf("\nnDCG@10     %.4f\nMAP@100     %.4f\nRecall@100  %.4f\nP@10        %.4f\n",
              s.ndcg_10, s.map_100, s.recall_100, s.p_10);
}

nlohmann::json SummaryJson(const eval::Summary& s) {
  nlohmann::json out = {{"queries", s.queries.size()}, {"unjudged", s.unjudged},
                        {"ndcg_10", s.ndcg_10},        {"map_100", s.map_100},
                        {"recall_100", s.recall_100},  {"p_10", s.p_10}};
  out["per_query"] = nlohmann::json::array();
  for (const eval::QueryScores& q : s.queries) {
    out["per_query"].push_back({{"qid", q.qid},
                                {"relevant", q.relevant},
                                {"retrieved", q.retrieved},
                                {"ndcg_10", q.ndcg_10},
                                {"ap_100", q.ap_100},
                                {"recall_100", q.recall_100},
                                {"p_10", q.p_10}});
  }
  return out;
}

int RunEval(const Config& config, const EvalArgs& args) {
  const query::SearchRequest base = BaseRequest(config, args);
  auto queries = eval::ReadQueries(args.queries);
  if (!queries.ok()) {
    std::cerr << "gazette eval: " << queries.status().message() << "\n";
    return kExitUsage;
  }
  auto qrels = eval::ReadQrels(args.qrels);
  if (!qrels.ok()) {
    std::cerr << "gazette eval: " << qrels.status().message() << "\n";
    return kExitUsage;
  }
  auto searcher = query::Searcher::Open(config.db, config.limits);
  if (!searcher.ok()) {
    std::cerr << "gazette eval: " << searcher.status().message() << "\n";
    return kExitFatal;
  }
  auto run = eval::RunQueries(searcher->get(), *queries, base, args.depth);
  if (!run.ok()) {
    std::cerr << "gazette eval: " << run.status().message() << "\n";
    return run.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  if (!args.run_path.empty()) {
    std::ofstream out(args.run_path, std::ios::trunc);
    eval::WriteTrecRun(*queries, *run, args.tag, out);
    out.close();
    if (!out) {
      std::cerr << "gazette eval: " << args.run_path << ": cannot write the run file\n";
      return kExitFatal;
    }
  }
  const eval::Summary summary = eval::Evaluate(*queries, *run, *qrels);
  if (args.json) {
    std::cout << SummaryJson(summary).dump(2) << "\n";
  } else {
    PrintSummary(summary, args.per_query);
  }
  return kExitOk;
}

int RunConvertCranfield(const EvalArgs& args) {
  auto counts = eval::ConvertCranfield(args.cranfield_source, args.cranfield_out);
  if (!counts.ok()) {
    std::cerr << "gazette eval convert-cranfield: " << counts.status().message() << "\n";
    return counts.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  std::printf("%d articles (%d empty documents left out), %d queries, %d judgments in %s\n",
              counts->documents, counts->empty, counts->queries, counts->judgments,
              args.cranfield_out.c_str());
  return kExitOk;
}

// Prints `count` pairs of articles put in one story, spread over the stories, for a
// judgment by hand.
void PrintPairs(const std::vector<indexer::StoryMember>& members, int count) {
  auto line = [](std::string text) {
    for (char& c : text) {
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    }
    return text;
  };
  std::map<std::string, std::vector<const indexer::StoryMember*>> stories;
  for (const auto& m : members) {
    if (m.shared) stories[m.story].push_back(&m);
  }
  const std::size_t step = std::max<std::size_t>(1, stories.size() / std::max(1, count));
  std::size_t i = 0;
  int printed = 0;
  for (const auto& [label, list] : stories) {
    if (i++ % step != 0 || list.size() < 2 || printed >= count) continue;
    ++printed;
    std::printf("%d\t%s\n\t%s\t%s\n\t%s\t%s\n", printed, label.c_str(), list[0]->id.c_str(),
                line(list[0]->title).c_str(), list[1]->id.c_str(), line(list[1]->title).c_str());
  }
}

int RunStoryEval(const Config& config, const EvalArgs& args) {
  auto members = indexer::ReadStories(config.db);
  if (!members.ok()) {
    std::cerr << "gazette eval stories: " << members.status().message() << "\n";
    return kExitFatal;
  }
  if (args.pairs > 0) PrintPairs(*members, args.pairs);
  if (args.truth.empty()) return kExitOk;
  auto truth = eval::ReadStoryTruth(args.truth);
  if (!truth.ok()) {
    std::cerr << "gazette eval stories: " << truth.status().message() << "\n";
    return kExitUsage;
  }
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& m : *members) found.emplace_back(m.id, m.story);
  const eval::StoryScores s = eval::ScoreStories(found, *truth);
  if (args.json) {
    std::cout << nlohmann::json{{"articles", s.articles},     {"found_pairs", s.found_pairs},
                                {"true_pairs", s.true_pairs}, {"correct_pairs", s.correct_pairs},
                                {"precision", s.precision},   {"recall", s.recall}}
                     .dump(2)
              << "\n";
  } else {
    std::printf("articles   %llu\npairs      %llu found, %llu true, %llu both\n",
                static_cast<unsigned long long>(s.articles),
                static_cast<unsigned long long>(s.found_pairs),
                static_cast<unsigned long long>(s.true_pairs),
                static_cast<unsigned long long>(s.correct_pairs));
    std::printf("precision  %.4f\nrecall     %.4f\n", s.precision, s.recall);
  }
  return kExitOk;
}

}  // namespace

Command AddEvalCommand(CLI::App* parent) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* app = parent->add_subcommand(
      "eval", "Score the database's ranking on judged queries (nDCG@10, MAP@100, ...)");
  app->add_option("--queries", args->queries, "Queries: TSV qid<TAB>text, or BEIR queries.jsonl");
  app->add_option("--qrels", args->qrels, "Judgments: TREC qrels, or BEIR TSV with a header");
  app->add_option("--run", args->run_path, "Write a TREC run file (qid Q0 docid rank score tag)");
  app->add_option("--tag", args->tag, "Run tag in the run file (default: gazette)");
  app->add_option("--depth", args->depth, "Hits kept per query (default: 100)")
      ->check(CLI::Range(1, 1000));
  app->add_flag("--no-recency", args->no_recency, "Recency weight 0: rank by text and quality");
  app->add_flag("--no-quality", args->no_quality, "Quality weight 0: rank by text and recency");
  app->add_option("--param", args->params,
                  "A search setting as the API takes it, name=value (repeatable)");
  app->add_flag("--per-query", args->per_query, "Print each query's scores");
  app->add_flag("--json", args->json, "Print the scores as JSON");
  app->footer(
      "Examples:\n  gazette eval --db cran.db --queries queries.tsv --qrels qrels.txt\n"
      "  gazette eval --db cran.db --queries queries.tsv --qrels qrels.txt --run run.txt "
      "--per-query\n  gazette eval convert-cranfield ~/cranfield /tmp/cranfield");
  CLI::App* convert =
      app->add_subcommand("convert-cranfield",
                          "Convert the Cranfield collection (SMART) into articles, queries, qrels");
  convert
      ->add_option("source", args->cranfield_source,
                   "Folder with cran.all.1400, cran.qry, cranqrel")
      ->required();
  convert->add_option("out", args->cranfield_out, "Output folder")->required();
  CLI::App* stories = app->add_subcommand(
      "stories", "Score the database's story clusters against known stories (pairwise)");
  stories->add_option("--truth", args->truth, "Known stories: <article id> TAB <story> per line")
      ->type_name("FILE");
  stories->add_option("--pairs", args->pairs, "Print N pairs put in one story, to judge by hand")
      ->type_name("N");
  stories->add_flag("--json", args->json, "Print the scores as JSON");
  stories->footer(
      "Examples:\n  gazette corpus generate --count 5000 --rewrites 1000 --truth-out truth.tsv "
      "--out gen\n  gazette --db gen.db index gen && gazette --db gen.db eval stories --truth "
      "truth.tsv\n  gazette --db reuters.db eval stories --pairs 100");
  return {app, [args, app, convert, stories](const Config& config) {
            if (convert->parsed()) return RunConvertCranfield(*args);
            if (stories->parsed()) return RunStoryEval(config, *args);
            if (args->queries.empty() || args->qrels.empty()) {
              std::cerr << "gazette eval: --queries and --qrels are required\n" << app->help();
              return kExitUsage;
            }
            return RunEval(config, *args);
          }};
}

}  // namespace gazette
