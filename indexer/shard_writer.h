// One writer thread per shard: applies the documents routed to it, commits in
// batches, prunes (private to indexer/).
#ifndef GAZETTE_INDEXER_SHARD_WRITER_H_
#define GAZETTE_INDEXER_SHARD_WRITER_H_

#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/work_queue.h"
#include "indexer/workers.h"

namespace gazette::indexer {

// What one shard is asked to do with one record.
struct ShardMessage {
  enum class Kind { kDocument, kSeen, kDeleteIfUnseen } kind = Kind::kDocument;
  Prepared record;          // kDocument
  Xapian::docid docid = 0;  // kSeen, kDeleteIfUnseen; for kDocument the previous docid
};

// Owns one shard's WritableDatabase and its thread. Counts go to its own summary,
// merged by the caller after Finish().
class ShardWriter {
 public:
  ShardWriter(const std::string& path, int shard, const IndexOptions& options,
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

 private:
  void Loop();
  void Apply(ShardMessage& m);
  void Commit();
  bool IsSeen(Xapian::docid docid) const { return docid < seen_.size() && seen_[docid]; }
  void MarkSeen(Xapian::docid docid);

  Xapian::WritableDatabase db_;
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
  int max_topics_ = 0;
  std::size_t since_commit_ = 0;
  Xapian::doccount documents_ = 0;
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_SHARD_WRITER_H_
