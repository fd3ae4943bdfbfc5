// ProbeShards(): opens each shard of a database on its own.
#include "query/health.h"

#include <xapian.h>

#include "indexer/layout.h"

namespace gazette::query {
namespace {

ShardHealth Probe(const std::string& path) {
  ShardHealth health;
  health.name = path;
  try {
    Xapian::Database db(path);
    health.documents = db.get_doccount();
    health.ok = true;
  } catch (const Xapian::Error& e) {
    health.error = e.get_type() + std::string(": ") + e.get_msg();
  } catch (const std::exception& e) {
    health.error = e.what();
  }
  return health;
}

}  // namespace

Result<std::vector<ShardHealth>> ProbeShards(const std::string& db_path) {
  auto layout = indexer::ReadLayout(db_path);
  if (!layout.ok() && layout.status().code() == StatusCode::kNotFound) {
    return Status::Unavailable("no database at " + db_path);
  }
  std::vector<ShardHealth> shards;
  if (!layout.ok()) {
    shards.push_back(Probe(db_path));
    return shards;
  }
  for (const std::string& shard : layout->shards) shards.push_back(Probe(shard));
  return shards;
}

}  // namespace gazette::query
