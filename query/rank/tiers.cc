// Tiers of day and quality-band cells ranked first, and when they decide the page.
#include "query/rank/tiers.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

#include "indexer/schema.h"
#include "query/plan/field_weights.h"
#include "query/rank/ranking.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// A tier expected to hold kTierMargin times the page's share of the matches; at most
// kTierAttempts tiers; none over kTierMaxShare of the articles or kTierMaxTerms day
// terms. kTierReach: how far past the text bound a first tier reaches when that is
// small enough. kTierTextShortfall: the least share of the text bound by which the
// page's last hit is assumed to fall short of it (a fifth or more on 9 in 10 generated
// queries). A tier reaching past the text bound is tried first unless it is expected
// to hold more than kTierReachFirst times the first tier sized by the matches'
// density. Weights within kTierSlack count as equal.
constexpr double kTierMargin = 20;
constexpr int kTierAttempts = 3;
constexpr double kTierMaxShare = 0.3;
constexpr std::size_t kTierMaxTerms = 4000;
constexpr double kTierReach = 1.1;
constexpr double kTierTextShortfall = 0.2;
constexpr double kTierSlack = 1e-9;
constexpr double kTierReachFirst = 4;

// What sizes the tiers of one ranking.
struct TierInputs {
  double text_max = 0;  // the text part's weight bound
  double matches = 0;   // estimated matches in this lane
  double need = 0;      // hits up to the end of the page
  double cap = 0;       // the largest tier allowed, in articles
  double all = 0;       // articles in the database
};

// The depth of the first tier, or none when no tier can pay. Deep enough to hold the
// page several times over by estimate. A tier reaching past the text bound decides the
// page whenever it holds it: when one is small enough, and not much larger than that,
// it is the first tried (otherwise the first tier's last hit shows how deep the next
// must go, often far less deep).
std::optional<double> FirstDepth(const TierPlanner& planner, const TierInputs& in) {
  double depth = planner.DepthFor(kTierMargin * in.need * in.all / in.matches);
  const double reach = planner.ExpectedWithin(kTierReach * in.text_max);
  if (reach <= in.cap) {
    if (reach <= kTierReachFirst * planner.ExpectedWithin(depth)) {
      depth = std::max(depth, kTierReach * in.text_max);
    }
  } else if (planner.ExpectedWithin(kTierTextShortfall * in.text_max) > in.cap) {
    // The page's last hit falls short of the text bound by this share or more, and the
    // tier must reach as far: too large to pay.
    return std::nullopt;
  }
  return depth;
}

// Tries up to kTierAttempts tiers from `depth`; true when one decides the page.
bool TryTiers(const TierPlanner& planner, const TierInputs& in, double depth, bool columns,
              bool positional, const Ranking& ranking, std::int64_t origin,
              Xapian::Enquire* enquire, const Xapian::Query& query, PageWindow page,
              PageFloor* floor, Xapian::MSet* out) {
  for (int attempt = 0; attempt < kTierAttempts; ++attempt) {
    RankTier tier = planner.Cut(depth, kTierMaxTerms, !columns);
    if (columns && tier.cells > 0) {
      tier.filter = ColumnTier(ranking, origin, planner.top() - depth - kTierSlack, tier.expected);
    }
    if (tier.filter.empty() || tier.expected > in.cap) return false;
    enquire->set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, tier.filter));
    Xapian::MSet mset = enquire->get_mset(page.first, page.per_page);
    enquire->set_query(query);
    const double bound = in.text_max + tier.outside_max + kTierSlack;
    std::vector<double> weights;
    for (auto it = mset.begin(); it != mset.end(); ++it) weights.push_back(it.get_weight());
    const double last = floor->Exchange(page.lane.index, attempt, std::move(weights));
    if (last > bound) {
      *out = std::move(mset);
      return true;
    }
    if (last == -std::numeric_limits<double>::infinity()) {
      // Too few matches in the tier: their density there sizes the next one, up to the
      // largest tier allowed. A phrase's estimate is then far above its real count, and
      // so few matches are best found by the full match.
      if (positional || tier.expected >= 0.9 * in.cap) return false;
      const double found = std::max<double>(mset.get_matches_estimated(), 0.5);
      const double articles =
          std::min(kTierMargin * in.need * tier.expected / found, 0.95 * in.cap);
      depth = std::max(depth * 2, planner.DepthFor(articles));
      continue;
    }
    // Every cell left out must be bounded below last - text_max. Deepening only raises
    // the last hit, so a tier that deep decides the page.
    depth = std::max(depth * 1.01, planner.top() - (last - in.text_max) + 2 * kTierSlack);
  }
  return false;
}

