// Shares of a cluster: the share a database remembers, and checking a run against it.
#include "indexer/share.h"

#include <cstdio>

#include <xapian.h>

#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

// The share stored in the database at `shard_path`; inactive when none is stored.
Result<ShardShare> StoredShare(const std::string& shard_path) {
  std::string text;
  try {
    text = Xapian::Database(shard_path).get_metadata(schema::kMetaShare);
  } catch (const Xapian::Error& e) {
    return Status::IoError(shard_path + ": cannot open database: " + e.get_msg());
  }
  ShardShare share;
  if (text.empty()) return share;
  if (std::sscanf(text.c_str(), "%d/%d", &share.index, &share.count) != 2 || share.count < 1 ||
      share.index < 0 || share.index >= share.count) {
    return Status::InvalidArgument(shard_path + ": unreadable shard share '" + text + "'");
  }
  return share;
}

std::string Describe(const ShardShare& share) {
  if (!share.active()) return "the whole input";
  return "shard " + std::to_string(share.index) + " of " + std::to_string(share.count) +
         " (--shards " + std::to_string(share.count) + " --only-shard " +
         std::to_string(share.index) + ")";
}

}  // namespace

std::string ShareText(const ShardShare& share) {
  if (!share.active()) return "";
  return std::to_string(share.index) + "/" + std::to_string(share.count);
}

Result<ShardShare> ResolveShare(const IndexOptions& options, const std::string& shard_path) {
  const ShardShare& asked = options.share;
  if (asked.active() && (asked.index < 0 || asked.index >= asked.count)) {
    return Status::InvalidArgument("--only-shard: must be below --shards (" +
                                   std::to_string(asked.count) + ")");
  }
  if (shard_path.empty()) return asked;
  auto stored = StoredShare(shard_path);
  if (!stored.ok()) return stored.status();
  // A rebuild naming a shard count without a share builds the whole input.
  if (!asked.active()) return options.rebuild && options.shards > 0 ? asked : *stored;
  if (options.rebuild || asked == *stored) return asked;
  return Status::InvalidArgument("--only-shard: " + options.db_path + " holds " +
                                 Describe(*stored) + ", not " + Describe(asked) +
                                 "; changing that needs --rebuild");
}

}  // namespace gazette::indexer
