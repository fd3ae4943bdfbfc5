// Shares of a cluster: which articles a host indexes when it builds one shard of N
// (private to indexer/).
#ifndef GAZETTE_INDEXER_SHARE_H_
#define GAZETTE_INDEXER_SHARE_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "indexer/indexer.h"

namespace gazette::indexer {

// "I/N" for shard I of N; "" for the whole input.
std::string ShareText(const ShardShare& share);

// True when the article whose id term hashes to `id_hash` (HashBytes of the id term)
// belongs to `share`: the shard a `share.count`-shard build would put it in.
inline bool InShare(const ShardShare& share, std::uint64_t id_hash) {
  return !share.active() || id_hash % static_cast<std::uint64_t>(share.count) ==
                                static_cast<std::uint64_t>(share.index);
}

// The writer (of `writers`) an article of the share goes to. Within a share every
// hash has the same remainder modulo share.count, so the rest of it spreads the load.
inline std::size_t WriterOf(const ShardShare& share, std::uint64_t id_hash, std::size_t writers) {
  const std::uint64_t spread =
      share.active() ? id_hash / static_cast<std::uint64_t>(share.count) : id_hash;
  return static_cast<std::size_t>(spread % writers);
}

// The share a run writes: the one asked for, else the one the database at `shard_path`
// (its first local shard; "" when there is none) was built from. InvalidArgument when
// the two differ and the run is not a rebuild. A rebuild without one keeps the stored
// share, unless it names a shard count (then it builds the whole input).
Result<ShardShare> ResolveShare(const IndexOptions& options, const std::string& shard_path);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_SHARE_H_
