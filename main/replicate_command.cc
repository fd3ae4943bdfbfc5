// `gazette replicate`: read replicas that follow the master's live generation, through
// xapian-replicate-server and xapian-replicate.
#include <iostream>
#include <memory>

#include "main/commands.h"
#include "main/replication.h"

namespace gazette {
namespace {

// Splits HOST:PORT; throws CLI::ValidationError naming `flag` when it is not one.
void SplitAddress(const std::string& flag, const std::string& text, std::string* host, int* port) {
  const std::size_t colon = text.rfind(':');
  int parsed = -1;
  if (colon != std::string::npos && colon > 0) {
    try {
      parsed = std::stoi(text.substr(colon + 1));
    } catch (const std::exception&) {
      parsed = -1;
    }
  }
  if (parsed < 1 || parsed > 65535) {
    throw CLI::ValidationError(
        flag, "expected HOST:PORT with a port from 1 to 65535, got '" + text + "'");
  }
  *host = text.substr(0, colon);
  *port = parsed;
}

CLI::App* AddServe(CLI::App* replicate, std::shared_ptr<std::string> listen) {
  CLI::App* app = replicate->add_subcommand(
      "serve", "On the master: export the live generation to replicas (xapian-replicate-server)");
  app->add_option("--listen", *listen, "HOST:PORT xapian-replicate-server listens on")
      ->required()
      ->type_name("HOST:PORT");
  app->footer(R"(The live generation's shards are linked from DB.replicate/ and re-linked within
half a second of a --rebuild or rollback, so replicas follow it. Set
XAPIAN_MAX_CHANGESETS (e.g. 10) for `gazette index` on the master: replicas then
pull changesets instead of full copies after incremental runs.

Examples:
  gazette replicate serve --db /srv/news.db --listen 10.0.0.11:7010
  XAPIAN_MAX_CHANGESETS=10 gazette index --db /srv/news.db ~/articles   # meanwhile)");
  return app;
}

struct FollowFlags {
  std::string from;
  replication::ReplicaOptions options;
};

CLI::App* AddFollow(CLI::App* replicate, std::shared_ptr<FollowFlags> flags) {
  CLI::App* app = replicate->add_subcommand(
      "follow", "On a replica: pull the master's live generation into --db (xapian-replicate)");
  app->add_option("--from", flags->from, "HOST:PORT of the master's `gazette replicate serve`")
      ->required()
      ->type_name("HOST:PORT");
  app->add_option("--shards", flags->options.shards, "Shards of the master's database")
      ->check(CLI::Range(1, 64))
      ->type_name("N")
      ->capture_default_str();
  app->add_option("--interval", flags->options.interval_s, "Seconds between pulls")
      ->check(CLI::Range(1, 86400))
      ->type_name("S")
      ->capture_default_str();
  app->add_flag("--once", flags->options.once, "Pull once, then exit (0: the replica is current)");
  app->footer(R"(Each shard is copied into DB.replica/shard-I; DB becomes a stub that `gazette
serve --db DB` opens once the first pull has completed. A --rebuild or rollback on
the master makes the next pull a full copy of the new live generation, switched in
atomically per shard; incremental runs arrive as changesets.

Examples:
  gazette replicate follow --db /srv/replica.db --from 10.0.0.11:7010 --interval 10
  gazette replicate follow --db /srv/replica.db --from 10.0.0.11:7010 --once
  gazette serve --db /srv/replica.db --listen 0.0.0.0:8080)");
  return app;
}

}  // namespace

Command AddReplicateCommand(CLI::App* parent) {
  CLI::App* app = parent->add_subcommand(
      "replicate", "Keep read replicas on the master's live generation (xapian-replicate)");
  app->require_subcommand(1);
  auto listen = std::make_shared<std::string>();
  auto follow = std::make_shared<FollowFlags>();
  CLI::App* serve = AddServe(app, listen);
  AddFollow(app, follow);
  app->footer(R"(Examples:
  gazette replicate serve --db /srv/news.db --listen 10.0.0.11:7010      # on the master
  gazette replicate follow --db /srv/replica.db --from 10.0.0.11:7010    # on each replica)");
  return {app, [serve, listen, follow](const Config& config) {
            if (serve->parsed()) {
              replication::MasterOptions options;
              options.db = config.db;
              SplitAddress("--listen", *listen, &options.host, &options.port);
              return replication::ServeMaster(options);
            }
            replication::ReplicaOptions options = follow->options;
            options.db = config.db;
            SplitAddress("--from", follow->from, &options.host, &options.port);
            return replication::FollowMaster(options);
          }};
}

}  // namespace gazette
