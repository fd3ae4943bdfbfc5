// Stage clocks on the thread's CPU-time clock.
#include "query/stages.h"

#include <ctime>

namespace gazette::query {
namespace {

struct ThreadClock {
  StageTimes* times = nullptr;
  Stage current = Stage::kOther;
  std::int64_t since = 0;  // CPU ns when `current` was last charged
};
thread_local ThreadClock clock_state;

std::int64_t CpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Charges the time since the last switch to the current stage and makes `next` current.
void SwitchTo(Stage next) {
  const std::int64_t now = CpuNs();
  clock_state.times->ns[static_cast<int>(clock_state.current)] += now - clock_state.since;
  clock_state.since = now;
  clock_state.current = next;
}

}  // namespace

const char* StageName(Stage stage) {
  static constexpr const char* kNames[kStageCount] = {
      "other",  "parse", "spelling", "match",    "columns",    "tiers", "count",
      "facets", "fetch", "decode",   "snippets", "facet list", "json"};
  return kNames[static_cast<int>(stage)];
}

void CollectStages(StageTimes* times) {
  if (clock_state.times != nullptr) SwitchTo(Stage::kOther);
  clock_state = ThreadClock{times, Stage::kOther, CpuNs()};
}

StageClock::StageClock(Stage stage) {
  if (clock_state.times == nullptr) return;
  on_ = true;
  outer_ = clock_state.current;
  clock_state.times->calls[static_cast<int>(stage)] += 1;
  SwitchTo(stage);
}

StageClock::~StageClock() {
  if (on_ && clock_state.times != nullptr) SwitchTo(outer_);
}

}  // namespace gazette::query
