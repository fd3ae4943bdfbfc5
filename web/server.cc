// Serve(): httplib setup, the route table, shutdown on signals, access log and metrics.
#include "web/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string_view>
#include <thread>

#include "web/api.h"
#include "web/errors.h"
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

constexpr char kSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
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

// The route pattern a request is counted under; empty when no route serves it.
std::string RouteOf(const Request& req) {
  const std::string& path = req.path;
  if (path == "/api/search" || path == "/api/suggest" || path == "/api/stats" ||
      path == "/healthz" || path == "/metrics") {
    return path;
  }
  if (path.rfind(kArticlesPrefix, 0) == 0 && path.size() > kArticlesPrefix.size()) {
    return IsSimilarTarget(req.target) ? "/api/articles/{id}/similar" : "/api/articles/{id}";
  }
  if (path == "/" || path.rfind("/static/", 0) == 0) {
    return FindAsset(path) != nullptr ? (path == "/" ? "/" : "/static") : "";
  }
  return "";
}

void Send(const Reply& reply, Response& res) {
  res.status = reply.status;
  res.set_content(reply.body, reply.content_type.c_str());
  if (reply.content_type.rfind("application/json", 0) == 0) {
    res.set_header("Cache-Control", "no-store");
  }
}

// Errors raised by httplib itself (unparseable request, body or URI too long, no route)
// get the same JSON body as ours.
httplib::Server::HandlerResponse DescribeError(const Request& req, Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  std::string code = "internal";
  std::string message = "internal error";
  switch (res.status) {
    case 400:
      code = "invalid_argument";
      message = "malformed request";
      break;
    case 404:
      code = "not_found";
      message = "no such page: " + req.path;
      break;
    case 405:
      code = "method_not_allowed";
      message = req.method + " is not allowed here; use GET";
      break;
    case 413:
      code = "payload_too_large";
      message = "request body too large";
      break;
    case 414:
      code = "uri_too_long";
      message = "request URI too long";
      break;
    default:
      break;
  }
  res.set_content(ErrorBody(code, message), "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

// The whole surface of the server, in one place.
void AddRoutes(httplib::Server& server, Api& api) {
  server.Get("/api/search",
             [&api](const Request& req, Response& res) { Send(api.Search(req.params), res); });
  server.Get(R"(/api/articles/(.+))", [&api](const Request& req, Response& res) {
    const std::string id = req.matches[1].str();
    if (IsSimilarTarget(req.target) && id.size() > kSimilarSuffix.size()) {
      Send(api.Similar(id.substr(0, id.size() - kSimilarSuffix.size()), req.params), res);
    } else {
      Send(api.Article(id), res);
    }
  });
  server.Get("/api/suggest",
             [&api](const Request& req, Response& res) { Send(api.Suggest(req.params), res); });
  server.Get("/api/stats", [&api](const Request&, Response& res) { Send(api.Stats(), res); });
  server.Get("/healthz", [&api](const Request&, Response& res) { Send(api.Health(), res); });
  server.Get("/metrics", [&api](const Request&, Response& res) { Send(api.MetricsText(), res); });
  server.Get(R"(/|/static/[a-z.]+)", [](const Request& req, Response& res) {
    const Asset* asset = FindAsset(req.path);
    if (asset == nullptr) {
      res.status = 404;  // DescribeError fills in the body
      return;
    }
    res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
    res.set_header("Cache-Control", "no-cache");
  });
  // Other methods: 405 on a path we serve, 404 elsewhere.
  auto not_allowed = [](const Request& req, Response& res) {
    res.status = RouteOf(req).empty() ? 404 : 405;
    if (res.status == 405) res.set_header("Allow", "GET, HEAD");
  };
  server.Post(".*", not_allowed);
  server.Put(".*", not_allowed);
  server.Patch(".*", not_allowed);
  server.Delete(".*", not_allowed);
  server.Options(".*", not_allowed);
}

// Control characters in a logged path could forge log lines.
std::string Printable(const std::string& text) {
  std::string out = text.substr(0, 300);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

void Instrument(httplib::Server& server, Metrics& metrics, bool access_log) {
  server.set_pre_routing_handler([](const Request&, Response&) {
    t_request_start = Clock::now();
    t_request_started = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([&metrics, access_log](const Request& req, const Response& res) {
    const double seconds =
        t_request_started ? std::chrono::duration<double>(Clock::now() - t_request_start).count()
                          : 0.0;
    t_request_started = false;
    const std::string route = RouteOf(req);
    metrics.Record(route.empty() ? "other" : route, res.status, seconds);
    if (!access_log) return;
    std::ostringstream line;
    line.setf(std::ios::fixed);
    line.precision(1);
    line << req.remote_addr << ' ' << Printable(req.method) << ' ' << Printable(req.path) << ' '
         << res.status << ' ' << seconds * 1000 << "ms\n";
    std::cerr << line.str() << std::flush;
  });
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
  Api api(options, &pool, &metrics);

  httplib::Server server;
  // A connection holds its HTTP thread for as long as it is kept alive, so there are
  // many more connection threads than searchers; requests wait for a free searcher.
  const int connection_threads = std::max(64, threads * 16);
  server.new_task_queue = [connection_threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(connection_threads));
  };
  server.set_payload_max_length(options.max_body_bytes);
  // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
  // holds the body back until the client's delayed ACK, adding ~40 ms to every reply.
  server.set_tcp_nodelay(true);
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5);
  server.set_write_timeout(5);
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
  Instrument(server, metrics, options.access_log);
  AddRoutes(server, api);

  StopSignal stop(options.handle_signals);
  if (!stop.ok()) return Status::Internal("cannot create the shutdown pipe");
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                           ": " + std::strerror(errno));
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
  const bool clean = server.listen_after_bind();
  finished.store(true);
  stop.Request();
  stopper.join();
  if (!clean) return Status::Internal("the HTTP server stopped unexpectedly");
  std::cerr << "gazette: stopped\n";
  return Status::Ok();
}

}  // namespace gazette::web
