// Value slots of a local database held in memory as columns, with the match spy and
// posting sources that read them: facet counts, the ranking's quality and recency
// weights and ranking tiers (private to query/).
//
// Xapian's value streams decode every value between two wanted documents, so reading
// a slot for a sample of the matches costs as much as for all of them. A column is
// read from the stream once per database revision and shared by every searcher in the
// process; each match then costs one array lookup per slot.
#ifndef GAZETTE_QUERY_INDEX_VALUE_COLUMNS_H_
#define GAZETTE_QUERY_INDEX_VALUE_COLUMNS_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace gazette::query {

// The values of one slot, by document id: each distinct value gets a code (from 1;
// 0 is "no value").
class ValueColumn {
 public:
  // Reads every value of `slot`. REQUIRES: `db` has exactly one shard.
  static std::shared_ptr<const ValueColumn> Read(const Xapian::Database& db, Xapian::valueno slot);

  std::uint32_t Code(Xapian::docid did) const { return did < codes_.size() ? codes_[did] : 0; }
  const std::string& Value(std::uint32_t code) const { return values_[code - 1]; }
  std::size_t distinct() const { return values_.size(); }
  std::size_t bytes() const;

 private:
  std::vector<std::uint32_t> codes_;  // by document id
  std::vector<std::string> values_;   // by code - 1
};

// The column of `slot` for the database's current revision, from a cache shared by
// every thread (by the database's UUID and slot; the two latest revisions are kept).
// Thread-safe. REQUIRES: `db` has exactly one local shard.
std::shared_ptr<const ValueColumn> CachedColumn(const Xapian::Database& db, Xapian::valueno slot);

// True when the column of `slot` for the database's current revision is cached. Either
// way the slot counts as asked for (WarmColumns). Thread-safe. REQUIRES: as
// CachedColumn.
bool HasColumn(const Xapian::Database& db, Xapian::valueno slot);

// Drops every cached column and forgets which slots were asked for, as at process
// start: columns are read again when next asked for. Thread-safe.
void ForgetColumns();

// Reads the columns of every slot asked for so far in the process, for the database's
// current revision: a searcher that reopens after a commit calls it, so requests do
// not wait for the read. Thread-safe. REQUIRES: as CachedColumn.
void WarmColumns(const Xapian::Database& db);

// Counts values in the given columns over the documents it sees. Local single-shard
// matches only: the spy is not serialisable.
class ColumnCountSpy final : public Xapian::MatchSpy {
 public:
  // Adds a counted column; returns its index for Counts().
  std::size_t Add(std::shared_ptr<const ValueColumn> column);
  void operator()(const Xapian::Document& doc, double wt) override;

  // Calls `sink(value, count)` for each value counted in column `index`.
  template <typename Sink>
  void Counts(std::size_t index, Sink sink) const {
    const Counted& c = counted_[index];
    for (std::uint32_t code = 1; code < c.counts.size(); ++code) {
      if (c.counts[code] > 0) sink(c.column->Value(code), std::uint64_t{c.counts[code]});
    }
  }

  // Also keeps the ids of the documents seen, up to `max` of them.
  void KeepIds(std::size_t max) { keep_ = max; }
  // The ids kept, in the order seen; complete unless more than `max` were seen.
  const std::vector<Xapian::docid>& ids() const { return ids_; }
  bool ids_complete() const { return ids_complete_; }

 private:
  struct Counted {
    std::shared_ptr<const ValueColumn> column;
    std::vector<std::uint32_t> counts;  // by code
  };
  std::vector<Counted> counted_;
  std::size_t keep_ = 0;
  std::vector<Xapian::docid> ids_;
  bool ids_complete_ = true;
};

// A posting source over the documents of one local shard that Derived::Passes(did)
// accepts, walked in document id order: the walk shared by the column sources below.
// Derived calls Start() from init().
template <typename Derived>
class ColumnPostings : public Xapian::PostingSource {
 public:
  Xapian::docid get_docid() const override { return did_; }
  void next(double /*min_wt*/) override { AdvanceFrom(did_ + 1); }
  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    if (did > did_) AdvanceFrom(did);
  }
  // Without a match here, the position is left where next() resumes from.
  bool check(Xapian::docid did, double /*min_wt*/) override {
    did_ = did;
    return Accepts(did);
  }
  bool at_end() const override { return did_ > last_; }

 protected:
  void Start(const Xapian::Database& db) {
    did_ = 0;
    last_ = db.get_lastdocid();
  }
  Xapian::docid did_ = 0;

 private:
  bool Accepts(Xapian::docid did) const { return static_cast<const Derived*>(this)->Passes(did); }
  void AdvanceFrom(Xapian::docid did) {
    did_ = did;
    while (did_ <= last_ && !Accepts(did_)) ++did_;
  }
  Xapian::docid last_ = 0;
};

