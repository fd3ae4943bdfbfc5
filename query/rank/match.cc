// One lane's match: the ranked query, the page, the total; and the merge of lanes.
#include "query/rank/match.h"

#include <algorithm>
#include <chrono>

#include "indexer/schema.h"
#include "query/plan/field_weights.h"
#include "query/rank/ranking.h"
#include "query/rank/tiers.h"
#include "query/stages.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// Whether the request folds each story into one hit: not when it lists one story.
bool Folds(const SearchRequest& request) { return request.collapse && request.story.empty(); }

// Matches examined beyond the page, so small result sets get exact totals.
constexpr Xapian::doccount kCheckAtLeast = 1000;
// Without facets, totals whose bounds Xapian leaves apart are counted exactly when at
// most this many articles can match.
constexpr Xapian::doccount kExactCountLimit = 10000;

// An Enquire for `query` in the plan's order, folding duplicates when asked.
Xapian::Enquire PageEnquire(const IndexView& view, const Limits& limits,
                            const SearchRequest& request, const QueryPlan& plan,
                            const Xapian::Query& query) {
  Xapian::Enquire enquire(view.db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(TextWeighting(request.ranking.bm25));
  if (Folds(request)) enquire.set_collapse_key(schema::kSlotStory);
  if (limits.time_limit_s > 0) enquire.set_time_limit(limits.time_limit_s);
  switch (plan.sort) {
    case SortOrder::kRelevance:
      break;
    case SortOrder::kNewest:
    case SortOrder::kOldest:
      enquire.set_sort_by_value_then_relevance(schema::kSlotPublished,
                                               plan.sort == SortOrder::kNewest);
      break;
    case SortOrder::kQuality:
      enquire.set_sort_by_value_then_relevance(schema::kSlotQuality, true);
      break;
  }
  return enquire;
}

// Counts the matches of `counted` exactly, without the ranking sources: checking every
// candidate makes Xapian's bounds meet.
std::uint64_t CountAll(const IndexView& view, const Xapian::Query& counted) {
  Xapian::Enquire count(view.db);
  count.set_query(counted);
  count.set_weighting_scheme(Xapian::BoolWeight());
  return count.get_mset(0, 0, view.db.get_doccount()).get_matches_estimated();
}

// Counts the candidates a match hands to its spies. Before the match has seen
// check_at_least of them (collapsed duplicates not counted), its weight floor stays 0:
// no candidate is skipped or rejected, so a count below check_at_least is every match
// of the query. Local shards only: the spy is not serialisable.
class CandidateCountSpy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document&, double) override { ++seen_; }
  Xapian::doccount seen() const { return seen_; }

 private:
  Xapian::doccount seen_ = 0;
};

// The page's MSet, and the number of matches when the match saw all of them (fewer than
// `check`, on local shards, within the time limit: a match past it may stop early).
struct PageMatch {
  Xapian::MSet mset;
  std::optional<std::uint64_t> all;
};

PageMatch MatchPage(const IndexView& view, const Limits& limits, Xapian::Enquire* enquire,
                    PageWindow page, Xapian::doccount check, bool count) {
  PageMatch out;
  if (!count || !view.facts.columns) {
    out.mset = enquire->get_mset(page.first, page.per_page, check);
    return out;
  }
  CandidateCountSpy spy;
  enquire->add_matchspy(&spy);
  const auto start = std::chrono::steady_clock::now();
  out.mset = enquire->get_mset(page.first, page.per_page, check);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  enquire->clear_matchspies();
  if (spy.seen() < check && (limits.time_limit_s <= 0 || took.count() < limits.time_limit_s)) {
    out.all = spy.seen();
  }
  return out;
}

// Sets the total of a match counted without facets from the page's match: estimated
// when tiered, exact when the page's match saw every candidate or Xapian's uncollapsed
// bounds meet, else counted when few can match.
void SetTotal(const IndexView& view, const QueryPlan& plan, const LazyStatistics& counted,
              const PageMatch& matched, PageWindow page, Matched* out) {
  SearchResponse& response = out->response;
  const Xapian::MSet& mset = matched.mset;
  if (out->tiered) {
    response.total =
        std::max<std::uint64_t>(counted().get_matches_estimated(), page.first + mset.size());
    response.total_exact = false;
    // The estimate a single match gives, should every lane rank within a tier.
    if (page.lane.count > 1 && page.lane.index == 0) {
      out->whole_estimate = Statistics(view, Filtered(plan, plan.text, "")).get_matches_estimated();
    }
  } else if (matched.all) {
    response.total = *matched.all;
    response.total_exact = true;
  } else if (mset.get_uncollapsed_matches_lower_bound() ==
             mset.get_uncollapsed_matches_upper_bound()) {
    // total counts matching articles, like the facets; exact duplicates fold into one
    // hit. Xapian's uncollapsed bounds serve when they meet.
    response.total = mset.get_uncollapsed_matches_estimated();
    response.total_exact = true;
  } else if (mset.get_uncollapsed_matches_upper_bound() <= kExactCountLimit) {
    response.total = CountAll(view, counted.query());
    response.total_exact = true;
  } else {
    response.total = mset.get_uncollapsed_matches_estimated();
    response.total_exact = false;
  }
}

// The size of the whole match (every lane's share) when Xapian's bounds meet: the
// statistics of a lane's share cannot tell.
std::optional<std::uint64_t> KnownTotal(const IndexView& view, const QueryPlan& plan, Lane lane,
                                        const LazyStatistics& counted) {
  const Xapian::MSet whole =
      lane.count > 1 ? Statistics(view, Filtered(plan, plan.text, "")) : counted();
  if (whole.get_matches_lower_bound() != whole.get_matches_upper_bound()) return std::nullopt;
  return whole.get_matches_lower_bound();
}

