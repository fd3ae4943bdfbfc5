// Writer threads: each applies the documents routed to it and commits in batches.
// Into a live shard it replaces, deletes and prunes; into a fresh build it writes a
// series of small scratch databases ("runs") for indexer/merge.h to merge: a small
// database keeps Xapian's per-commit work small, and merging streams posting lists
// instead of re-inverting them (private to indexer/).
#ifndef GAZETTE_INDEXER_SHARD_WRITER_H_
#define GAZETTE_INDEXER_SHARD_WRITER_H_

#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/work_queue.h"
#include "indexer/workers.h"

namespace gazette::indexer {

// How a writer's error says that the disk is (nearly) full.
inline constexpr char kDiskFull[] = "disk full";

// What one shard is asked to do with one record.
struct ShardMessage {
  enum class Kind { kDocument, kSeen, kDeleteIfUnseen } kind = Kind::kDocument;
  Prepared record;          // kDocument
  Xapian::docid docid = 0;  // kSeen, kDeleteIfUnseen; for kDocument the previous docid
};

// Owns one WritableDatabase at a time and a thread. Counts go to its own summary,
// merged by the caller after Finish().
class ShardWriter {
 public:
  // Writes into the live shard at `path`.
  ShardWriter(const std::string& path, int shard, const IndexOptions& options,
              const IndexState& state, std::size_t commit_every);
  // Writes scratch runs "<base>.run-N" of at most `run_documents` documents each,
  // without fsync (they are merged, then synced, before anything goes live).
  struct Scratch {
    std::string base;
    std::size_t run_documents;
  };
  ShardWriter(const Scratch& scratch, int shard, const IndexOptions& options,
              const IndexState& state, std::size_t commit_every);
  ~ShardWriter();
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  void Start();
  void Send(std::vector<ShardMessage> messages);
  // Drains, prunes when asked, commits and stops the thread. Returns the first error.
  Status Finish();

  const IndexSummary& summary() const { return summary_; }
  Xapian::doccount documents() const { return documents_; }
  // The scratch runs written, after Finish().
  const std::vector<std::string>& runs() const { return runs_; }

 private:
  // Where the document with one id went in a scratch build.
  struct Placed {
    std::size_t run;
    Xapian::docid docid;
  };
  // A document of an earlier run that a later duplicate id replaces.
  struct Superseded {
    std::size_t run;
    Xapian::docid docid;
    std::string id_term;
  };

  void Loop();
  void Apply(ShardMessage& m);
  void ApplyScratch(Prepared& p);
  void NextRun();
  Status FinishScratch();
  void Commit();
  bool IsSeen(Xapian::docid docid) const { return docid < seen_.size() && seen_[docid]; }
  void MarkSeen(Xapian::docid docid);
  // At the end of a run into a live shard: records this collection's documents as of
  // this schema when all are, and lowers oldest_schema_ to the least collection's.
  void RaiseOldestSchema();
  void FlushSpelling();
  // For the observer: notes a change to report after the next commit.
  void Note(CommittedDocument::Change change, std::string id, const Xapian::Document& doc);
  void NoteDeleted(Xapian::docid docid);

  Xapian::WritableDatabase db_;
  std::string dir_;  // the directory the databases are written in
  int shard_;
  const IndexOptions& options_;
  const IndexState& state_;
  std::size_t commit_every_;
  Channel<std::vector<ShardMessage>> channel_;
  std::thread thread_;
  Status status_;
  IndexSummary summary_;
  std::vector<bool> seen_;
  bool fresh_database_ = false;
  std::unordered_set<std::uint64_t> ids_added_;  // hashes of id terms added this run
  bool scratch_ = false;
  std::string scratch_base_;
  std::size_t run_documents_ = 0;
  std::size_t in_run_ = 0;
  std::vector<std::string> runs_;
  std::unordered_map<std::uint64_t, Placed> placed_;  // by hash of the id term
  std::vector<Superseded> superseded_;
  int max_topics_ = 0;
  int oldest_schema_ = 0;  // schema::kMetaOldestSchema as this run will leave it
  std::size_t since_commit_ = 0;
  // Title words for the spelling dictionary, counted until they are given to Xapian
  // once each: every add_spelling call looks the word up in the spelling table.
  std::unordered_map<std::string, Xapian::termcount> spelling_;
  Xapian::doccount documents_ = 0;
  struct Pending {
    CommittedDocument::Change change;
    std::string id;
    Xapian::Document doc;
  };
  std::vector<Pending> pending_;  // changes since the last commit, for options_.observer
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_SHARD_WRITER_H_
