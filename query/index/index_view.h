// IndexView: one opened database (a directory, or a stub and its local shards) and the
// facts of its revision that planning and ranking read (private to query/).
#ifndef GAZETTE_QUERY_INDEX_INDEX_VIEW_H_
#define GAZETTE_QUERY_INDEX_INDEX_VIEW_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "query/rank/ranking.h"

namespace gazette::query {

// What a revision of the database holds, read once per revision (ReadFacts).
struct IndexFacts {
  std::vector<PublicationDay> days;
  std::vector<QualityBand> bands;
  bool has_samples = false;            // XS terms present (schema 3 and later)
  bool columns = false;                // local shards: value columns serve counts
  std::vector<std::string> languages;  // languages present, for query analysis
  bool word_pairs = false;             // the index's phrases can use word pairs
  // Shards holding topic or excerpt word marks (index.field_words): all of them / any
  // of them. An empty shard counts as marked.
  bool field_words = false;
  bool some_field_words = false;
  int max_topics = 0;              // topic slots in use
  Xapian::doccount documents = 0;  // articles
};

// A database as one searcher sees it. Xapian handles are used by one thread at a time.
struct IndexView {
  std::string path;  // what was opened (a directory or a stub)
  std::string stub;  // the stub's text when path is a stub, else ""
  Xapian::Database db;
  std::vector<Xapian::Database> parts;  // db's shards when a stub of several local ones
  IndexFacts facts;

  // The local shards: parts, or db itself.
  std::vector<Xapian::Database> Parts() const;
};

// Opens the database at `path` and reads its facts. Throws Xapian::Error.
IndexView OpenView(const std::string& path);

// Reads the facts of `view`'s current revision, warming its value columns.
void ReadFacts(IndexView* view);

// Follows `view` to the newest revision: reopens the stub's new databases when it
// switched (rebuild, rollback), else reopens in place. True when anything changed.
// Throws Xapian::Error.
bool ReopenView(IndexView* view);

// Whether two views read the same revision of the same databases.
bool SameRevision(const IndexView& a, const IndexView& b);

// Whether value columns serve a match expected to hold `estimated` articles reading
// `slots`: when cached, or when the match is large enough that Xapian would decode
// most of the slots' value streams anyway. Local shards only.
bool UseColumns(const IndexView& view, double estimated, const std::vector<Xapian::valueno>& slots);

// Posting-list statistics of `query` (estimated matches, weight bound), without
// matching.
Xapian::MSet Statistics(const IndexView& view, const Xapian::Query& query);
// The same, weighted with `weight`.
Xapian::MSet Statistics(const IndexView& view, const Xapian::Query& query,
                        const Xapian::Weight& weight);

// The statistics of one query, read on first use, its weight bound under BM25 with
// `bm25` when given (else Xapian's default BM25).
class LazyStatistics {
 public:
  LazyStatistics(const IndexView& view, Xapian::Query query,
                 std::optional<Bm25> bm25 = std::nullopt)
      : view_(view), query_(std::move(query)), bm25_(bm25) {}
  const Xapian::MSet& operator()() const {
    if (stats_) return *stats_;
    if (bm25_) {
      stats_ = Statistics(view_, query_, Xapian::BM25Weight(bm25_->k1, 0, 1, bm25_->b, 0.5));
    } else {
      stats_ = Statistics(view_, query_);
    }
    return *stats_;
  }
  const Xapian::Query& query() const { return query_; }

 private:
  const IndexView& view_;
  Xapian::Query query_;
  std::optional<Bm25> bm25_;
  mutable std::optional<Xapian::MSet> stats_;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_INDEX_INDEX_VIEW_H_
