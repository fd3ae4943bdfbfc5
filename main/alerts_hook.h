// Saved searches fired by index runs: main/ wires the indexer's commit hook to the
// alert matcher (private to main/).
#ifndef GAZETTE_MAIN_ALERTS_HOOK_H_
#define GAZETTE_MAIN_ALERTS_HOOK_H_

#include <memory>
#include <string>

#include "alerts/alert_matcher.h"
#include "alerts/store.h"
#include "indexer/indexer.h"

namespace gazette {

// Matches an index run's commits against the saved searches of the database's alerts
// store, when there is one (`gazette serve` creates it).
class AlertsHook {
 public:
  // Sets options->observer when `db_path` has an alerts store (or, with `create`,
  // creates one: a long watch must see searches saved after it started); null (and a
  // warning) when it cannot be opened, or when there is none.
  static std::unique_ptr<AlertsHook> Attach(const std::string& db_path,
                                            indexer::IndexOptions* options, bool create = false);

  // One line on stderr about the matches of the run so far, when there were saved
  // searches; a warning when matching failed.
  void Report() const;
  const alerts::AlertMatcher& matcher() const { return *matcher_; }

 private:
  std::unique_ptr<alerts::Store> store_;
  std::unique_ptr<alerts::AlertMatcher> matcher_;
};

}  // namespace gazette

#endif  // GAZETTE_MAIN_ALERTS_HOOK_H_
