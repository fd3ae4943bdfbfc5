// Indexing pipeline: input paths -> a Xapian database, incrementally.
#ifndef GAZETTE_INDEXER_INDEXER_H_
#define GAZETTE_INDEXER_INDEXER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "corpus/reader.h"

namespace Xapian {
class Document;
}  // namespace Xapian

namespace gazette::indexer {

// One document a run has committed.
struct CommittedDocument {
  enum class Change { kAdded, kUpdated, kDeleted };
  Change change = Change::kAdded;
  std::string id;  // the article's canonical id (its URL, or collection:path)
  int shard = 0;
  // The stored document (terms, values, stored data); null for kDeleted. Valid only
  // during the call.
  const Xapian::Document* document = nullptr;
};

// Told of the documents an index run committed, so that work keyed on new articles
// (matching saved searches, feeds) can follow indexing without the indexer knowing
// of it. Into a live database, each commit's documents are reported once that commit
// has succeeded (unchanged articles are not reported); a new database or a rebuild
// reports every document of the new generation once it is built and synced, before
// it goes live. Calls never overlap; they come from the indexer's writer threads.
class CommitObserver {
 public:
  virtual ~CommitObserver() = default;
  virtual void OnCommit(const std::vector<CommittedDocument>& documents) = 0;
};

// Progress of a running index job, for a progress line on a terminal.
struct IndexProgress {
  std::uint64_t records = 0;      // articles read so far (indexed + unchanged + skipped)
  std::uint64_t bytes_done = 0;   // input bytes processed
  std::uint64_t bytes_total = 0;  // input bytes to process
  double elapsed_s = 0;
};

// One host's share of a database of `count` shards: the articles a `count`-shard build
// routes to shard `index` (xxh64 of the id term, modulo `count`). A database built from
// a share holds those articles in one local shard and remembers its share.
struct ShardShare {
  int count = 0;  // 0: the whole input
  int index = 0;
  bool active() const { return count > 0; }
  bool operator==(const ShardShare& o) const { return count == o.count && index == o.index; }
};

struct IndexOptions {
  std::string db_path;  // the path users name: a stub file (see layout.h) or a directory
  std::string collection = "default";
  bool prune = false;  // delete this collection's articles not seen in this run
  // Build a complete new generation beside the live one and leave it inactive; the
  // caller gates it and calls ActivateGeneration() or DiscardGeneration().
  bool rebuild = false;
  int shards = 0;  // shards of a new database or rebuild; 0 = keep (1 if new)
  // Index only this share of the input (one shard of a cluster, built on its host). A
  // database built from a share keeps it: runs without one use the stored share, runs
  // with another are refused unless they rebuild.
  ShardShare share;
  int threads = 0;  // parse/analyse threads; 0 = cores the writers leave
  // Writer threads for a new database or a rebuild; 0 = one per core. Each shard gets
  // the same number of writers, each writing scratch databases ("runs") of at most
  // run_documents documents; the runs are merged into the shard at the end.
  int writers = 0;
  std::size_t run_documents = 20000;
  std::size_t batch_size = 1000;  // documents per commit, over all writers
  // Story clustering (docs/stories.md): each document's story signature and band
  // terms, and the story pass after the run. Off: documents carry neither and keep
  // their own story label, so every article written by the run is a story alone.
  bool stories = true;
  // Topic and excerpt word marks (index.field_words, docs/ranking.md), which the
  // w_topics and w_excerpt weights need; off, indexing skips their cost.
  bool field_words = false;
  // Field mapping and declared encoding of the inputs (corpus::ReadOptions).
  corpus::ReadOptions read;
  // Called from the indexing thread at most every ~200 ms, and once at the end.
  std::function<void(const IndexProgress&)> on_progress;
  // Told of every committed document, when set; must outlive the run.
  CommitObserver* observer = nullptr;
  // When not empty, these files are indexed instead of those listed under the paths
  // (live indexing names each changed file with its path relative to its folder).
  std::vector<corpus::InputFile> files;
};

// What a run did. Every skipped input is listed with its reason.
struct IndexSummary {
  std::uint64_t indexed = 0;                 // new articles
  std::uint64_t updated = 0;                 // articles whose content changed
  std::uint64_t unchanged = 0;               // articles skipped because their content hash matched
  std::uint64_t deleted = 0;                 // removed by --prune (or replaced under a new id)
  std::uint64_t elsewhere = 0;               // articles of other shards' shares, not indexed
  ShardShare share;                          // the share the database holds, if any
  std::vector<corpus::Diagnostic> skipped;   // inputs that could not be indexed
  std::vector<corpus::Diagnostic> warnings;  // indexed, but with a problem worth saying
  std::uint64_t bytes = 0;                   // input bytes read
  std::uint64_t documents = 0;               // documents in the database afterwards
  int generation = 0;                        // the generation written to
  int shards = 1;
  std::string stub;  // opens what was written (for a rebuild: the new generation)
  double elapsed_s = 0;
  // The story pass (docs/stories.md): articles found in stories of two or more, those
  // stories, and the pass's share of elapsed_s. Into a live database, counted over the
  // neighbourhood of the articles this run wrote.
  std::uint64_t story_articles = 0;
  std::uint64_t stories = 0;
  double story_s = 0;
};

// The one lock every writer of a database holds: first runs, incremental runs,
// rebuilds (from the build through the gate to the switch), rollbacks and drops. It is
// an advisory lock on the file "<db_path>.lock", released when the holder exits,
// however it exits. Within one process it is shared: the functions below take it
// themselves, and a caller that holds it across several of them keeps others out in
// between. Thread-safe.
class WriterLock {
 public:
  // Takes the lock without waiting. Unavailable "<db_path>: locked by another indexer
  // (pid N)" when another process holds it; IoError when the lock file cannot be made.
  static Result<WriterLock> Acquire(const std::string& db_path);

  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();

