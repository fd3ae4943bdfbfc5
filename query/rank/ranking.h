// Ranking: BM25 text score plus quality and recency terms, from Xapian's stock,
// serialisable posting sources where remote shards take part (private).
#ifndef GAZETTE_QUERY_RANK_RANKING_H_
#define GAZETTE_QUERY_RANK_RANKING_H_

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/search.h"

namespace gazette::query {

// Seconds since the epoch now.
std::int64_t NowSeconds();

// The recency term for an article published on `day` ("YYYYMMDD"), at `origin`.
double RecencyWeight(const Ranking& ranking, const std::string& day, std::int64_t origin);

// A publication day present in the index ("YYYYMMDD"), its noon (UTC) and how many
// articles carry it.
struct PublicationDay {
  std::string day;
  std::int64_t noon = 0;
  Xapian::doccount articles = 0;
};

// A quality band present in the index (its XQ term), the largest quality it holds
// (0 for the articles without one) and how many articles carry it.
struct QualityBand {
  std::string term;
  int max_quality = 0;
  Xapian::doccount articles = 0;
};

// Wraps the scored `text` query so that each match's weight becomes
// text + quality + recency: a ValueWeightPostingSource on the quality slot scaled by
// ranking.quality/100, and a ValueMapPostingSource from each day in `days` to its
// recency weight. Both are built-in and serialisable, for remote shards; with
// `columns` (local shards only), one ColumnWeightSource gives the same weights from the
// slots' value columns.
Xapian::Query Rank(const Xapian::Query& text, const Ranking& ranking,
                   const std::vector<PublicationDay>& days, std::int64_t origin, bool columns);

// The quality and recency parts of a hit's weight, read from its document; the text
// part is the rest.
Explain ExplainWeight(const Xapian::Document& doc, double weight, const Ranking& ranking,
                      std::int64_t origin);

// Every distinct publication day in the database, ascending.
std::vector<PublicationDay> PublicationDays(const Xapian::Database& db);

// Every quality band in the database.
std::vector<QualityBand> QualityBands(const Xapian::Database& db);

// The articles with the largest quality + recency bounds, as a tier to rank first.
// Articles fall in cells by (publication day, quality band); a cell's bound is the
// recency weight of its day plus the quality weight of its band's best article. A tier
// is every cell within `depth` of the best bound, expressed as day and band terms.
struct RankTier {
  std::size_t cells = 0;   // (band, day) cells in the tier; 0: none
  Xapian::Query filter;    // empty when the tier cannot be expressed, or not asked for
  double outside_max = 0;  // no article outside the tier has a larger quality + recency
  double expected = 0;     // articles expected in it (days and bands taken as independent)
};

class TierPlanner {
 public:
  // REQUIRES: `days` outlives the planner (it keeps pointers to its elements).
  TierPlanner(const Ranking& ranking, const std::vector<PublicationDay>& days,
              const std::vector<QualityBand>& bands, Xapian::doccount articles,
              std::int64_t origin);

  // False when the database has no bands (written by an older schema) or the
  // ranking has no quality or recency weight.
  bool usable() const { return usable_; }

  // The cells within `depth` of the best bound; an empty filter when they need more
  // than `max_terms` day terms, or when `with_terms` is false (the caller filters otherwise,
  // e.g. with ColumnTier).
  RankTier Cut(double depth, std::size_t max_terms, bool with_terms = true) const;

  // The best bound of any cell: depths are measured down from it.
  double top() const { return top_; }

  // The articles expected in the cells within `depth` of the best bound (Cut's
  // `expected`, without building its filter).
  double ExpectedWithin(double depth) const { return usable_ ? Expected(top_ - depth) : 0; }

  // The smallest depth whose cells are expected to hold `articles` articles.
  double DepthFor(double articles) const;

 private:
  struct Band {
    std::string term;
    double weight = 0;  // quality weight of its best article
    double share = 0;   // fraction of all articles in it
  };
  // Days carried by cells of `band` at threshold `t`: a prefix of order_.
  std::size_t DaysAbove(const Band& band, double t) const;
  double Expected(double t) const;

  bool usable_ = false;
  std::vector<Band> bands_;
  std::vector<const PublicationDay*> order_;  // days by recency weight, largest first
  std::vector<double> recency_;               // recency weight of order_[i]
  std::vector<double> cumulative_;            // articles of order_[0..i]
  double top_ = 0;                            // the best bound of any cell
  double undated_max_ = -1;                   // best bound of articles without a day
};

// The articles whose quality band bound plus recency weight reach `threshold`: the
// TierPlanner cells within top - threshold, or more (articles without a date are let
// in by their band alone), read from the quality and day value columns rather than
// written as band and day terms. `expected`: how many. Local shards only.
Xapian::Query ColumnTier(const Ranking& ranking, std::int64_t origin, double threshold,
                         double expected);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANK_RANKING_H_
