// Lanes: one search split over threads by document id, each lane matching its share
// of every local shard's document ids, and the merge of what the lanes found; also the
// filter of a match's documents known beforehand (private to query/).
#ifndef GAZETTE_QUERY_RANK_LANES_H_
#define GAZETTE_QUERY_RANK_LANES_H_

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/facets/facets.h"
#include "query/plan/query_plan.h"

namespace gazette::query {

// The documents of a shard whose ids fall in the lane's share of 1 .. the shard's last
// document id (equal, contiguous shares): a boolean filter that restricts a match to
// one lane. Shards are split alike, so the lanes of a match hold each of its documents
// exactly once. Local shards only: not serialisable.
class DocidShare final : public Xapian::PostingSource {
 public:
  explicit DocidShare(Lane lane) : lane_(lane) {}

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return estimate_; }
  Xapian::doccount get_termfreq_max() const override { return max_; }
  Xapian::docid get_docid() const override { return did_; }
  void next(double /*min_wt*/) override { ++did_; }
  // Before the first next(), did_ is first_ - 1: not a position.
  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    did_ = std::max({did_, did, first_});
  }
  bool at_end() const override { return did_ > last_; }
  DocidShare* clone() const override { return new DocidShare(lane_); }

 private:
  Lane lane_;
  Xapian::docid first_ = 1, last_ = 0, did_ = 0;
  Xapian::doccount estimate_ = 0, max_ = 0;
};

// The lanes' tiers of one ranking (RankBestFirst), compared as they go: each lane
// reports the weights of the best hits in its tier, and learns the weight the merged
// page's last hit reaches at least. Thread-safe.
class PageFloor {
 public:
  // `lanes` report; the page holds `want` hits.
  PageFloor(int lanes, std::size_t want) : want_(want), lanes_(static_cast<std::size_t>(lanes)) {}

  // Reports lane `lane`'s best hits' weights at its tier `attempt` (0, 1, ...), waits
  // until every other lane has reported that attempt or left, and returns the
  // `want`-th highest weight over each lane's latest report: -infinity when they hold
  // fewer.
  double Exchange(int lane, int attempt, std::vector<double> weights);
  // Lane `lane` reports no more.
  void Leave(int lane);

 private:
  struct Reported {
    int attempt = -1;
    bool left = false;
    std::vector<double> weights;
  };
  const std::size_t want_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Reported> lanes_;  // guarded by mutex_
};

// The documents a match is known to hold, by shard (database UUID), each list sorted:
// a boolean filter that spares a second match of the same query the search for them
// (the position checks of a phrase, say). Local shards only: not serialisable.
class KnownDocids final : public Xapian::PostingSource {
 public:
  using ByShard = std::map<std::string, std::vector<Xapian::docid>>;
  explicit KnownDocids(std::shared_ptr<const ByShard> ids) : by_shard_(std::move(ids)) {}

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  Xapian::docid get_docid() const override { return (*ids_)[at_]; }
  void next(double /*min_wt*/) override {
    at_ = started_ ? at_ + 1 : 0;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double /*min_wt*/) override;
  bool at_end() const override { return started_ && at_ >= ids_->size(); }
  KnownDocids* clone() const override { return new KnownDocids(by_shard_); }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(ids_->size()); }
  std::shared_ptr<const ByShard> by_shard_;
  const std::vector<Xapian::docid>* ids_ = nullptr;
  std::size_t at_ = 0;
  bool started_ = false;
};

// Calls PageFloor::Leave for `lane` when it goes out of scope.
struct LeaveOnExit {
  PageFloor* floor;
  int lane;
  ~LeaveOnExit() { floor->Leave(lane); }
};

// A hit of a lane's ranking.
struct Ranked {
  Xapian::docid docid = 0;
  double weight = 0;
  std::string sort_key;      // the sort value, when sorted by one
  std::string collapse_key;  // when duplicates fold: the key they share
  Xapian::doccount collapsed = 0;
};

// Merges the lanes' rankings, each best first and holding its lane's best `want` (or
// all it has), into the best `want` of the whole match in the order one match gives:
// sort key (descending when `descending`; empty when not sorted by one), weight
// descending, document id ascending. Hits sharing a collapse key fold into the best,
// which counts them. A lane folds its own duplicates, so a full lane alone holds
// `want` keys: the merge is never short.
void MergeRanked(std::vector<std::vector<Ranked>> lanes, std::size_t want, bool descending,
                 std::vector<Ranked>* out);

// Value counts made on a sample of one article in `scale`.
struct SampledCounts {
  ValueCounts counts;
  std::uint64_t scale = 1;
};

// Adds `from` into `into`: kept on their sample when both share one, else scaled out.
void MergeCounts(const SampledCounts& from, SampledCounts* into);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_LANES_H_
