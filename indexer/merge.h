// Parallel builds: a fresh shard is written as several partitions by parallel writer
// threads, then merged into one compact database (private to indexer/).
#ifndef GAZETTE_INDEXER_MERGE_H_
#define GAZETTE_INDEXER_MERGE_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace gazette::indexer {

// Merges the partition databases `inputs` into a new database at `output` with
// Xapian's compactor (posting lists are streamed, not re-inverted; documents are
// renumbered in input order), then deletes the inputs. gazette's metadata is merged
// field by field (the largest topic-slot count wins).
Status MergePartitions(const std::vector<std::string>& inputs, const std::string& output);

// Flushes every file of a database directory, and the directory itself, to disk:
// partitions and fresh shards are written without a sync per commit.
Status SyncDatabase(const std::string& dir);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_MERGE_H_
