// Relevance evaluation: judged queries run through the Searcher, scored as trec_eval
// scores them (nDCG@10, MAP@100, Recall@100, P@10), with TREC run files.
#ifndef GAZETTE_EVAL_EVAL_H_
#define GAZETTE_EVAL_EVAL_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "query/search.h"

namespace gazette::eval {

struct Query {
  std::string id;
  std::string text;
};

// Judgments: query id -> document id -> relevance grade. A grade > 0 is relevant and is
// its gain in nDCG; 0 or less is judged not relevant.
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct ScoredDoc {
  std::string docid;
  double score = 0;
};

// Ranked documents per query id, best first.
using Run = std::map<std::string, std::vector<ScoredDoc>>;

// Reads queries: a TSV file of `qid<TAB>query` lines, or BEIR queries.jsonl (objects
// with "_id" and "text"; chosen when the first non-blank byte is '{'). Blank lines are
// skipped. InvalidArgument names the file and line (missing tab, bad JSON, empty or
// repeated id); IoError when unreadable.
Result<std::vector<Query>> ReadQueries(const std::string& path);

// Reads judgments: TREC qrels (`qid iter docid rel`, whitespace-separated) or BEIR
// TSV (`query-id<TAB>corpus-id<TAB>score`, its header line skipped). Errors as
// ReadQueries, also for a grade that is not a whole number and a repeated pair.
Result<Qrels> ReadQrels(const std::string& path);

// The scores of one query.
struct QueryScores {
  std::string qid;
  int relevant = 0;   // judged relevant documents
  int retrieved = 0;  // documents in the run
  double ndcg_10 = 0;
  double ap_100 = 0;
  double recall_100 = 0;
  double p_10 = 0;
};

// Scores one ranking against its judgments exactly as trec_eval 9 computes ndcg_cut_10,
// map_cut_100, recall_100 and P_10: documents are ordered by score, descending, ties by
// document id in descending byte order (the rank the searcher gave is ignored, as
// trec_eval ignores the rank column); gain = grade, discount log2(rank + 1), the ideal
// ranking made of every judged relevant document. A query without relevant documents
// scores 0 everywhere.
QueryScores ScoreQuery(const std::string& qid, std::vector<ScoredDoc> ranking,
                       const std::map<std::string, int>& judgments);

struct Summary {
  std::vector<QueryScores> queries;  // in the order of the query file
  double ndcg_10 = 0;                // means over `queries`
  double map_100 = 0;
  double recall_100 = 0;
  double p_10 = 0;
  int unjudged = 0;  // queries in the file without any judgment: not scored
};

// Scores every judged query of `queries` (as `trec_eval -c`: a judged query missing
// from the run scores 0). Queries without any judgment are counted in `unjudged`.
Summary Evaluate(const std::vector<Query>& queries, const Run& run, const Qrels& qrels);

// Runs each query through `searcher` as `base` (filters, ranking, per-request settings)
// with its text set, keeping the first `depth` hits (1..Limits::max_per_page), each hit's
// id as the document id. Fails with the first query the searcher refuses, naming it.
Result<Run> RunQueries(query::Searcher* searcher, const std::vector<Query>& queries,
                       const query::SearchRequest& base, int depth);

// Writes `run` in TREC format, `qid Q0 docid rank score tag`, queries in `queries`
// order, ranks from 1 in the order ScoreQuery uses, scores with 6 decimals.
void WriteTrecRun(const std::vector<Query>& queries, const Run& run, const std::string& tag,
                  std::ostream& out);

// Orders a ranking as trec_eval does: score descending, ties by document id descending
// (byte order).
void OrderAsTrecEval(std::vector<ScoredDoc>* ranking);

// Rounds a score to the precision WriteTrecRun prints, so that scores and a run file read
// back order documents alike.
double RoundScore(double score);

}  // namespace gazette::eval

#endif  // GAZETTE_EVAL_EVAL_H_
