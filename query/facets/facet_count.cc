// Facet and total counting over value columns or Xapian's value-count spies.
#include "query/facets/facet_count.h"

#include <algorithm>
#include <cmath>

#include "indexer/schema.h"
#include "query/facets/facets.h"
#include "query/index/value_columns.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// A sample with fewer than kMinSampledMatches matches is too small to scale: a finer
// one is counted, expected to hold that many.
constexpr std::uint64_t kMinSampledMatches = 64;
// A phrase's matches counted one by one are handed to the page's match when there are
// at most this many (KnownDocids).
constexpr std::size_t kKnownMatches = 20000;

// The facets counted in one match: the one left unfiltered ("" for none) and where
// their counts go.
struct Count {
  SlotSinks slots;                    // counted into
  std::vector<SampledCounts*> sinks;  // scaled alike
  std::uint64_t matches = 0;
};

// The filter a facet is counted without: its own when the request filters on it.
std::string CountedWithout(const RequestFilters& filters, const std::string& facet) {
  return filters.by_facet.count(facet) ? facet : std::string();
}

// Groups the request's facets by the filter each is counted without.
std::map<std::string, Count> GroupFacets(const SearchRequest& request, const QueryPlan& plan,
                                         int max_topics, FacetTally* tally) {
  std::map<std::string, Count> groups;
  groups[""];
  for (const std::string& facet : request.facets) {
    Count& c = groups[CountedWithout(plan.filters, facet)];
    if (facet == "date") {
      tally->want_days = true;
      c.slots.emplace_back(schema::kSlotDay, &tally->days.counts);
      c.sinks.push_back(&tally->days);
      continue;
    }
    if (tally->facets.count(facet)) continue;
    SampledCounts& sink = tally->facets[facet];
    for (Xapian::valueno slot : FacetSlots(facet, max_topics))
      c.slots.emplace_back(slot, &sink.counts);
    c.sinks.push_back(&sink);
  }
  return groups;
}

// Whether a sampled count of `scaled` articles may stand for a match set that holds
// no more than `limit` (Limits::facet_sample_above), which is then counted exactly:
// when Xapian's lower bound (`lower`) allows it and the sample's count is within
// twice that. Articles are sampled by a hash of their id, and a sample is kept only
// when it holds kMinSampledMatches matches: it doubles the size of its match set fewer
// than once in a million times (a Poisson tail, at worst 2e-7).
bool MayBeWithin(std::uint64_t limit, double lower, double scaled) {
  constexpr double kRecountMargin = 2;
  const double bound = static_cast<double>(limit);
  return lower <= bound && scaled <= bound * kRecountMargin;
}

// Counts one group over the matches of `q` (Xapian's statistics of this lane's share:
// `stats`); returns the sample level counted on. Exact (level 0) when the match set
// holds at most Limits::facet_sample_above articles.
int CountGroup(const IndexView& view, const Limits& limits, const QueryPlan& plan,
               const Xapian::Query& q, const Xapian::MSet& stats, double lanes, bool unfiltered,
               Count* c, std::shared_ptr<KnownDocids::ByShard>* known) {
  const double estimate = stats.get_matches_estimated();
  const bool small = static_cast<double>(stats.get_matches_upper_bound()) * lanes <=
                     static_cast<double>(limits.facet_sample_above);
  int level = 0;
  if (!small && Positional(q)) {
    const double candidates = Statistics(view, WithoutPositions(q)).get_matches_estimated();
    level = SampleLevel(view.facts, limits, candidates * lanes, kPositionalCost);
  } else if (!small) {
    level = SampleLevel(view.facts, limits, estimate * lanes);
  }
  std::vector<Xapian::valueno> slots;
  for (const auto& slot : c->slots) slots.push_back(slot.first);
  const bool columns = UseColumns(view, estimate * lanes, slots);
  const bool keep = unfiltered && columns && Positional(plan.text);
  auto count = [&] {
    for (auto& slot : c->slots) slot.second->clear();
    if (level > 0) return CountMatches(view, limits, Sampled(q, level), c->slots, columns);
    return CountMatches(view, limits, q, c->slots, columns, keep ? known : nullptr);
  };
  c->matches = count();
  while (level > 0 && c->matches * lanes < kMinSampledMatches) {
    level = FinerLevel(level, static_cast<std::uint64_t>(c->matches * lanes));
    c->matches = count();
  }
  const double scaled = std::ldexp(static_cast<double>(c->matches) * lanes, level);
  if (level > 0 &&
      MayBeWithin(limits.facet_sample_above,
                  static_cast<double>(stats.get_matches_lower_bound()) * lanes, scaled)) {
    level = 0;
    c->matches = count();
  }
  return level;
}