 private:
  explicit WriterLock(std::string path) : path_(std::move(path)) {}
  void Release();
  std::string path_;  // the lock file; empty once moved from
};

// Indexes every article under `paths` into options.db_path (created if missing).
// Unchanged articles (same source bytes, same schema version) are not re-analysed;
// changed ones replace the stored document with the same id. Broken inputs are
// skipped and reported in the summary; the run goes on. Fatal problems (no input
// path, database cannot be opened or written, the writer lock is held elsewhere) are
// returned as a Status; a new database or generation that fails is removed. A
// generation left behind by a killed run is never reused: it is removed first.
Result<IndexSummary> IndexPaths(const std::vector<std::string>& paths, const IndexOptions& options);

// Marks the rebuilt generation complete (call it only once its gate has passed) and
// makes it live (atomic stub switch); keeps the generation live until then for
// RollbackGeneration() and deletes every other one.
Status ActivateGeneration(const std::string& db_path, int generation);

// Deletes a rebuilt generation that did not go live.
void DiscardGeneration(const std::string& db_path, int generation);

// Makes the generation that was live before the live one live again; returns its
// number. Only a complete generation that opens qualifies; NotFound when there is none.
Result<int> RollbackGeneration(const std::string& db_path);

// Deletes every article of `collection`; returns how many went.
Result<std::uint64_t> DropCollection(const std::string& db_path, const std::string& collection);

// Facts about a database, for `gazette stats`.
struct DatabaseStats {
  std::uint64_t documents = 0;
  std::uint64_t terms = 0;  // distinct terms
  double average_length = 0;
  std::uint64_t size_bytes = 0;  // on disk
  std::string revision;
  int shards = 1;
  int generation = 0;
  std::vector<std::pair<std::string, std::uint64_t>> collections;  // name, documents
  std::string oldest;  // ISO-8601 date of the oldest dated article, or empty
  std::string newest;
};

// Reads DatabaseStats; NotFound/Unavailable when the database cannot be opened.
Result<DatabaseStats> ReadStats(const std::string& db_path);

// An article and the story it was found in (docs/stories.md).
struct StoryMember {
  std::string id;  // the article's id (its URL, or collection:path)
  std::string title;
  std::string story;    // the story label
  bool shared = false;  // the story has two or more articles
};

// Every article's story, in document order; NotFound/Unavailable as ReadStats.
Result<std::vector<StoryMember>> ReadStories(const std::string& db_path);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_INDEXER_H_
