// The HTTP server: JSON API and the embedded search page over query::Searcher.
#ifndef GAZETTE_WEB_SERVER_H_
#define GAZETTE_WEB_SERVER_H_

#include <string>

#include "base/status.h"
#include "query/search.h"

namespace gazette::web {

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;  // worker threads, each with its own Searcher; 0 = one per core
  query::Limits limits;
  query::Ranking ranking;  // defaults; requests may override each weight
  std::string admin_token; // empty = admin endpoints disabled
  bool access_log = true;  // one line per request on stderr
};

// Serves until SIGINT or SIGTERM, then drains in-flight requests and returns.
// Returns an error when the address cannot be bound. A missing database is not an
// error: requests get 503 until one appears.
Status Serve(const ServerOptions& options);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_SERVER_H_