// Sets the exact total when one is known.
void UseKnownTotal(Matched* m) {
  if (!m->known_total) return;
  m->response.total = *m->known_total;
  m->response.total_exact = true;
}

// The page window of `lane`: a lane ranks its best up to the end of the page; the
// merge cuts the page.
PageWindow WindowOf(const SearchRequest& request, Lane lane) {
  const auto page_end = static_cast<Xapian::doccount>(request.page * request.per_page);
  const bool split = lane.count > 1;
  PageWindow page;
  page.first = split ? 0 : static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  page.per_page = split ? page_end : static_cast<Xapian::doccount>(request.per_page);
  page.lane = lane;
  return page;
}

void KeepRanking(const SearchRequest& request, const QueryPlan& plan, const Xapian::MSet& mset,
                 std::vector<Ranked>* out) {
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out->push_back(Ranked{*it, it.get_weight(),
                          plan.sort == SortOrder::kRelevance ? std::string() : it.get_sort_key(),
                          Folds(request) ? it.get_collapse_key() : std::string(),
                          it.get_collapse_count()});
  }
}

}  // namespace

Matched MatchLane(const IndexView& view, const Limits& limits, const SearchRequest& request,
                  const QueryPlan& plan, Lane lane, PageFloor* shared) {
  PageFloor own(1, static_cast<std::size_t>(request.per_page));
  PageFloor* floor = shared != nullptr ? shared : &own;
  const LeaveOnExit leaving{floor, lane.index};  // also when the match throws
  const double lanes = lane.count;
  Matched out;
  out.response.notices = plan.parsed.notices;
  // The unranked, filtered text query: facets and totals count its matches, and its
  // statistics plan the tiers. In a lane, estimates are of the lane's share and are
  // scaled up (by `lanes`) where they are weighed against the whole database.
  const LazyStatistics counted(view, Filtered(plan, plan.text, "", lane), request.ranking.bm25);
  const Xapian::Query ranked = Rank(plan.scored, request.ranking, view.facts.days, plan.origin,
                                    UseColumns(view, counted().get_matches_estimated() * lanes,
                                               {schema::kSlotQuality, schema::kSlotDay}));
  const Xapian::Query query = Filtered(plan, ranked, "", lane);
  Xapian::Enquire enquire = PageEnquire(view, limits, request, plan, query);
  // Facets and their total are counted in a match of their own, without ranking
  // sources: the page's match stays free to skip candidates that cannot reach it.
  const bool want_facets = !request.facets.empty();
  if (want_facets) {
    StageClock clock(Stage::kFacets);
    out.tally = CountFacets(view, limits, request, plan, lane, counted);
    out.response.total = out.tally.total;
    out.response.total_exact = out.tally.total_exact;
    out.response.facets_exact = out.tally.exact;
  }
  const PageWindow page = WindowOf(request, lane);
  const Xapian::doccount check = std::max<Xapian::doccount>(
      static_cast<Xapian::doccount>(request.page * request.per_page), kCheckAtLeast);
  PageMatch matched;
  const auto& known = out.tally.known;
  if (known) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query((new KnownDocids(known))->release())));
  }
  const bool tiered = [&] {
    StageClock clock(Stage::kTiers);
    return !known && plan.sort == SortOrder::kRelevance && limits.tiered_ranking &&
           RankBestFirst(view, limits, request, plan, counted, &enquire, query, page, floor,
                         &matched.mset);
  }();
  if (!tiered) matched = MatchPage(view, limits, &enquire, page, check, !want_facets);
  KeepRanking(request, plan, matched.mset, &out.ranked);
  // With facets, the total was counted with them.
  if (!want_facets) {
    out.tiered = tiered;
    StageClock clock(Stage::kCount);
    SetTotal(view, plan, counted, matched, page, &out);
  }
  // A total estimated from a tier stays an estimate; a counted one may be known exactly.
  if (lane.index == 0 && !out.response.total_exact && (!tiered || want_facets)) {
    out.known_total = KnownTotal(view, plan, lane, counted);
  }
  if (lane.count == 1) UseKnownTotal(&out);
  return out;
}

Matched MergeLanes(const SearchRequest& request, std::vector<Matched> lanes) {
  std::vector<std::vector<Ranked>> rankings;
  for (Matched& m : lanes) rankings.push_back(std::move(m.ranked));
  const bool descending = request.sort != SortOrder::kOldest;
  const auto page_end = static_cast<std::size_t>(request.page * request.per_page);
  std::vector<Ranked> merged;
  MergeRanked(std::move(rankings), page_end, descending, &merged);
  Matched out = std::move(lanes[0]);
  const auto first = static_cast<std::size_t>((request.page - 1) * request.per_page);
  out.ranked.assign(merged.begin() + static_cast<std::ptrdiff_t>(std::min(first, merged.size())),
                    merged.end());
  for (std::size_t i = 1; i < lanes.size(); ++i) {
    const Matched& m = lanes[i];
    out.response.total += m.response.total;
    out.response.total_exact = out.response.total_exact && m.response.total_exact;
    out.response.facets_exact = out.response.facets_exact && m.response.facets_exact;
    for (const auto& [facet, counts] : m.tally.facets)
      MergeCounts(counts, &out.tally.facets[facet]);
    MergeCounts(m.tally.days, &out.tally.days);
    out.tiered = out.tiered && m.tiered;
  }
  if (out.tiered) out.response.total = std::max(out.whole_estimate, merged.size());
  UseKnownTotal(&out);
  return out;
}

}  // namespace gazette::query
