// The JSON API handlers: they translate between HTTP values and query::Searcher only.
#ifndef GAZETTE_WEB_API_H_
#define GAZETTE_WEB_API_H_

#include <chrono>
#include <string>

#include "web/metrics.h"
#include "web/request_parser.h"
#include "web/searcher_pool.h"
#include "web/server.h"

namespace gazette::web {

// What a handler answers, independent of the HTTP library.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The JSON error reply for a failed Status, with the status HttpStatus maps it to.
Reply ErrorReply(const Status& status);

// Thread-safe: each call checks out its own Searcher.
class Api {
 public:
  Api(const ServerOptions& options, SearcherPool* pool, const Metrics* metrics);

  Reply Search(const QueryParams& params);  // GET /api/search
  Reply Article(const std::string& id);     // GET /api/articles/{id}
  // GET /api/articles/{id}/similar?count=
  Reply Similar(const std::string& id, const QueryParams& params);
  Reply Suggest(const QueryParams& params);  // GET /api/suggest?q=&count=
  Reply Stats();                             // GET /api/stats
  // GET /healthz: each shard's state; 200 only when every shard answers.
  Reply Health();
  // GET /readyz: 200 when every shard answers and searches can run, else 503. What a
  // load balancer polls.
  Reply Readyz();
  Reply MetricsText();  // GET /metrics

 private:
  MetricsSnapshot Snapshot();

  const ServerOptions& options_;
  SearcherPool* pool_;
  const Metrics* metrics_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_API_H_
