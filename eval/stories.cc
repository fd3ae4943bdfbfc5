// Pairwise story scores (eval/stories.h).
#include "eval/stories.h"

#include <fstream>
#include <unordered_map>

namespace gazette::eval {
namespace {

std::uint64_t Pairs(std::uint64_t n) { return n * (n - (n > 0 ? 1 : 0)) / 2; }

}  // namespace

Result<std::map<std::string, std::string>> ReadStoryTruth(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot read");
  std::map<std::string, std::string> truth;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) +
                                     ": expected <article id> TAB <story>");
    }
    truth[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return truth;
}

StoryScores ScoreStories(const std::vector<std::pair<std::string, std::string>>& found,
                         const std::map<std::string, std::string>& truth) {
  StoryScores s;
  s.articles = found.size();
  std::unordered_map<std::string, std::uint64_t> by_label, by_story;
  // (label, known story) -> articles: the pairs both put together.
  std::map<std::pair<std::string, std::string>, std::uint64_t> both;
  for (const auto& [id, label] : found) {
    ++by_label[label];
    const auto known = truth.find(id);
    if (known == truth.end()) continue;
    ++by_story[known->second];
    ++both[{label, known->second}];
  }
  for (const auto& [label, n] : by_label) s.found_pairs += Pairs(n);
  for (const auto& [story, n] : by_story) s.true_pairs += Pairs(n);
  for (const auto& [key, n] : both) s.correct_pairs += Pairs(n);
  s.precision = s.found_pairs == 0 ? 1 : static_cast<double>(s.correct_pairs) / s.found_pairs;
  s.recall = s.true_pairs == 0 ? 1 : static_cast<double>(s.correct_pairs) / s.true_pairs;
  return s;
}

}  // namespace gazette::eval
