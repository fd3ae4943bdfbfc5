// Quality and recency terms of the ranking formula (docs/ranking.md).
#include "query/ranking.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>

#include "indexer/schema.h"
#include "query/term_values.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// Seconds since the epoch at noon UTC of a "YYYYMMDD" day, or -1.
std::int64_t DayNoon(const std::string& day) {
  if (day.size() != 8) return -1;
  std::tm tm{};
  tm.tm_year = std::stoi(day.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(day.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(day.substr(6, 2));
  tm.tm_hour = 12;
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The recency term for an article published at noon `t` of its day.
double RecencyAt(const Ranking& ranking, std::int64_t t, std::int64_t origin) {
  if (ranking.recency <= 0 || ranking.half_life_days <= 0 || t < 0) return 0;
  // Articles dated after the origin count as age 0.
  const double age_days = std::max<double>(0, static_cast<double>(origin - t) / 86400.0);
  const double x = age_days / ranking.half_life_days;
  const double decay =
      ranking.decay == Decay::kExponential ? std::exp2(-x) : std::exp2(-x * x);  // 0.5 at x=1
  return ranking.recency * decay;
}

double RecencyWeight(const Ranking& ranking, const std::string& day, std::int64_t origin) {
  return RecencyAt(ranking, DayNoon(day), origin);
}

Xapian::Query Rank(const Xapian::Query& text, const Ranking& ranking,
                   const std::vector<PublicationDay>& days, std::int64_t origin) {
  std::vector<Xapian::Query> extras;
  if (ranking.quality > 0) {
    Xapian::Query quality((new Xapian::ValueWeightPostingSource(schema::kSlotQuality))->release());
    extras.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, quality, ranking.quality / 100.0);
  }
  if (ranking.recency > 0 && !days.empty()) {
    auto* source = new Xapian::ValueMapPostingSource(schema::kSlotDay);
    source->set_default_weight(0);
    for (const PublicationDay& d : days) {
      const double w = RecencyAt(ranking, d.noon, origin);
      if (w > 1e-9) source->add_mapping(d.day, w);
    }
    extras.emplace_back(source->release());
  }
  if (extras.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                       Xapian::Query(Xapian::Query::OP_OR, extras.begin(), extras.end()));
}

Explain ExplainWeight(const Xapian::Document& doc, double weight, const Ranking& ranking,
                      std::int64_t origin) {
  Explain e;
  const std::string quality = doc.get_value(schema::kSlotQuality);
  if (ranking.quality > 0 && !quality.empty()) {
    e.quality = ranking.quality / 100.0 * Xapian::sortable_unserialise(quality);
  }
  const double recency = RecencyWeight(ranking, doc.get_value(schema::kSlotDay), origin);
  if (recency > 1e-9) e.recency = recency;
  e.text = weight - e.quality - e.recency;
  if (std::fabs(e.text) < 1e-9) e.text = 0;
  return e;
}

RecencyTier RecentTier(const Ranking& ranking, const std::vector<PublicationDay>& days,
                       std::int64_t origin, double floor) {
  // Whole months (one M term each, few posting lists to merge) with any day at or
  // above the floor form the tier; every day of the other months bounds the rest.
  std::map<std::string, double> month_best;
  RecencyTier tier;
  for (const PublicationDay& d : days) {
    const double w = RecencyAt(ranking, d.noon, origin);
    if (w <= 1e-9) continue;  // not mapped by Rank(): weight 0
    tier.max_recency = std::max(tier.max_recency, w);
    double& best = month_best[d.day.substr(0, 6)];
    best = std::max(best, w);
  }
  std::vector<Xapian::Query> recent;
  for (const auto& [month, best] : month_best) {
    if (best >= floor) {
      recent.emplace_back(schema::kPrefixMonth + month);
    } else {
      tier.outside_max = std::max(tier.outside_max, best);
    }
  }
  if (!recent.empty()) {
    tier.filter = Xapian::Query(Xapian::Query::OP_OR, recent.begin(), recent.end());
  }
  return tier;
}

std::vector<PublicationDay> PublicationDays(const Xapian::Database& db) {
  std::vector<PublicationDay> out;
  for (std::string& day : TermValues(db, schema::kPrefixDay)) {
    const std::int64_t noon = DayNoon(day);
    out.push_back(PublicationDay{std::move(day), noon});
  }
  return out;
}

}  // namespace gazette::query
