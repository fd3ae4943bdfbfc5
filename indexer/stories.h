// The story pass: after an index run, finds the stories of the articles it wrote and
// labels them, across shards and runs (private to indexer/; docs/stories.md).
#ifndef GAZETTE_INDEXER_STORIES_H_
#define GAZETTE_INDEXER_STORIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace gazette::indexer {

// Stories end at this span: an article joins a story only while the story's articles
// stay within it (exact copies join whatever their dates).
inline constexpr double kStoryMaxSpanDays = 3;
// A story's neighbourhood stops growing at this many articles.
inline constexpr std::size_t kStoryMaxNodes = 5000;

struct StoryPassSummary {
  std::uint64_t articles = 0;    // articles in stories of two or more
  std::uint64_t stories = 0;     // stories of two or more
  std::uint64_t relabelled = 0;  // documents rewritten with a new label
};

// Labels the stories of the articles with the id terms `changed` (of every article when
// `all`) in the database of `shards`: the articles linked to them by SameStory
// (indexer/story.h), found through shared band terms and the stories they were in,
// are grouped by adding links in a fixed order (exact copies, then higher Jaccard,
// then by id hash) as long as a group spans at most kStoryMaxSpanDays. Every article of
// a group gets the least id hash of the group as its label in schema::kSlotStory; only
// documents whose label changes are rewritten (a value, not their terms). The result
// depends on the articles, not on the order or the runs they were indexed in.
// `sync`: commit with fsync. IoError on write failures.
Result<StoryPassSummary> AssignStories(const std::vector<std::string>& shards,
                                       const std::vector<std::string>& changed, bool all,
                                       bool sync);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_STORIES_H_
