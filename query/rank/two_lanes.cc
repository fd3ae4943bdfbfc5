// The decision to search in two lanes, and the two threads of such a search.
#include "query/rank/two_lanes.h"

#include <algorithm>
#include <future>
#include <optional>
#include <system_error>
#include <thread>

namespace gazette::query {

bool UseLanes(const Reader& main, Reader* second, const Limits& limits, const Load& load) {
  if (second == nullptr || !main.view.facts.columns) return false;
  try {
    if (main.view.db.get_doccount() <= limits.parallel_above) return false;
    const int cores = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    if (load.running * 2 > cores || load.waiting > 0) return false;
    if (SameRevision(second->view, main.view)) return true;
    ReopenView(&second->view);
    return SameRevision(second->view, main.view);
  } catch (const Xapian::Error&) {
    return false;  // the second lane cannot follow: one lane
  }
}

Matched MatchInLanes(Reader* main, Reader* second, const SearchRequest& request,
                     const LaneMatch& match) {
  PageFloor floor(2, static_cast<std::size_t>(request.page * request.per_page));
  std::optional<std::future<Matched>> other;
  try {
    other = std::async(std::launch::async, [&] { return match(*second, Lane{1, 2}, &floor); });
  } catch (const std::system_error&) {
    return match(*main, Lane{}, nullptr);  // no thread to spare: one lane
  }
  std::vector<Matched> lanes;
  try {
    lanes.push_back(match(*main, Lane{0, 2}, &floor));
  } catch (...) {
    other->wait();
    throw;
  }
  lanes.push_back(other->get());
  return MergeLanes(request, std::move(lanes));
}

}  // namespace gazette::query
