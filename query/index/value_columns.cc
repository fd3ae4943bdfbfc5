// Value columns read from Xapian value streams, their process-wide cache, and the
// counting spy.
#include "query/index/value_columns.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include <absl/container/flat_hash_map.h>

#include "query/stages.h"

namespace gazette::query {
namespace {

// Memory the cached columns may hold: about 7 slots of 9 million articles.
constexpr std::size_t kColumnCacheBytes = std::size_t{256} << 20;

}  // namespace

std::shared_ptr<const ValueColumn> ValueColumn::Read(const Xapian::Database& db,
                                                     Xapian::valueno slot) {
  auto column = std::make_shared<ValueColumn>();
  column->codes_.assign(std::size_t{db.get_lastdocid()} + 1, 0);
  absl::flat_hash_map<std::string, std::uint32_t> codes;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did >= column->codes_.size()) column->codes_.resize(std::size_t{did} + 1, 0);
    auto [found, added] = codes.try_emplace(*it, 0);
    if (added) {
      column->values_.push_back(found->first);
      found->second = static_cast<std::uint32_t>(column->values_.size());
    }
    column->codes_[did] = found->second;
  }
  return column;
}

std::size_t ValueColumn::bytes() const {
  std::size_t n = codes_.capacity() * sizeof(std::uint32_t);
  for (const std::string& v : values_) n += sizeof(std::string) + v.capacity();
  return n;
}

namespace {

// Columns by database UUID and slot, for the two latest revisions seen (searchers
// catch up with a commit one at a time), least recently used dropped past
// kColumnCacheBytes.
class ColumnCache {
 public:
  std::shared_ptr<const ValueColumn> Get(const Xapian::Database& db, Xapian::valueno slot) {
    const auto key = std::make_pair(db.get_uuid(), slot);
    const Xapian::rev revision = db.get_revision();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      wanted_.insert(slot);
      for (Entry& e : cache_[key]) {
        if (e.revision == revision) {
          e.used = ++lookups_;
          return e.column;
        }
      }
    }
    // Read outside the lock: other slots and databases stay available meanwhile.
    std::shared_ptr<const ValueColumn> column = ValueColumn::Read(db, slot);
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Entry>& entries = cache_[key];
    entries.push_back(Entry{revision, column, ++lookups_});
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.revision > b.revision; });
    entries.erase(
        std::unique(entries.begin(), entries.end(),
                    [](const Entry& a, const Entry& b) { return a.revision == b.revision; }),
        entries.end());
    if (entries.size() > 2) entries.resize(2);
    Evict();
    return column;
  }

  bool Has(const Xapian::Database& db, Xapian::valueno slot) {
    const auto key = std::make_pair(db.get_uuid(), slot);
    const Xapian::rev revision = db.get_revision();
    std::lock_guard<std::mutex> lock(mutex_);
    wanted_.insert(slot);
    auto it = cache_.find(key);
    if (it == cache_.end()) return false;
    for (const Entry& e : it->second) {
      if (e.revision == revision) return true;
    }
    return false;
  }

  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.clear();
    wanted_.clear();
  }

  std::set<Xapian::valueno> wanted() {
    std::lock_guard<std::mutex> lock(mutex_);
    return wanted_;
  }

 private:
  struct Entry {
    Xapian::rev revision = 0;
    std::shared_ptr<const ValueColumn> column;
    std::uint64_t used = 0;  // when last returned, in lookups
  };

  // REQUIRES: mutex_ is held.
  void Evict() {
    std::size_t bytes = 0;
    std::size_t count = 0;
    for (const auto& [key, entries] : cache_) {
      for (const Entry& e : entries) bytes += e.column->bytes();
      count += entries.size();
    }
    for (; bytes > kColumnCacheBytes && count > 1; --count) {
      auto oldest_key = cache_.end();
      std::size_t oldest = 0;
      for (auto it = cache_.begin(); it != cache_.end(); ++it) {
        for (std::size_t i = 0; i < it->second.size(); ++i) {
          if (oldest_key == cache_.end() || it->second[i].used < oldest_key->second[oldest].used) {
            oldest_key = it;
            oldest = i;
          }
        }
      }
      std::vector<Entry>& entries = oldest_key->second;
      bytes -= entries[oldest].column->bytes();
      entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(oldest));
      if (entries.empty()) cache_.erase(oldest_key);
    }
  }

  std::mutex mutex_;
  std::map<std::pair<std::string, Xapian::valueno>, std::vector<Entry>> cache_;  // by mutex_
  std::set<Xapian::valueno> wanted_;  // slots asked for so far; guarded by mutex_
  std::uint64_t lookups_ = 0;         // guarded by mutex_
};

