// Read replicas with Xapian's own tools: the master exports its live generation to
// xapian-replicate-server, replicas pull it with xapian-replicate (private to main/).
#ifndef GAZETTE_MAIN_REPLICATION_H_
#define GAZETTE_MAIN_REPLICATION_H_

#include <string>

#include "base/status.h"

namespace gazette::replication {

// Where a master exports its live shards: "<db>.replicate", holding symbolic links
// shard-0 ... shard-N-1 to the live generation's shard directories.
std::string ExportDir(const std::string& db);

// Points the export's links at the shards the stub at `db` names now, replacing each
// link atomically and removing links beyond the shard count. Returns whether anything
// changed; InvalidArgument for a stub of remote shards, NotFound without a database.
Result<bool> SyncExport(const std::string& db);

// Where a replica keeps its copies: "<db>.replica/shard-I", each a directory that
// xapian-replicate maintains (a stub XAPIANDB naming the current copy).
std::string ReplicaShard(const std::string& db, int shard);

struct MasterOptions {
  std::string db;
  std::string host;  // the interface xapian-replicate-server listens on
  int port = 0;
};

struct ReplicaOptions {
  std::string db;    // the replica's stub, which `gazette serve --db` opens
  std::string host;  // the master's xapian-replicate-server
  int port = 0;
  int shards = 1;         // the master's shard count
  int interval_s = 10;    // between pulls
  int reader_time_s = 2;  // given to readers between two changesets of one pull
  bool once = false;      // one pull, then return
};

// Runs xapian-replicate-server over ExportDir(db) and keeps the export on the live
// generation (checked every half second) until SIGINT/SIGTERM. Returns the exit
// status for the command line; errors are printed to stderr.
int ServeMaster(const MasterOptions& options);

// Pulls every shard from the master (a full copy when the master's live generation
// changed, by --rebuild or rollback, else its changesets), then writes the replica's
// stub; repeats every interval until SIGINT/SIGTERM unless `once`. Returns the exit
// status for the command line.
int FollowMaster(const ReplicaOptions& options);

}  // namespace gazette::replication

#endif  // GAZETTE_MAIN_REPLICATION_H_
