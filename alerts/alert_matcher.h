// The commit hook that turns indexed articles into alerts: every document an index run
// adds or changes is matched against every saved search (a Percolator over the
// committed batch, never a search of the whole index) and the matches are recorded in
// the store, for feeds, webhooks and `gazette alerts`.
#ifndef GAZETTE_ALERTS_ALERT_MATCHER_H_
#define GAZETTE_ALERTS_ALERT_MATCHER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "alerts/percolator.h"
#include "alerts/store.h"
#include "indexer/indexer.h"

namespace gazette::alerts {

class AlertMatcher : public indexer::CommitObserver {
 public:
  // Matches commits into the index at `db_path` (whose analysis parses the saved
  // searches) against the saved searches in `store`, which must outlive it.
  AlertMatcher(std::string db_path, Store* store);
  ~AlertMatcher() override;

  // Saved searches are re-read when they changed since the last batch.
  void OnCommit(const std::vector<indexer::CommittedDocument>& documents) override;

  struct Totals {
    std::uint64_t documents = 0;  // added or changed documents matched
    std::uint64_t matches = 0;    // (saved search, article) pairs recorded
    std::size_t searches = 0;     // saved searches in force at the last batch
    std::size_t unanchored = 0;   // of those, checked against every document
    double seconds = 0;           // spent in all (compiling, matching, recording)
    double compile_seconds = 0;   // of which parsing saved searches into queries...
    double match_seconds = 0;     // ...and compiling and percolating (before recording)
  };
  Totals totals() const;
  // The first error met (a store that cannot be read or written); Ok otherwise. A
  // saved search that no longer parses is skipped, not an error.
  Status status() const;

 private:
  // Loads and compiles the saved searches when they changed. REQUIRES: mutex_ is held.
  Status Refresh(const std::vector<const Xapian::Document*>& batch);

  const std::string db_path_;
  Store* store_;
  mutable std::mutex mutex_;
  std::int64_t version_ = -1;  // of the saved searches compiled
  std::vector<std::string> ids_;
  std::unique_ptr<Percolator> percolator_;
  Totals totals_;
  Status status_;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_ALERT_MATCHER_H_
