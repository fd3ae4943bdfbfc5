// Pairwise precision and recall of story clusters against known stories
// (docs/stories.md).
#ifndef GAZETTE_EVAL_STORIES_H_
#define GAZETTE_EVAL_STORIES_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace gazette::eval {

struct StoryScores {
  std::uint64_t articles = 0;
  std::uint64_t found_pairs = 0;    // pairs of articles put in one story
  std::uint64_t true_pairs = 0;     // pairs of articles of one known story
  std::uint64_t correct_pairs = 0;  // pairs in both
  double precision = 0;             // correct / found (1 when nothing was found)
  double recall = 0;                // correct / true (1 when there is nothing to find)
};

// Known stories: "<article id>\t<story>" per line; articles not listed stand alone.
// InvalidArgument naming the file and line for a malformed line; IoError when unreadable.
Result<std::map<std::string, std::string>> ReadStoryTruth(const std::string& path);

// Scores `found` ((article id, story label) for every article) against `truth`.
StoryScores ScoreStories(const std::vector<std::pair<std::string, std::string>>& found,
                         const std::map<std::string, std::string>& truth);

}  // namespace gazette::eval

#endif  // GAZETTE_EVAL_STORIES_H_