bool SameDays(const std::vector<PublicationDay>& a, const std::vector<PublicationDay>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.noon == y.noon && x.articles == y.articles && x.day == y.day;
  });
}

bool SameBands(const std::vector<QualityBand>& a, const std::vector<QualityBand>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.max_quality == y.max_quality && x.articles == y.articles && x.term == y.term;
  });
}

// The tier planner of `ranking` at `origin` over the view's days and bands. A thread
// keeps its last one, for the searches of the same second over the same facts: it
// points into the days it was made from, so the same vector must hold the same days.
const TierPlanner& PlannerFor(const IndexView& view, const Ranking& ranking, Xapian::doccount all,
                              std::int64_t origin) {
  struct Memo {
    Ranking ranking;
    std::int64_t origin = 0;
    Xapian::doccount all = 0;
    const PublicationDay* days_at = nullptr;
    std::vector<PublicationDay> days;
    std::vector<QualityBand> bands;
    std::unique_ptr<const TierPlanner> planner;
  };
  thread_local Memo last;
  const IndexFacts& facts = view.facts;
  const Ranking& r = last.ranking;
  if (last.planner && r.quality == ranking.quality && r.recency == ranking.recency &&
      r.half_life_days == ranking.half_life_days && r.decay == ranking.decay &&
      last.origin == origin && last.all == all && last.days_at == facts.days.data() &&
      SameDays(last.days, facts.days) && SameBands(last.bands, facts.bands)) {
    return *last.planner;
  }
  last.ranking = ranking;
  last.origin = origin;
  last.all = all;
  last.days_at = facts.days.data();
  last.days = facts.days;
  last.bands = facts.bands;
  last.planner = std::make_unique<const TierPlanner>(ranking, facts.days, facts.bands, all, origin);
  return *last.planner;
}

}  // namespace

bool RankBestFirst(const IndexView& view, const Limits& limits, const SearchRequest& request,
                   const QueryPlan& plan, const LazyStatistics& counted, Xapian::Enquire* enquire,
                   const Xapian::Query& query, PageWindow page, PageFloor* floor,
                   Xapian::MSet* out) {
  const LeaveOnExit leaving{floor, page.lane.index};  // this lane's tiers end here
  const double lanes = page.lane.count;
  const Xapian::doccount all = view.db.get_doccount();
  TierInputs in;
  // The text part's bound: `counted` is weighted with the request's BM25 parameters;
  // field weights other than the identity change the query.
  in.text_max = TextAlone(request.ranking.fields)
                    ? counted().get_max_possible()
                    : Statistics(view, Filtered(plan, plan.scored, "", page.lane),
                                 TextWeighting(request.ranking.bm25))
                          .get_max_possible();
  in.matches = counted().get_matches_estimated();
  in.need = page.first + page.per_page;
  in.cap = kTierMaxShare * all;
  in.all = all;
  // A phrase match checks positions of every candidate: tiers pay from fewer.
  const bool positional = Positional(plan.text);
  const double min_matches =
      positional ? limits.tier_min_matches / kPositionalCost : limits.tier_min_matches;
  if (in.matches * lanes < min_matches || in.matches == 0) return false;
  const TierPlanner& planner = PlannerFor(view, request.ranking, all, plan.origin);
  if (!planner.usable()) return false;
  const std::optional<double> depth = FirstDepth(planner, in);
  if (!depth) return false;
  // On local shards the tier is read from value columns: a filter of thousands of day
  // terms costs more than it saves.
  const bool columns =
      UseColumns(view, in.matches * lanes, {schema::kSlotQuality, schema::kSlotDay});
  return TryTiers(planner, in, *depth, columns, positional, request.ranking, plan.origin, enquire,
                  query, page, floor, out);
}

}  // namespace gazette::query
