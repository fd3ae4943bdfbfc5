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

  // Batches of at least this many documents built in memory are matched in two halves
  // at once.
  static constexpr std::size_t kSplitBatchesOf = 64;

 private:
  // Saved searches as parsed against one database.
  struct Compiled {
    std::int64_t version = -1;                  // of the saved searches
    std::string context;                        // query::RequestQueries::Context of the database
    std::vector<std::vector<std::string>> ids;  // per query, the saved searches it stands for
    std::size_t searches = 0;                   // saved searches in all
    std::unordered_set<std::string> hooked;     // ids of the searches with a webhook
    std::unique_ptr<Percolator> percolator;
    double seconds = 0;
  };
  // The saved searches compiled against `db`: from the form kept in the store when it
  // was made from the same searches, parsing context and build, else parsed afresh
  // (and that form kept).
  Result<Compiled> Compile(const Xapian::Database& db) const;
  // Parses every saved search into *queries (one per distinct request, whose
  // ParamsJson goes to *params) and compiled->ids, searches and hooked.
  Status Parse(const Xapian::Database& db, std::vector<Xapian::Query>* queries,
               std::vector<std::string>* params, Compiled* compiled) const;
  // Whether kRecheckedQueries of `queries`, spread over them, are what parsing their
  // `params` against `db` gives now (a build that parses otherwise fails it).
  static bool SameParsing(const Xapian::Database& db, const std::vector<Xapian::Query>& queries,
                          const std::vector<std::string>& params);
  static constexpr std::size_t kRecheckedQueries = 32;
  // The kept form: `from` (what it was made from), the number of searches, then per
  // query its serialisation, its request and its searches' ids with their webhook
  // flags. Encode gives none when a query cannot be serialised; Decode is false when
  // `bytes` were made from other than `from` or are damaged.
  static std::optional<std::string> Encode(const std::string& from,
                                           const std::vector<Xapian::Query>& queries,
                                           const std::vector<std::string>& params,
                                           const Compiled& compiled);
  static bool Decode(const std::string& bytes, const std::string& from,
                     std::vector<Xapian::Query>* queries, std::vector<std::string>* params,
                     Compiled* compiled);
  // Changes whenever the kept form does.
  static constexpr char kCompiledFormat[] = "compiled-2";
  // The matches of batch[begin, end): the articles matched, their entries read and
  // serialised, and (query, index into articles) pairs. Thread-safe.
  struct Part {
    std::vector<Recording::Article> articles;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> matches;
  };
  Part MatchPart(const std::vector<const Xapian::Document*>& batch,
                 const std::vector<const indexer::CommittedDocument*>& committed, std::size_t begin,
                 std::size_t end, std::int64_t now) const;
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