// A slot weighted by a function of its values, as the column sources below read it:
// after Load(), its column and the weight of each value code. Unused (weighs nothing,
// loads nothing) while `weight_of` is null.
struct WeightedSlot {
  using WeightOf = std::function<double(const std::string& value)>;
  WeightedSlot() = default;  // unused
  WeightedSlot(Xapian::valueno s, std::shared_ptr<const WeightOf> w)
      : slot(s), weight_of(std::move(w)) {}

  Xapian::valueno slot = Xapian::BAD_VALUENO;
  std::shared_ptr<const WeightOf> weight_of;
  std::shared_ptr<const ValueColumn> column;
  std::vector<double> weights;  // by code; [0] (no value): 0

  bool used() const { return weight_of != nullptr; }
  // Reads the column of `db`'s revision and weighs its values, unless the weights at
  // hand are already of that column. REQUIRES: used().
  void Load(const Xapian::Database& db);
  // 0 for a document without a value. REQUIRES: Load().
  double Weight(Xapian::docid did) const { return weights[column->Code(did)]; }
  bool Has(Xapian::docid did) const { return column->Code(did) != 0; }
  // A copy for a clone to load: the weights worked out so far are kept, so the
  // clones of one match over one database weigh the values once.
  WeightedSlot Unloaded() const { return *this; }
};

// The documents with a value in a slot, each weighted by a function of its value: the
// same postings and weights as Xapian's ValueWeightPostingSource or
// ValueMapPostingSource, read from the slot's value column instead of its value
// stream. With two slots, the documents with a value in either, weighted by the sum:
// what OP_OR of the two one-slot sources gives, with one posting source to move on per
// match instead of two under an OR. The weight of each distinct value is worked out once
// per match. Local shards only: not serialisable.
class ColumnWeightSource final : public ColumnPostings<ColumnWeightSource> {
 public:
  using WeightOf = WeightedSlot::WeightOf;
  ColumnWeightSource(Xapian::valueno slot, std::shared_ptr<const WeightOf> weight_of)
      : ColumnWeightSource(WeightedSlot{slot, std::move(weight_of)}, {}) {}
  // `b` may be unused (one slot).
  ColumnWeightSource(WeightedSlot a, WeightedSlot b);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_min_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
  double get_weight() const override {
    const double a = a_.Weight(did_);
    return b_.used() ? a + b_.Weight(did_) : a;
  }
  ColumnWeightSource* clone() const override;

  bool Passes(Xapian::docid did) const { return a_.Has(did) || (b_.used() && b_.Has(did)); }

 private:
  WeightedSlot a_, b_;
  Xapian::doccount termfreq_min_ = 0, termfreq_max_ = 0;
};

// The documents whose weights from two slots add up to at least `threshold` (each
// slot's value weighted by a function, 0 without a value), from the slots' value
// columns: a boolean filter with no weight of its own. Local shards only: not
// serialisable.
class ColumnThresholdSource final : public ColumnPostings<ColumnThresholdSource> {
 public:
  using WeightOf = WeightedSlot::WeightOf;
  // `estimate`: the documents expected to pass, for the matcher's planning.
  ColumnThresholdSource(Xapian::valueno slot_a, std::shared_ptr<const WeightOf> weight_of_a,
                        Xapian::valueno slot_b, std::shared_ptr<const WeightOf> weight_of_b,
                        double threshold, Xapian::doccount estimate)
      : a_{slot_a, std::move(weight_of_a)},
        b_{slot_b, std::move(weight_of_b)},
        threshold_(threshold),
        estimate_(estimate) {}

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return std::min(estimate_, docs_); }
  Xapian::doccount get_termfreq_max() const override { return docs_; }
  double get_weight() const override { return 0; }
  ColumnThresholdSource* clone() const override;

  bool Passes(Xapian::docid did) const { return a_.Weight(did) + b_.Weight(did) >= threshold_; }

 private:
  WeightedSlot a_, b_;
  double threshold_;
  Xapian::doccount estimate_;
  Xapian::doccount docs_ = 0;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_INDEX_VALUE_COLUMNS_H_
