// ProbeShards(): opens each shard of a database on its own.
#include "query/health.h"

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace gazette::query {
namespace {

namespace fs = std::filesystem;

// How long a remote shard may take to connect and to answer.
constexpr unsigned kRemoteTimeoutMs = 2000;

ShardHealth Probe(const std::string& name, const std::function<Xapian::Database()>& open) {
  ShardHealth health;
  health.name = name;
  try {
    Xapian::Database db = open();
    health.documents = db.get_doccount();
    health.ok = true;
  } catch (const Xapian::Error& e) {
    health.error = e.get_type() + std::string(": ") + e.get_msg();
  } catch (const std::exception& e) {
    health.error = e.what();
  }
  return health;
}

// One shard per line of a stub file ("auto PATH", "glass PATH", "remote HOST:PORT",
// "remote :PROGRAM ARGS"); relative paths are relative to the stub's folder.
std::vector<ShardHealth> ProbeStub(const std::string& stub) {
  std::vector<ShardHealth> shards;
  std::ifstream in(stub);
  const fs::path dir = fs::path(stub).parent_path();
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string type, target;
    words >> type >> target;
    if (type.empty() || type[0] == '#' || type == "inmemory") continue;
    if (type != "remote") {
      const fs::path path = fs::path(target).is_absolute() ? fs::path(target) : dir / target;
      const std::string shard = path.lexically_normal().string();
      shards.push_back(Probe(shard, [&shard] { return Xapian::Database(shard); }));
      continue;
    }
    const std::string where = line.substr(line.find(target));
    shards.push_back(Probe("remote " + where, [&target, &where]() -> Xapian::Database {
      if (!target.empty() && target[0] == ':') {
        const std::size_t space = where.find(' ');
        const std::string args = space == std::string::npos ? "" : where.substr(space + 1);
        return Xapian::Remote::open(where.substr(1, space - 1), args, kRemoteTimeoutMs);
      }
      const std::size_t colon = target.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("expected HOST:PORT");
      return Xapian::Remote::open(target.substr(0, colon),
                                  static_cast<unsigned>(std::stoul(target.substr(colon + 1))),
                                  kRemoteTimeoutMs, kRemoteTimeoutMs);
    }));
  }
  return shards;
}

}  // namespace

Result<std::vector<ShardHealth>> ProbeShards(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return Status::Unavailable("no database at " + db_path);
  if (fs::is_directory(db_path, ec)) {
    return std::vector<ShardHealth>{Probe(db_path, [&] { return Xapian::Database(db_path); })};
  }
  std::vector<ShardHealth> shards = ProbeStub(db_path);
  if (shards.empty()) return Status::Unavailable(db_path + ": the stub lists no database");
  return shards;
}

}  // namespace gazette::query
