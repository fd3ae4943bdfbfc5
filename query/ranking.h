// Ranking: BM25 text score plus quality and recency terms, built only from Xapian's
// stock, serialisable posting sources so remote shards rank identically (private).
#ifndef GAZETTE_QUERY_RANKING_H_
#define GAZETTE_QUERY_RANKING_H_

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

// A publication day present in the index ("YYYYMMDD") and its noon, UTC.
struct PublicationDay {
  std::string day;
  std::int64_t noon = 0;
};

// Wraps the scored `text` query so that each match's weight becomes
// text + quality + recency: a ValueWeightPostingSource on the quality slot scaled by
// ranking.quality/100, and a ValueMapPostingSource from each day in `days` to its
// recency weight. Both sources are built-in and serialisable.
Xapian::Query Rank(const Xapian::Query& text, const Ranking& ranking,
                   const std::vector<PublicationDay>& days, std::int64_t origin);

// The quality and recency parts of a hit's weight, read from its document; the text
// part is the rest.
Explain ExplainWeight(const Xapian::Document& doc, double weight, const Ranking& ranking,
                      std::int64_t origin);

// Every distinct publication day in the database ("YYYYMMDD"), ascending.
std::vector<PublicationDay> PublicationDays(const Xapian::Database& db);

// The newest articles, as a tier to rank first: `filter` matches every article whose
// recency weight is at least `floor` (by month terms, so some a little older too); no
// article outside it has a recency weight above `outside_max`; `max_recency` is the
// largest weight Rank()'s recency source gives any day.
struct RecencyTier {
  Xapian::Query filter;  // empty when no day reaches the floor
  double outside_max = 0;
  double max_recency = 0;
};
RecencyTier RecentTier(const Ranking& ranking, const std::vector<PublicationDay>& days,
                       std::int64_t origin, double floor);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_RANKING_H_
