// Running judged queries through the Searcher, and writing TREC run files.
#include <cstdio>

#include "eval/eval.h"

namespace gazette::eval {

Result<Run> RunQueries(query::Searcher* searcher, const std::vector<Query>& queries,
                       const query::SearchRequest& base, int depth) {
  Run run;
  for (const Query& q : queries) {
    query::SearchRequest request = base;
    request.query = q.text;
    request.page = 1;
    request.per_page = depth;
    Result<query::SearchResponse> response = searcher->Search(request);
    if (!response.ok()) {
      return Status(response.status().code(),
                    "query " + q.id + " (\"" + q.text + "\"): " + response.status().message());
    }
    std::vector<ScoredDoc>& ranked = run[q.id];
    for (const query::Hit& hit : response->hits) {
      ranked.push_back({hit.id, RoundScore(hit.score)});
    }
  }
  return run;
}

void WriteTrecRun(const std::vector<Query>& queries, const Run& run, const std::string& tag,
                  std::ostream& out) {
  for (const Query& q : queries) {
    auto it = run.find(q.id);
    if (it == run.end()) continue;
    std::vector<ScoredDoc> ranked = it->second;
    OrderAsTrecEval(&ranked);
    int rank = 0;
    for (const ScoredDoc& d : ranked) {
      char score[64];
      std::snprintf(score, sizeof score, "%.6f", d.score);
      out << q.id << " Q0 " << d.docid << " " << ++rank << " " << score << " " << tag << "\n";
    }
  }
}

}  // namespace gazette::eval
