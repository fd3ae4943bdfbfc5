// Shard probing for health checks: whether each shard of a database opens and answers.
#ifndef GAZETTE_QUERY_HEALTH_H_
#define GAZETTE_QUERY_HEALTH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace gazette::query {

struct ShardHealth {
  std::string name;  // the shard's path, or "remote HOST:PORT"
  bool ok = false;
  std::uint64_t documents = 0;  // when ok
  std::string error;            // when not ok: why it did not answer
};

// Opens every shard of the database at `db_path` afresh and reads its document count:
// each line of a stub file (local or remote, 2 s timeout for remote ones), or the
// directory itself. Unavailable when nothing is at `db_path` or the stub lists nothing.
// Thread-safe; costs one open per shard.
Result<std::vector<ShardHealth>> ProbeShards(const std::string& db_path);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_HEALTH_H_
