// The commit hook that turns indexed articles into alerts: every document an index run
// adds or changes is matched against every saved search (a Percolator over the
// committed batch, never a search of the whole index) and the matches are recorded in
// the store, for feeds, webhooks and `gazette alerts`.
#ifndef GAZETTE_ALERTS_ALERT_MATCHER_H_
#define GAZETTE_ALERTS_ALERT_MATCHER_H_

#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "alerts/percolator.h"
#include "alerts/store.h"
#include "indexer/indexer.h"

namespace gazette::alerts {

class AlertMatcher : public indexer::CommitObserver {
 public:
  // Matches commits into the index at `db_path` (whose analysis parses the saved
  // searches) against the saved searches in `store`, which must outlive it. When the
  // index exists, the searches are compiled at once on a thread of their own, while
  // the run reads its articles.
  AlertMatcher(std::string db_path, Store* store);
  ~AlertMatcher() override;

  // Saved searches are compiled again when they changed since the last batch, or when
  // the index's languages did.
  void OnCommit(const std::vector<indexer::CommittedDocument>& documents) override;

  struct Totals {
    std::uint64_t documents = 0;  // added or changed documents matched
    std::uint64_t matches = 0;    // (saved search, article) pairs recorded
    std::size_t searches = 0;     // saved searches in force at the last batch
    std::size_t unanchored = 0;   // of those, checked against every document
    double seconds = 0;           // spent in commits (waiting, matching, recording)
    double wait_seconds = 0;      // of which waiting for or compiling saved searches...
    double match_seconds = 0;     // ...and that and percolating (before recording)
    double compile_seconds = 0;   // compiling, on the commit's thread or ahead of it
  };
  Totals totals() const;
  // The first error met (a store that cannot be read or written); Ok otherwise. A
  // saved search that no longer parses is skipped, not an error.
  Status status() const;

 private:
  // Saved searches as parsed against one database.
  struct Compiled {
    std::int64_t version = -1;                  // of the saved searches
    std::string context;                        // query::RequestQueries::Context of the database
    std::vector<std::vector<std::string>> ids;  // per query: the searches it is
    std::size_t searches = 0;                   // in all
    std::unordered_set<std::string> hooked;     // ids of the searches with a webhook
    std::unique_ptr<Percolator> percolator;
    double seconds = 0;
  };
  Result<Compiled> Compile(const Xapian::Database& db) const;
  // One match of a batch: the entry is set on its document's first match only.
  struct PartMatch {
    std::uint32_t search = 0;  // query: index into compiled_.ids
    std::uint32_t doc = 0;     // index into the batch
    ArticleEntry entry;
  };
  // The matches of batch[begin, end), by document, then search. Thread-safe.
  std::vector<PartMatch> MatchPart(const std::vector<const Xapian::Document*>& batch,
                                   std::size_t begin, std::size_t end) const;
  // Batches of at least this many documents are matched in two halves at once.
  static constexpr std::size_t kSplitBatchesOf = 64;
  // Makes compiled_ current. REQUIRES: mutex_ is held.
  Status Refresh(const std::vector<const Xapian::Document*>& batch);

  const std::string db_path_;
  Store* store_;
  mutable std::mutex mutex_;
  std::future<std::optional<Result<Compiled>>> ahead_;  // none when the index is absent
  Compiled compiled_;
  Totals totals_;
  Status status_;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_ALERT_MATCHER_H_
