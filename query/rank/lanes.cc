// Lanes of a search: the document id share filter and the merge of the lanes' results.
#include "query/rank/lanes.h"

#include <functional>
#include <limits>
#include <unordered_map>

namespace gazette::query {

void DocidShare::init(const Xapian::Database& db) {
  const std::uint64_t last = db.get_lastdocid();
  const auto index = static_cast<std::uint64_t>(lane_.index);
  const auto count = static_cast<std::uint64_t>(lane_.count);
  first_ = static_cast<Xapian::docid>(1 + last * index / count);
  last_ = static_cast<Xapian::docid>(last * (index + 1) / count);
  did_ = first_ - 1;
  const std::uint64_t ids = last_ >= first_ ? last_ - first_ + 1 : 0;
  const std::uint64_t docs = db.get_doccount();
  max_ = static_cast<Xapian::doccount>(std::min(ids, docs));
  // Deleted documents leave gaps: assume they spread evenly.
  estimate_ = last == 0 ? 0 : static_cast<Xapian::doccount>(ids * docs / last);
}

void KnownDocids::init(const Xapian::Database& db) {
  static const std::vector<Xapian::docid> kNone;
  const auto it = by_shard_->find(db.get_uuid());
  ids_ = it != by_shard_->end() ? &it->second : &kNone;
  at_ = 0;
  started_ = false;
}

void KnownDocids::skip_to(Xapian::docid did, double /*min_wt*/) {
  const std::size_t from = started_ ? at_ : 0;
  started_ = true;
  at_ = static_cast<std::size_t>(
      std::lower_bound(ids_->begin() + static_cast<std::ptrdiff_t>(from), ids_->end(), did) -
      ids_->begin());
}

double PageFloor::Exchange(int lane, int attempt, std::vector<double> weights) {
  std::unique_lock<std::mutex> lock(mutex_);
  Reported& mine = lanes_[static_cast<std::size_t>(lane)];
  mine.attempt = attempt;
  mine.weights = std::move(weights);
  changed_.notify_all();
  changed_.wait(lock, [&] {
    for (const Reported& r : lanes_) {
      if (!r.left && r.attempt < attempt) return false;
    }
    return true;
  });
  std::vector<double> all;
  for (const Reported& r : lanes_) all.insert(all.end(), r.weights.begin(), r.weights.end());
  if (all.size() < want_ || want_ == 0) return -std::numeric_limits<double>::infinity();
  std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(want_ - 1), all.end(),
                   std::greater<double>());
  return all[want_ - 1];
}

void PageFloor::Leave(int lane) {
  std::lock_guard<std::mutex> lock(mutex_);
  lanes_[static_cast<std::size_t>(lane)].left = true;
  changed_.notify_all();
}

void MergeRanked(std::vector<std::vector<Ranked>> lanes, std::size_t want, bool descending,
                 std::vector<Ranked>* out) {
  std::vector<Ranked> all;
  for (auto& lane : lanes) {
    for (Ranked& r : lane) all.push_back(std::move(r));
  }
  std::sort(all.begin(), all.end(), [descending](const Ranked& a, const Ranked& b) {
    if (a.sort_key != b.sort_key) {
      return descending ? a.sort_key > b.sort_key : a.sort_key < b.sort_key;
    }
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.docid < b.docid;
  });
  out->clear();
  std::unordered_map<std::string, std::size_t> kept;  // collapse key -> index in *out
  for (Ranked& r : all) {
    if (!r.collapse_key.empty()) {
      const auto [it, first] = kept.try_emplace(r.collapse_key, out->size());
      if (!first) {
        (*out)[it->second].collapsed += 1 + r.collapsed;
        continue;
      }
    }
    out->push_back(std::move(r));
  }
  if (out->size() > want) out->resize(want);
}

void MergeCounts(const SampledCounts& from, SampledCounts* into) {
  if (from.scale != into->scale) {
    for (auto& [value, n] : into->counts) n *= into->scale;
    into->scale = 1;
  }
  for (const auto& [value, n] : from.counts) into->counts[value] += n * (from.scale / into->scale);
}

}  // namespace gazette::query
