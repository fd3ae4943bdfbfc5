// The HTTP server: JSON API and the embedded search page over query::Searcher.
#ifndef GAZETTE_WEB_SERVER_H_
#define GAZETTE_WEB_SERVER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "alerts/store.h"
#include "base/status.h"
#include "query/search.h"
#include "web/access_log.h"
#include "web/limits.h"
#include "web/live_settings.h"

namespace gazette::web {

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (see on_listening)
  int threads = 0;  // worker threads, each with its own Searcher; 0 = one per core
  query::Limits limits;
  query::Ranking ranking;   // defaults; requests may override each weight
  std::string admin_token;  // empty = admin endpoints disabled
  // The alerts store behind saved searches and their feeds; null = none (503).
  std::shared_ptr<alerts::Store> alerts;
  bool access_log = true;  // one line per request on stderr
  LogFormat log_format = LogFormat::kText;
  spdlog::level::level_enum log_level = spdlog::level::info;  // 5xx lines are level error
  // When set, requests take the default ranking and request limits from it instead of
  // `ranking` and `limits`, so that they can change while serving (SIGHUP).
  std::shared_ptr<LiveSettings> live_settings;
  ConnectionLimits connections;  // request sizes, deadlines, connection caps
  bool handle_signals = true;    // SIGINT and SIGTERM stop the server
  // Called once the socket listens, with the bound port and a thread-safe function
  // that stops the server like SIGTERM does (valid until Serve returns). For tests and
  // embedding; it must not block.
  std::function<void(int port, std::function<void()> stop)> on_listening;
};

// Serves until SIGINT or SIGTERM (or the stop function), then drains in-flight
// requests and returns Ok. Returns IoError when the address cannot be bound, also when
// another process listens on it (the port is never shared). A missing database is not
// an error: requests get 503 until one appears.
Status Serve(const ServerOptions& options);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_SERVER_H_
