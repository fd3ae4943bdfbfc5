// `gazette serve`: the HTTP server over the database.
#include <iostream>
#include <memory>

#include "main/commands.h"
#include "web/server.h"

namespace gazette {
namespace {

int RunServe(const Config& config) {
  web::ServerOptions options;
  options.db_path = config.db;
  const std::size_t colon = config.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "gazette serve: --listen: expected HOST:PORT, got '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.host = config.listen.substr(0, colon);
  try {
    options.port = std::stoi(config.listen.substr(colon + 1));
  } catch (const std::exception&) {
    options.port = -1;
  }
  if (options.port < 0 || options.port > 65535) {
    std::cerr << "gazette serve: --listen: bad port in '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.threads = config.server_threads;
  options.limits = config.limits;
  options.ranking = config.ranking;
  options.admin_token = config.admin_token;
  Status status = web::Serve(options);
  if (!status.ok()) {
    std::cerr << "gazette serve: " << status.message() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace

Command AddServeCommand(CLI::App* parent) {
  struct Flags {
    std::string listen;
    int threads = -1;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = parent->add_subcommand("serve", "Serve the search page and JSON API over HTTP");
  app->add_option("--listen", flags->listen, "HOST:PORT to listen on (default: 127.0.0.1:8080)");
  app->add_option("--threads", flags->threads, "Worker threads (default: one per core)");
  return {app, [flags](const Config& config) {
            Config c = config;
            if (!flags->listen.empty()) c.listen = flags->listen;
            if (flags->threads >= 0) c.server_threads = flags->threads;
            return RunServe(c);
          }};
}

}  // namespace gazette