ColumnCache& Cache() {
  static ColumnCache* cache = new ColumnCache();  // never destroyed: used until exit
  return *cache;
}

}  // namespace

std::shared_ptr<const ValueColumn> CachedColumn(const Xapian::Database& db, Xapian::valueno slot) {
  return Cache().Get(db, slot);
}

bool HasColumn(const Xapian::Database& db, Xapian::valueno slot) { return Cache().Has(db, slot); }

void ForgetColumns() { Cache().Clear(); }

void WarmColumns(const Xapian::Database& db) {
  for (Xapian::valueno slot : Cache().wanted()) Cache().Get(db, slot);
}

std::size_t ColumnCountSpy::Add(std::shared_ptr<const ValueColumn> column) {
  Counted c;
  c.counts.assign(column->distinct() + 1, 0);
  c.column = std::move(column);
  counted_.push_back(std::move(c));
  return counted_.size() - 1;
}

void ColumnCountSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  const Xapian::docid did = doc.get_docid();
  for (Counted& c : counted_) {
    const std::uint32_t code = c.column->Code(did);
    if (code != 0) ++c.counts[code];
  }
  if (keep_ > 0 && ids_complete_) {
    if (ids_.size() < keep_) {
      ids_.push_back(did);
    } else {
      ids_complete_ = false;
      ids_.clear();
    }
  }
}

void WeightedSlot::Load(const Xapian::Database& db) {
  StageClock clock(Stage::kColumns);
  std::shared_ptr<const ValueColumn> read = CachedColumn(db, slot);
  if (read == column && !weights.empty()) return;
  column = std::move(read);
  // The last weights worked out on this thread, by column and function: searches
  // that share a weighing function (Rank's, within one second) weigh each value once.
  struct Weighed {
    std::weak_ptr<const ValueColumn> column;  // not kept alive past a reopen
    std::shared_ptr<const WeightOf> weight_of;
    std::vector<double> weights;
    std::uint64_t used = 0;  // when last looked up
  };
  thread_local std::array<Weighed, 4> last;
  thread_local std::uint64_t lookups = 0;
  Weighed* oldest = &last[0];
  for (Weighed& w : last) {
    if (w.weight_of == weight_of && w.column.lock() == column) {
      w.used = ++lookups;
      weights = w.weights;
      return;
    }
    if (w.used < oldest->used) oldest = &w;
  }
  weights.assign(column->distinct() + 1, 0.0);
  for (std::uint32_t code = 1; code <= column->distinct(); ++code)
    weights[code] = (*weight_of)(column->Value(code));
  *oldest = Weighed{column, weight_of, weights, ++lookups};
}

ColumnWeightSource::ColumnWeightSource(WeightedSlot a, WeightedSlot b)
    : a_(std::move(a)), b_(std::move(b)) {}

void ColumnWeightSource::init(const Xapian::Database& db) {
  double max_weight = 0;
  Xapian::doccount most = 0, sum = 0;
  for (WeightedSlot* w : {&a_, &b_}) {
    if (!w->used()) continue;
    w->Load(db);
    max_weight += *std::max_element(w->weights.begin(), w->weights.end());
    const Xapian::doccount freq = db.get_value_freq(w->slot);
    most = std::max(most, freq);
    sum += freq;
  }
  set_maxweight(max_weight);
  termfreq_min_ = most;
  termfreq_max_ = std::min(sum, db.get_doccount());
  Start(db);
}

ColumnWeightSource* ColumnWeightSource::clone() const {
  return new ColumnWeightSource(a_.Unloaded(), b_.Unloaded());
}

void ColumnThresholdSource::init(const Xapian::Database& db) {
  a_.Load(db);
  b_.Load(db);
  set_maxweight(0);
  docs_ = db.get_doccount();
  Start(db);
}

ColumnThresholdSource* ColumnThresholdSource::clone() const {
  return new ColumnThresholdSource(a_.slot, a_.weight_of, b_.slot, b_.weight_of, threshold_,
                                   estimate_);
}

}  // namespace gazette::query
