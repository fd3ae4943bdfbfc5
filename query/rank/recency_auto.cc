// Query-adaptive recency (query/rank/recency_auto.h), after Dong et al., "Towards
// recency ranking in web search" (WSDM 2010): a query whose matches burst in recent
// days is breaking news; one whose matches follow the index's own spread is not.
#include "query/rank/recency_auto.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

struct Span {
  std::vector<Xapian::Query> days;  // day terms
  std::uint64_t articles = 0;       // the index's articles on those days
};

// Matches of the plan on the days of `span`, counted exactly.
std::uint64_t CountIn(const IndexView& view, const QueryPlan& plan, const Span& span) {
  if (span.days.empty()) return 0;
  Xapian::Enquire enquire(view.db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, Filtered(plan, plan.text, ""),
                    Xapian::Query(Xapian::Query::OP_OR, span.days.begin(), span.days.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, view.db.get_doccount()).get_matches_estimated();
}

std::string Reason(const RecencyChoice& c) {
  char buf[256];
  if (c.recent < kMinRecentMatches) {
    std::snprintf(buf, sizeof buf, "evergreen: %llu matches in the last %d days (fewer than %llu)",
                  static_cast<unsigned long long>(c.recent), c.window_days,
                  static_cast<unsigned long long>(kMinRecentMatches));
  } else {
    std::snprintf(buf, sizeof buf,
                  "%s: %llu matches in the last %d days and %llu in the %d before, %.1f times "
                  "the index's own rate",
                  c.factor >= 1  ? "breaking"
                  : c.factor > 0 ? "rising"
                                 : "evergreen",
                  static_cast<unsigned long long>(c.recent), c.window_days,
                  static_cast<unsigned long long>(c.baseline), c.baseline_days, c.ratio);
  }
  return buf;
}

}  // namespace

RecencyChoice ChooseRecency(const IndexView& view, const QueryPlan& plan, const Ranking& ranking) {
  RecencyChoice c;
  c.weight = ranking.recency;
  if (!ranking.recency_auto || plan.browsing || plan.sort != SortOrder::kRelevance ||
      ranking.recency <= 0) {
    return c;
  }
  c.automatic = true;
  c.window_days = kRecentDays;
  c.baseline_days = kBaselineDays;
  Span recent, baseline;
  for (const PublicationDay& d : view.facts.days) {
    if (d.noon < 0) continue;
    const double age = static_cast<double>(plan.origin - d.noon) / 86400.0;
    Span* span = age >= -0.5 && age < kRecentDays                          ? &recent
                 : age >= kRecentDays && age < kRecentDays + kBaselineDays ? &baseline
                                                                           : nullptr;
    if (span == nullptr) continue;
    span->days.emplace_back(schema::kPrefixDay + d.day);
    span->articles += d.articles;
  }
  c.index_recent = recent.articles;
  c.index_baseline = baseline.articles;
  c.recent = CountIn(view, plan, recent);
  if (c.recent >= kMinRecentMatches) {
    c.baseline = CountIn(view, plan, baseline);
    const double recent_rate = static_cast<double>(c.recent) / static_cast<double>(recent.articles);
    // No baseline match counts as one: a rate never divides by zero.
    const double baseline_rate = std::max<double>(1, static_cast<double>(c.baseline)) /
                                 std::max<double>(1, static_cast<double>(baseline.articles));
    c.ratio = recent_rate / baseline_rate;
    c.factor = std::clamp(std::log2(std::max(c.ratio, 1.0)) / std::log2(kFullBurstRatio), 0.0, 1.0);
  } else {
    c.factor = 0;
  }
  c.weight = ranking.recency * c.factor;
  c.reason = Reason(c);
  return c;
}

}  // namespace gazette::query