// Counts with one Xapian value-count spy per slot: serialisable, so remote shards run
// them. `count` runs the match with the spies attached.
template <typename CountFn>
std::uint64_t CountWithSpies(const CountFn& count, const Xapian::Database& db,
                             const SlotSinks& slots) {
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  std::vector<Xapian::MatchSpy*> attached;
  for (const auto& slot : slots) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot.first));
    attached.push_back(spies.back().get());
  }
  const std::uint64_t matches = count(db, attached);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    for (auto it = spies[i]->values_begin(); it != spies[i]->values_end(); ++it)
      (*slots[i].second)[*it] += it.get_termfreq();
  }
  return matches;
}

}  // namespace

FacetTally CountFacets(const IndexView& view, const Limits& limits, const SearchRequest& request,
                       const QueryPlan& plan, Lane lane, const LazyStatistics& counted) {
  FacetTally tally;
  std::map<std::string, Count> groups = GroupFacets(request, plan, view.facts.max_topics, &tally);
  const double lanes = lane.count;
  std::uint64_t scale_all = 1;
  for (auto& [skip, c] : groups) {
    const bool unfiltered = skip.empty();
    const Xapian::Query q = unfiltered ? counted.query() : Filtered(plan, plan.text, skip, lane);
    const Xapian::MSet stats = unfiltered ? counted() : Statistics(view, q);
    const int level = CountGroup(view, limits, plan, q, stats, lanes, unfiltered, &c, &tally.known);
    const std::uint64_t scale = std::uint64_t{1} << level;
    for (SampledCounts* sink : c.sinks) sink->scale = scale;
    if (level > 0) tally.exact = false;
    if (unfiltered) scale_all = scale;
  }
  tally.total = groups[""].matches * scale_all;
  tally.total_exact = scale_all == 1;
  return tally;
}

std::uint64_t CountMatches(const IndexView& view, const Limits& limits, const Xapian::Query& query,
                           const SlotSinks& slots, bool columns,
                           std::shared_ptr<KnownDocids::ByShard>* keep) {
  // Unranked; checking every candidate makes the count exact.
  auto count = [&](const Xapian::Database& db, const std::vector<Xapian::MatchSpy*>& spies) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (limits.time_limit_s > 0) enquire.set_time_limit(limits.time_limit_s);
    for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
    return std::uint64_t{enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated()};
  };
  if (!columns) return CountWithSpies(count, view.db, slots);
  std::uint64_t matches = 0;
  auto ids = keep != nullptr ? std::make_shared<KnownDocids::ByShard>() : nullptr;
  for (const Xapian::Database& part : view.Parts()) {
    ColumnCountSpy spy;
    for (const auto& slot : slots) spy.Add(CachedColumn(part, slot.first));
    if (ids) spy.KeepIds(kKnownMatches);
    matches += count(part, {&spy});
    for (std::size_t i = 0; i < slots.size(); ++i) {
      ValueCounts* sink = slots[i].second;
      spy.Counts(i, [sink](const std::string& value, std::uint64_t n) { (*sink)[value] += n; });
    }
    if (ids && spy.ids_complete()) {
      std::vector<Xapian::docid>& kept = (*ids)[part.get_uuid()];
      kept = spy.ids();
      std::sort(kept.begin(), kept.end());
    } else {
      ids.reset();
    }
  }
  if (keep != nullptr) *keep = std::move(ids);
  return matches;
}

int SampleLevel(const IndexFacts& facts, const Limits& limits, double estimate, double cost) {
  if (!facts.has_samples || limits.facet_sample_above == 0) return 0;
  const double size = static_cast<double>(std::max<std::uint64_t>(limits.facet_sample_size, 1));
  int level = 0;
  for (int l : schema::kSampleLevels) {
    if (estimate / std::ldexp(1.0, level) <= size / cost) break;
    level = l;
  }
  return level;
}

int FinerLevel(int level, std::uint64_t found) {
  int finer = 0;
  for (int l : schema::kSampleLevels) {
    if (l >= level) break;
    if (static_cast<double>(found) * std::ldexp(1.0, level - l) >= kMinSampledMatches) finer = l;
  }
  return finer;
}

Xapian::Query Sampled(const Xapian::Query& query, int level) {
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(schema::kPrefixSample + std::to_string(level)));
}

}  // namespace gazette::query
