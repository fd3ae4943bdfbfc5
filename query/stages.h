// Stage clocks: the CPU time a thread spends in each stage of a search, for
// query_bench's profile (docs/benchmarks.md). Off unless a thread turns them on.
#ifndef GAZETTE_QUERY_STAGES_H_
#define GAZETTE_QUERY_STAGES_H_

#include <array>
#include <cstdint>

namespace gazette::query {

enum class Stage : int {
  kOther,      // a search's time outside the stages below
  kParse,      // the query parser and the plan: analyser, stems per language
  kSpelling,   // "did you mean"
  kMatch,      // the page's match, outside tiers and counts
  kColumns,    // value column weights for the ranking and the tiers
  kTiers,      // ranking within best-bounded tiers
  kCount,      // the exact total without facets
  kFacets,     // the facets' own match and counts
  kFetch,      // the page's stored documents read (and decompressed)
  kDecode,     // the stored fields of each hit decoded
  kSnippets,   // titles and passages marked
  kFacetList,  // facet values, histograms
  kJson,       // the response encoded as JSON
};
inline constexpr int kStageCount = 13;

// Names of the stages, in the order of Stage.
const char* StageName(Stage stage);

// CPU time (ns) and entries per stage. Time is exclusive: a stage entered inside
// another is not counted in the outer one.
struct StageTimes {
  std::array<std::int64_t, kStageCount> ns{};
  std::array<std::int64_t, kStageCount> calls{};
};

// Turns this thread's clocks on, adding to *times, or off (null); time not yet
// charged goes to the stage that was current.
void CollectStages(StageTimes* times);

// Charges this thread's CPU time from construction to destruction to `stage`, when the
// thread's clocks are on; does nothing otherwise. Nests.
class StageClock {
 public:
  explicit StageClock(Stage stage);
  ~StageClock();
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;

 private:
  bool on_ = false;
  Stage outer_ = Stage::kOther;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_STAGES_H_
