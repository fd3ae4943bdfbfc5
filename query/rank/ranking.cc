// Quality and recency terms of the ranking formula (docs/ranking.md).
#include "query/rank/ranking.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <memory>
#include <unordered_map>

#include "indexer/schema.h"
#include "query/index/value_columns.h"

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

// The best quality in band `band` (0-9, as the indexer's XQ terms: quality / 10,
// with 100 in band 9).
int BandMaxQuality(int band) { return band == 9 ? 100 : band * 10 + 9; }

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

namespace {

using DayWeights = std::unordered_map<std::string, double>;

// The weighing functions of Rank's column source for one ranking, origin and list of
// days. A thread keeps the last ones: the searches of one second share them, and the
// value columns weigh each value once for them (WeightedSlot::Load).
struct RankWeights {
  double quality = -1, recency = -1, half_life = -1;
  Decay decay = Decay::kExponential;
  std::int64_t origin = 0;
  std::vector<PublicationDay> days;  // articles left 0: the weights do not depend on them
  std::shared_ptr<const DayWeights> day_weights;
  std::shared_ptr<const WeightedSlot::WeightOf> quality_of, day_of;

  bool Same(const Ranking& r, const std::vector<PublicationDay>& ds, std::int64_t o) const {
    if (r.quality != quality || r.recency != recency || r.half_life_days != half_life ||
        r.decay != decay || o != origin || ds.size() != days.size()) {
      return false;
    }
    for (std::size_t i = 0; i < ds.size(); ++i) {
      if (ds[i].noon != days[i].noon || ds[i].day != days[i].day) return false;
    }
    return true;
  }
};

// Each day's recency weight (days below 1e-9 weigh 0, left unmapped) and the weighing
// functions of the quality and day slots, for `ranking` at `origin`.
const RankWeights& WeightsFor(const Ranking& ranking, const std::vector<PublicationDay>& days,
                              std::int64_t origin) {
  thread_local RankWeights last;
  if (last.day_weights && last.Same(ranking, days, origin)) return last;
  RankWeights w{ranking.quality,
                ranking.recency,
                ranking.half_life_days,
                ranking.decay,
                origin,
                {},
                {},
                {},
                {}};
  auto day_weights = std::make_shared<DayWeights>();
  for (const PublicationDay& d : days) {
    w.days.push_back(PublicationDay{d.day, d.noon, 0});
    if (ranking.recency <= 0) continue;
    const double weight = RecencyAt(ranking, d.noon, origin);
    if (weight > 1e-9) (*day_weights)[d.day] = weight;
  }
  const double scale = ranking.quality / 100.0;
  w.quality_of = std::make_shared<const WeightedSlot::WeightOf>(
      [scale](const std::string& v) { return scale * Xapian::sortable_unserialise(v); });
  w.day_of = std::make_shared<const WeightedSlot::WeightOf>([day_weights](const std::string& day) {
    auto it = day_weights->find(day);
    return it == day_weights->end() ? 0.0 : it->second;
  });
  w.day_weights = std::move(day_weights);
  last = std::move(w);
  return last;
}

}  // namespace

Xapian::Query Rank(const Xapian::Query& text, const Ranking& ranking,
                   const std::vector<PublicationDay>& days, std::int64_t origin, bool columns) {
  const bool recency = ranking.recency > 0 && !days.empty();
  const RankWeights& weights = WeightsFor(ranking, days, origin);
  const std::shared_ptr<const DayWeights> day_weights = weights.day_weights;
  if (columns) {
    // One source for both parts, weighing what the stock sources below weigh (the
    // quality scaled as OP_SCALE_WEIGHT scales it).
    std::vector<WeightedSlot> parts;
    if (ranking.quality > 0) parts.push_back({schema::kSlotQuality, weights.quality_of});
    if (recency) parts.push_back({schema::kSlotDay, weights.day_of});
    if (parts.empty()) return text;
    parts.resize(2);  // an unused second slot when there is one part
    auto* source = new ColumnWeightSource(parts[0], parts[1]);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, Xapian::Query(source->release()));
  }
  std::vector<Xapian::Query> extras;
  if (ranking.quality > 0) {
    extras.emplace_back(
        Xapian::Query::OP_SCALE_WEIGHT,
        Xapian::Query((new Xapian::ValueWeightPostingSource(schema::kSlotQuality))->release()),
        ranking.quality / 100.0);
  }
  if (recency) {
    auto* source = new Xapian::ValueMapPostingSource(schema::kSlotDay);
    source->set_default_weight(0);
    for (const auto& [day, w] : *day_weights) source->add_mapping(day, w);
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

std::vector<PublicationDay> PublicationDays(const Xapian::Database& db) {
  std::vector<PublicationDay> out;
  const std::string prefix = schema::kPrefixDay;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string day = (*t).substr(prefix.size());
    const std::int64_t noon = DayNoon(day);
    out.push_back(PublicationDay{std::move(day), noon, t.get_termfreq()});
  }
  return out;
}

std::vector<QualityBand> QualityBands(const Xapian::Database& db) {
  std::vector<QualityBand> out;
  const std::string prefix = schema::kPrefixQualityBand;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    const std::string band = term.substr(prefix.size());
    int max_quality = 0;
    if (band.size() == 1 && band[0] >= '0' && band[0] <= '9') {
      max_quality = BandMaxQuality(band[0] - '0');
    } else if (band != "n") {
      continue;
    }
    out.push_back(QualityBand{term, max_quality, t.get_termfreq()});
  }
  return out;
}

