// Scoring rankings against judgments, as trec_eval scores them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "eval/eval.h"

namespace gazette::eval {
namespace {

constexpr int kNdcgCut = 10;
constexpr int kMapCut = 100;
constexpr int kRecallCut = 100;
constexpr int kPrecisionCut = 10;

double Discounted(const std::vector<int>& gains, int cut) {
  double sum = 0;
  for (int i = 0; i < cut && i < static_cast<int>(gains.size()); ++i) {
    if (gains[i] > 0) sum += gains[i] / std::log2(i + 2.0);
  }
  return sum;
}

}  // namespace

void OrderAsTrecEval(std::vector<ScoredDoc>* ranking) {
  std::stable_sort(ranking->begin(), ranking->end(), [](const ScoredDoc& a, const ScoredDoc& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.docid > b.docid;
  });
}

double RoundScore(double score) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", score);
  return std::strtod(text, nullptr);
}

QueryScores ScoreQuery(const std::string& qid, std::vector<ScoredDoc> ranking,
                       const std::map<std::string, int>& judgments) {
  QueryScores s;
  s.qid = qid;
  s.retrieved = static_cast<int>(ranking.size());
  std::vector<int> ideal;
  for (const auto& [docid, grade] : judgments) {
    if (grade > 0) ideal.push_back(grade);
  }
  s.relevant = static_cast<int>(ideal.size());
  if (s.relevant == 0) return s;
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());

  OrderAsTrecEval(&ranking);
  std::vector<int> gains;
  gains.reserve(ranking.size());
  for (const ScoredDoc& d : ranking) {
    auto it = judgments.find(d.docid);
    gains.push_back(it == judgments.end() ? 0 : std::max(it->second, 0));
  }
  s.ndcg_10 = Discounted(gains, kNdcgCut) / Discounted(ideal, kNdcgCut);
  int found = 0;
  double precision_sum = 0;
  for (int i = 0; i < static_cast<int>(gains.size()); ++i) {
    if (gains[i] <= 0) continue;
    ++found;
    if (i < kMapCut) precision_sum += static_cast<double>(found) / (i + 1);
    if (i < kRecallCut) s.recall_100 += 1;
    if (i < kPrecisionCut) s.p_10 += 1;
  }
  s.ap_100 = precision_sum / s.relevant;
  s.recall_100 /= s.relevant;
  s.p_10 /= kPrecisionCut;
  return s;
}

Summary Evaluate(const std::vector<Query>& queries, const Run& run, const Qrels& qrels) {
  Summary summary;
  for (const Query& q : queries) {
    auto judged = qrels.find(q.id);
    if (judged == qrels.end()) {
      ++summary.unjudged;
      continue;
    }
    auto ranked = run.find(q.id);
    summary.queries.push_back(ScoreQuery(
        q.id, ranked == run.end() ? std::vector<ScoredDoc>() : ranked->second, judged->second));
  }
  for (const QueryScores& s : summary.queries) {
    summary.ndcg_10 += s.ndcg_10;
    summary.map_100 += s.ap_100;
    summary.recall_100 += s.recall_100;
    summary.p_10 += s.p_10;
  }
  if (!summary.queries.empty()) {
    const double n = static_cast<double>(summary.queries.size());
    summary.ndcg_10 /= n;
    summary.map_100 /= n;
    summary.recall_100 /= n;
    summary.p_10 /= n;
  }
  return summary;
}

}  // namespace gazette::eval
