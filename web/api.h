// The JSON API handlers: they translate between HTTP values and query::Searcher only.
#ifndef GAZETTE_WEB_API_H_
#define GAZETTE_WEB_API_H_

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "alerts/store.h"
#include "web/feed.h"
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
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
};

// What a handler needs of an HTTP request besides its parameters.
struct RequestContext {
  std::string base_url;  // "http://host:port" as the client addressed the server
  std::string target;    // path and query string as sent
  Conditional conditional;
  std::string accept;         // the Accept header
  std::string authorization;  // the Authorization header
};

// The JSON error reply for a failed Status, with the status HttpStatus maps it to.
Reply ErrorReply(const Status& status);

// A 200 with `body` and its validators (ETag, Last-Modified when known), or a 304
// without a body when the client's copy is still current.
Reply ConditionalReply(const std::string& body, const std::string& content_type,
                       std::optional<std::int64_t> last_modified, const Conditional& conditional);

// Thread-safe: each call checks out its own Searcher.
class Api {
 public:
  // `store` may be null: saved searches then answer 503.
  Api(const ServerOptions& options, SearcherPool* pool, const Metrics* metrics,
      alerts::Store* store = nullptr);

  Reply Search(const QueryParams& params);  // GET /api/search
  Reply Article(const std::string& id);     // GET /api/articles/{id}
  // GET /api/articles/{id}/similar?count=
  Reply Similar(const std::string& id, const QueryParams& params);
  // GET /api/suggest?q=&count=[&format=opensearch]: JSON, or the OpenSearch
  // suggestions array when the format or the Accept header asks for it.
  Reply Suggest(const QueryParams& params, const std::string& accept = "");
  // GET /feed?<search parameters>: the search as an Atom feed, newest first; 304 when
  // the client's validators still hold.
  Reply Feed(const QueryParams& params, const RequestContext& context);
  // GET /opensearch.xml: the OpenSearch 1.1 description of this server.
  Reply OpenSearch(const RequestContext& context);
  Reply Stats();  // GET /api/stats
  // GET /healthz: each shard's state; 200 only when every shard answers.
  Reply Health();
  // GET /readyz: 200 when every shard answers and searches can run, else 503. What a
  // load balancer polls.
  Reply Readyz();
  Reply MetricsText();  // GET /metrics

  // Saved searches (docs/api.md), each with the admin token as a bearer token:
  // POST /api/saved-searches {"name", "params", "webhook"}
  Reply CreateSavedSearch(const std::string& body, const RequestContext& context);
  Reply ListSavedSearches(const RequestContext& context);  // GET /api/saved-searches
  // DELETE /api/saved-searches/{id}
  Reply DeleteSavedSearch(const std::string& id, const RequestContext& context);
  // GET /feed/saved/{id}: the search's recent matches as Atom, newest match first. The
  // unguessable id is the credential, as feed readers send no tokens.
  Reply SavedFeed(const std::string& id, const RequestContext& context);

 private:
  MetricsSnapshot Snapshot();
  // The request defaults in force now: the reloadable ones when the server has them.
  RequestSettings Settings() const;
  // Ok when the request carries the admin token and the store is open.
  Status CheckAdmin(const RequestContext& context, int* http_status) const;

  const ServerOptions& options_;
  SearcherPool* pool_;
  const Metrics* metrics_;
  alerts::Store* store_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_API_H_