TierPlanner::TierPlanner(const Ranking& ranking, const std::vector<PublicationDay>& days,
                         const std::vector<QualityBand>& bands, Xapian::doccount articles,
                         std::int64_t origin) {
  if (articles == 0 || (ranking.quality <= 0 && ranking.recency <= 0)) return;
  // Every article must carry a band, or articles outside every cell would go unbounded.
  Xapian::doccount banded = 0;
  for (const QualityBand& b : bands) banded += b.articles;
  if (banded != articles) return;
  double best_band = 0;
  for (const QualityBand& b : bands) {
    if (b.articles == 0) continue;
    Band band{b.term, ranking.quality * b.max_quality / 100.0,
              static_cast<double>(b.articles) / articles};
    best_band = std::max(best_band, band.weight);
    bands_.push_back(std::move(band));
  }
  std::vector<std::pair<double, const PublicationDay*>> by_weight;
  Xapian::doccount dated = 0;
  for (const PublicationDay& d : days) {
    if (d.articles == 0) continue;
    const double w = RecencyAt(ranking, d.noon, origin);
    by_weight.emplace_back(w > 1e-9 ? w : 0.0, &d);  // as Rank() maps it
    dated += d.articles;
  }
  std::stable_sort(by_weight.begin(), by_weight.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  double sum = 0;
  for (const auto& [w, d] : by_weight) {
    order_.push_back(d);
    recency_.push_back(w);
    sum += d->articles;
    cumulative_.push_back(sum);
  }
  if (dated < articles) undated_max_ = best_band;  // articles without a date: no recency
  top_ = (recency_.empty() ? 0 : recency_.front()) + best_band;
  usable_ = !bands_.empty();
}

std::size_t TierPlanner::DaysAbove(const Band& band, double t) const {
  // recency_ is descending: count the days with recency + band weight >= t.
  const double need = t - band.weight;
  return static_cast<std::size_t>(
      std::upper_bound(recency_.begin(), recency_.end(), need, std::greater<double>()) -
      recency_.begin());
}

double TierPlanner::Expected(double t) const {
  double n = 0;
  for (const Band& band : bands_) {
    const std::size_t k = DaysAbove(band, t);
    if (k > 0) n += band.share * cumulative_[k - 1];
  }
  return n;
}

double TierPlanner::DepthFor(double articles) const {
  double lo = 0, hi = top_ + 1;
  if (Expected(top_ - hi) < articles) return hi;
  for (int i = 0; i < 50; ++i) {
    const double mid = (lo + hi) / 2;
    (Expected(top_ - mid) >= articles ? hi : lo) = mid;
  }
  return hi;
}

RankTier TierPlanner::Cut(double depth, std::size_t max_terms, bool with_terms) const {
  RankTier tier;
  if (!usable_) return tier;
  const double t = top_ - depth;
  tier.outside_max = undated_max_;
  std::size_t terms = 0;
  std::vector<Xapian::Query> cells;
  for (const Band& band : bands_) {
    const std::size_t k = DaysAbove(band, t);
    if (k < order_.size()) tier.outside_max = std::max(tier.outside_max, band.weight + recency_[k]);
    if (k == 0) continue;
    tier.expected += band.share * cumulative_[k - 1];
    ++tier.cells;
    if (!with_terms) continue;
    // The band's days, or the band without the days left out when those are fewer
    // (which also takes in its undated articles: a superset does no harm).
    const bool by_exclusion = order_.size() - k < k;
    const std::size_t from = by_exclusion ? k : 0, to = by_exclusion ? order_.size() : k;
    terms += to - from;
    if (terms > max_terms) return RankTier{};
    std::vector<Xapian::Query> days;
    days.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) days.emplace_back(schema::kPrefixDay + order_[i]->day);
    const Xapian::Query band_term(band.term);
    const Xapian::Query listed(Xapian::Query::OP_OR, days.begin(), days.end());
    if (!by_exclusion) {
      cells.emplace_back(Xapian::Query::OP_FILTER, band_term, listed);
    } else {
      cells.push_back(days.empty() ? band_term
                                   : Xapian::Query(Xapian::Query::OP_AND_NOT, band_term, listed));
    }
  }
  if (tier.cells == 0) return RankTier{};
  if (with_terms) tier.filter = Xapian::Query(Xapian::Query::OP_OR, cells.begin(), cells.end());
  tier.outside_max = std::max(tier.outside_max, 0.0);
  return tier;
}

Xapian::Query ColumnTier(const Ranking& ranking, std::int64_t origin, double threshold,
                         double expected) {
  // A quality's band bound: the weight of the band's best quality (indexer: band
  // clamp(q, 0, 99) / 10).
  const double quality_weight = ranking.quality;
  auto band = std::make_shared<const ColumnThresholdSource::WeightOf>(
      [quality_weight](const std::string& v) {
        const int q = static_cast<int>(std::floor(Xapian::sortable_unserialise(v)));
        return quality_weight * BandMaxQuality(std::clamp(q, 0, 99) / 10) / 100.0;
      });
  auto recency = std::make_shared<const ColumnThresholdSource::WeightOf>(
      [ranking, origin](const std::string& day) {
        const double w = RecencyWeight(ranking, day, origin);
        return w > 1e-9 ? w : 0.0;  // as Rank() maps it
      });
  auto* source = new ColumnThresholdSource(schema::kSlotQuality, band, schema::kSlotDay, recency,
                                           threshold, static_cast<Xapian::doccount>(expected));
  return Xapian::Query(source->release());
}

}  // namespace gazette::query
