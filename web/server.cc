// Serve(): the route table, httplib setup, shutdown on signals, access log and metrics.
#include "web/server.h"

#include <httplib.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>

#include "web/api.h"
#include "web/errors.h"
#include "web/guarded_server.h"
#include "web/metrics.h"
#include "web/page.h"
#include "web/searcher_pool.h"
#include "web/stop_signal.h"

namespace gazette::web {
namespace {

using Clock = std::chrono::steady_clock;
using httplib::Request;
using httplib::Response;

// Set by the pre-routing handler; a worker thread serves one request at a time.
thread_local Clock::time_point t_request_start;
thread_local bool t_request_started = false;
thread_local std::string t_request_id;

constexpr char kSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

constexpr std::string_view kArticlesPrefix = "/api/articles/";
constexpr std::string_view kSimilarSuffix = "/similar";

// Whether a raw request target asks for similar articles. Decided before decoding, so
// an id that itself ends in "%2Fsimilar" is still an article.
bool IsSimilarTarget(std::string_view target) {
  target = target.substr(0, target.find('?'));
  return target.size() > kArticlesPrefix.size() + kSimilarSuffix.size() &&
         target.substr(target.size() - kSimilarSuffix.size()) == kSimilarSuffix;
}

void Send(const Reply& reply, Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (reply.status == 304) return;  // no body, no Content-Type
  res.set_content(reply.body, reply.content_type.c_str());
  if (reply.content_type.rfind("application/json", 0) == 0) {
    res.set_header("Cache-Control", "no-store");
  }
}

// Whether a Host header is a plain host[:port] (no scheme, path or spaces).
bool IsPlainHost(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host) {
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
  }
  return true;
}

RequestContext ContextOf(const Request& req) {
  RequestContext context;
  std::string host = req.get_header_value("Host");
  if (!IsPlainHost(host)) host = req.local_addr + ":" + std::to_string(req.local_port);
  context.base_url = "http://" + host;
  context.target = req.target;
  context.conditional.if_none_match = req.get_header_value("If-None-Match");
  context.conditional.if_modified_since = req.get_header_value("If-Modified-Since");
  context.accept = req.get_header_value("Accept");
  context.authorization = req.get_header_value("Authorization");
  return context;
}

// Errors raised by httplib itself (unparseable request, no route) get the same JSON
// body as ours.
httplib::Server::HandlerResponse DescribeError(const Request& req, Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  std::string message = "malformed request";
  if (res.status == 404) message = "no such page: " + req.path;
  if (res.status == 405) {
    message = req.method + " is not allowed here; use " + res.get_header_value("Allow");
  }
  if (res.status >= 500) message = "internal error";
  res.set_content(ErrorBody(ErrorCodeOf(res.status), message), "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

void ServeAsset(const Request& req, Response& res) {
  const Asset* asset = FindAsset(req.path);
  res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
  res.set_header("Cache-Control", "no-cache");
}

bool IsArticle(const Request& req) {
  return req.path.rfind(kArticlesPrefix, 0) == 0 && req.path.size() > kArticlesPrefix.size();
}

// The article id of an /api/articles/{id} path (decoded).
std::string ArticleId(const Request& req) { return req.path.substr(kArticlesPrefix.size()); }

bool IsSimilar(const Request& req) {
  return IsArticle(req) && IsSimilarTarget(req.target) &&
         ArticleId(req).size() > kSimilarSuffix.size();
}

constexpr std::string_view kSavedPrefix = "/api/saved-searches/";
constexpr std::string_view kSavedFeedPrefix = "/feed/saved/";

// The id after `prefix` in a path, or "" when the path does not start with it.
std::string IdAfter(std::string_view prefix, const std::string& path) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return "";
  return path.substr(prefix.size());
}

struct Route {
  const char* method;  // "GET" (which HEAD follows), "POST" or "DELETE"
  const char* name;    // the pattern requests are counted under in metrics
  bool (*matches)(const Request& req);
  void (*serve)(Api& api, const Request& req, Response& res);
};

// The whole surface of the server, in one place: dispatch, the 404/405 decision and
// metrics all read this table. The first matching row serves a request.
const Route kRoutes[] = {
    {"GET", "/api/search", [](const Request& r) { return r.path == "/api/search"; },
     [](Api& api, const Request& r, Response& res) { Send(api.Search(r.params), res); }},
    {"GET", "/api/articles/{id}/similar", IsSimilar,
     [](Api& api, const Request& r, Response& res) {
       const std::string id = ArticleId(r);
       Send(api.Similar(id.substr(0, id.size() - kSimilarSuffix.size()), r.params), res);
     }},
    {"GET", "/api/articles/{id}", IsArticle,
     [](Api& api, const Request& r, Response& res) { Send(api.Article(ArticleId(r)), res); }},
    {"GET", "/api/suggest", [](const Request& r) { return r.path == "/api/suggest"; },
     [](Api& api, const Request& r, Response& res) {
       Send(api.Suggest(r.params, r.get_header_value("Accept")), res);
     }},
    {"GET", "/feed", [](const Request& r) { return r.path == "/feed"; },
     [](Api& api, const Request& r, Response& res) {
       Send(api.Feed(r.params, ContextOf(r)), res);
     }},
    {"POST", "/api/saved-searches",
     [](const Request& r) { return r.path == "/api/saved-searches"; },
     [](Api& api, const Request& r, Response& res) {
       Send(api.CreateSavedSearch(r.body, ContextOf(r)), res);
     }},
    {"GET", "/api/saved-searches", [](const Request& r) { return r.path == "/api/saved-searches"; },
     [](Api& api, const Request& r, Response& res) {
       Send(api.ListSavedSearches(ContextOf(r)), res);
     }},
    {"DELETE", "/api/saved-searches/{id}",
     [](const Request& r) { return !IdAfter(kSavedPrefix, r.path).empty(); },
     [](Api& api, const Request& r, Response& res) {
       Send(api.DeleteSavedSearch(IdAfter(kSavedPrefix, r.path), ContextOf(r)), res);
     }},
    {"GET", "/feed/saved/{id}",
     [](const Request& r) { return !IdAfter(kSavedFeedPrefix, r.path).empty(); },
     [](Api& api, const Request& r, Response& res) {
       Send(api.SavedFeed(IdAfter(kSavedFeedPrefix, r.path), ContextOf(r)), res);
     }},
    {"GET", "/opensearch.xml", [](const Request& r) { return r.path == "/opensearch.xml"; },
     [](Api& api, const Request& r, Response& res) { Send(api.OpenSearch(ContextOf(r)), res); }},
    {"GET", "/api/stats", [](const Request& r) { return r.path == "/api/stats"; },
     [](Api& api, const Request&, Response& res) { Send(api.Stats(), res); }},
    {"GET", "/healthz", [](const Request& r) { return r.path == "/healthz"; },
     [](Api& api, const Request&, Response& res) { Send(api.Health(), res); }},
    {"GET", "/readyz", [](const Request& r) { return r.path == "/readyz"; },
     [](Api& api, const Request&, Response& res) { Send(api.Readyz(), res); }},
    {"GET", "/metrics", [](const Request& r) { return r.path == "/metrics"; },
     [](Api& api, const Request&, Response& res) { Send(api.MetricsText(), res); }},
    {"GET", "/", [](const Request& r) { return r.path == "/" && FindAsset(r.path) != nullptr; },
     [](Api&, const Request& r, Response& res) { ServeAsset(r, res); }},
    {"GET", "/static",
     [](const Request& r) {
       return r.path.rfind("/static/", 0) == 0 && FindAsset(r.path) != nullptr;
     },
     [](Api&, const Request& r, Response& res) { ServeAsset(r, res); }},
};

// The method a request is served as: HEAD as GET.
std::string_view MethodOf(const Request& req) {
  return req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method);
}

// The route that serves `req`; nullptr when none does.
const Route* FindRoute(const Request& req) {
  for (const Route& route : kRoutes) {
    if (route.method == MethodOf(req) && route.matches(req)) return &route;
  }
  return nullptr;
}

// The methods the routes of `req`'s path answer, for Allow; empty when none does.
std::string AllowedMethods(const Request& req) {
  std::string allowed;
  for (const Route& route : kRoutes) {
    if (!route.matches(req) || allowed.find(route.method) != std::string::npos) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += route.method == std::string_view("GET") ? "GET, HEAD" : route.method;
  }
  return allowed;
}

void Dispatch(Api& api, const Request& req, Response& res) {
  const Route* route = FindRoute(req);
  if (route != nullptr) return route->serve(api, req, res);
  // Another method: 405 on a path we serve, 404 elsewhere (DescribeError fills in the body).
  const std::string allowed = AllowedMethods(req);
  res.status = allowed.empty() ? 404 : 405;
  if (!allowed.empty()) res.set_header("Allow", allowed);
}

void AddRoutes(httplib::Server& server, Api& api) {
  auto dispatch = [&api](const Request& req, Response& res) { Dispatch(api, req, res); };
  server.Get(".*", dispatch);
  server.Post(".*", dispatch);
  server.Put(".*", dispatch);
  server.Patch(".*", dispatch);
  server.Delete(".*", dispatch);
  server.Options(".*", dispatch);
}

void Instrument(httplib::Server& server, Metrics& metrics, AccessLog* access_log) {
  server.set_pre_routing_handler([](const Request& req, Response& res) {
    t_request_start = Clock::now();
    t_request_started = true;
    t_request_id = RequestId(req.get_header_value("X-Request-Id"));
    res.set_header("X-Request-Id", t_request_id);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([&metrics, access_log](const Request& req, const Response& res) {
    const double seconds =
        t_request_started ? std::chrono::duration<double>(Clock::now() - t_request_start).count()
                          : 0.0;
    t_request_started = false;
    const Route* route = FindRoute(req);
    metrics.Record(route == nullptr ? "other" : route->name, res.status, seconds);
    AccessRecord record;
    record.remote = req.remote_addr;
    record.method = req.method;
    record.path = req.path;
    record.status = res.status;
    record.duration_ms = seconds * 1000;
    record.request_id = t_request_id;
    TakeSearchFacts(&record);
    if (access_log != nullptr) access_log->Write(record);
  });
}

// Connections each hold a descriptor: allow as many as the hard limit does.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int WorkerThreads(int requested) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(2, requested > 0 ? requested : cores);
}

}  // namespace

Status Serve(const ServerOptions& options) {
  const int threads = WorkerThreads(options.threads);
  SearcherPool pool(options.db_path, options.limits, threads);
  if (!pool.available()) {
    std::cerr << "gazette: no database at " << options.db_path
              << " yet; answering 503 until one appears\n";
  }
  Metrics metrics;
  Api api(options, &pool, &metrics, options.alerts.get());

  ConnectionLimits limits = options.connections;
  // Workers wait for a free searcher: many more of them than searchers keep the
  // searchers busy while replies are written.
  if (limits.workers <= 0) limits.workers = std::max(64, threads * 16);
  std::optional<AccessLog> access_log;
  if (options.access_log) access_log.emplace(options.log_format, options.log_level);
  GuardedServer server(limits, [&metrics, &access_log](const std::string& remote, int status,
                                                       const std::string& reason) {
    metrics.Record("other", status, 0.0);
    if (access_log) {
      AccessRecord record;
      record.remote = remote;
      record.method = "-";
      record.path = "-";
      record.status = status;
      record.request_id = RequestId("");
      record.refused = reason;
      access_log->Write(record);
    }
  });
  // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
  // holds the body back until the client's delayed ACK, adding ~40 ms to every reply.
  server.set_tcp_nodelay(true);
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Content-Security-Policy", kSecurityPolicy},
                              {"Referrer-Policy", "no-referrer"}});
  server.set_error_handler(httplib::Server::HandlerWithResponse(DescribeError));
  server.set_exception_handler([](const Request&, Response& res, std::exception_ptr error) {
    std::string message = "unexpected failure";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(ErrorBody(Status::Internal(message)), "application/json");
  });
  Instrument(server, metrics, access_log ? &*access_log : nullptr);
  AddRoutes(server, api);

  StopSignal stop(options.handle_signals);
  if (!stop.ok()) return Status::Internal("cannot create the shutdown pipe");
  RaiseOpenFileLimit();
  const int port = server.Bind(options.host, options.port);
  if (port <= 0) {
    const int error = errno;
    return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                           ": " + std::strerror(error) +
                           (error == EADDRINUSE ? " (is another server running there?)" : ""));
  }

  std::atomic<bool> finished{false};
  std::thread stopper([&] {
    stop.Wait();
    // A stop may arrive before the accept loop runs; stop() only acts on a running one.
    while (!finished.load() && !server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!finished.load()) server.stop();
  });
  pool.Start();
  std::cout << "gazette: serving " << options.db_path << " on http://" << options.host << ":"
            << port << "/" << std::endl;
  if (options.on_listening) options.on_listening(port, [&stop] { stop.Request(); });
  const bool clean = server.Run();
  finished.store(true);
  stop.Request();
  stopper.join();
  if (!clean) return Status::Internal("the HTTP server stopped unexpectedly");
  std::cerr << "gazette: stopped\n";
  return Status::Ok();
}

}  // namespace gazette::web
