// Each hit's story and what it folded (query/rank/stories.h).
#include "query/rank/stories.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// Articles read per folded story at most.
constexpr Xapian::doccount kStoryMembers = 100;
// A story's articles lie within this many days of each other (indexer/stories.h).
constexpr int kStorySpanDays = 3;

// The day terms of the days a story holding an article published at `t` can span.
Xapian::Query StoryDays(double t) {
  std::vector<Xapian::Query> days;
  for (int d = -kStorySpanDays; d <= kStorySpanDays; ++d) {
    const auto at = static_cast<std::time_t>(t + d * 86400.0);
    std::tm tm{};
    gmtime_r(&at, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
    days.emplace_back(schema::kPrefixDay + std::string(buf));
  }
  return Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end());
}

// The other articles of the story of `best` that match the plan on the days the story
// spans: how many, and their providers.
void AddMembers(const IndexView& view, const QueryPlan& plan, const Xapian::Document& best,
                Story* story) {
  const std::string published = best.get_value(schema::kSlotPublished);
  if (published.empty()) return;
  const Xapian::Query in_story(
      Xapian::Query::OP_FILTER, StoryDays(Xapian::sortable_unserialise(published)),
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotStory, story->id, story->id));
  Xapian::Enquire enquire(view.db);
  enquire.set_query(
      Filtered(plan, Xapian::Query(Xapian::Query::OP_FILTER, plan.text, in_story), ""));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, kStoryMembers, view.db.get_doccount());
  std::map<std::string, int> providers;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (*it == best.get_docid()) continue;
    const std::string provider = it.get_document().get_value(schema::kSlotProvider);
    if (!provider.empty()) ++providers[provider];
  }
  story->more = std::max(story->more, static_cast<int>(mset.get_matches_estimated()) - 1);
  std::vector<std::pair<std::string, int>> ordered(providers.begin(), providers.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (auto& [name, n] : ordered) story->providers.push_back(std::move(name));
}

}  // namespace

std::vector<Story> StoriesOf(const IndexView& view, const QueryPlan& plan,
                             const std::vector<Ranked>& ranked) {
  std::vector<Story> stories;
  for (const Ranked& r : ranked) {
    const Xapian::Document doc = view.db.get_document(r.docid);
    Story story;
    story.id = doc.get_value(schema::kSlotStory);
    story.more = static_cast<int>(r.collapsed);
    if (r.collapsed > 0 && !story.id.empty()) AddMembers(view, plan, doc, &story);
    stories.push_back(std::move(story));
  }
  return stories;
}

}  // namespace gazette::query
