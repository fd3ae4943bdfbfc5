// Runs Serve() on a free port over the sample corpus and exercises every route.
#include "web/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <csignal>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_db.h"
#include "tests/support/test_support.h"

namespace gazette::web {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

// Serve() in a background thread; stopped (and joined) on destruction.
class TestServer {
 public:
  explicit TestServer(const std::string& db_path, bool handle_signals = false,
                      ConnectionLimits connections = {}) {
    ServerOptions options;
    options.db_path = db_path;
    options.port = 0;
    options.connections = connections;
    options.threads = 2;
    options.access_log = false;
    options.handle_signals = handle_signals;
    std::promise<std::pair<int, std::function<void()>>> ready;
    auto listening = ready.get_future();
    options.on_listening = [&ready](int port, std::function<void()> stop) {
      ready.set_value({port, std::move(stop)});
    };
    thread_ = std::thread([this, options] { status_ = Serve(options); });
    auto [port, stop] = listening.get();
    port_ = port;
    stop_ = std::move(stop);
  }
  ~TestServer() { Stop(); }

  Status Stop() {
    if (thread_.joinable()) {
      stop_();
      thread_.join();
    }
    return status_;
  }
  // Waits for Serve to return after something else (a signal) stopped it.
  Status Join() {
    thread_.join();
    return status_;
  }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }
  int port() const { return port_; }

 private:
  int port_ = 0;
  std::function<void()> stop_;
  std::thread thread_;
  Status status_;
};

// GET `path` and check the status; returns the JSON body.
json GetJson(httplib::Client& client, const std::string& path, int status) {
  auto res = client.Get(path.c_str());
  INFO(path);
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  CHECK_THAT(res->get_header_value("Content-Type"), StartsWith("application/json"));
  return json::parse(res->body);
}

TestServer& SampleServer() {
  static TestServer* server = new TestServer(testing::SampleDb());  // for the whole run
  return *server;
}

TEST_CASE("GET /api/search answers hits - facets and histogram", "[server]") {
  auto client = SampleServer().Client();
  json body = GetJson(client, "/api/search?q=ransomware&facets=topic,provider,date&explain=1", 200);
  CHECK(body["total"].get<int>() > 0);
  REQUIRE(!body["hits"].empty());
  const json& hit = body["hits"][0];
  for (const char* key : {"id", "title", "title_html", "snippet", "url", "provider", "topics",
                          "published", "quality", "score", "images", "related"}) {
    INFO(key);
    CHECK(hit.contains(key));
  }
  CHECK(hit.contains("explain"));
  CHECK(body["facets"].contains("topic"));
  CHECK(body["facets"].contains("provider"));
  CHECK(body["date_histogram"]["buckets"].is_array());
  CHECK(body.contains("took_ms"));

  json paged = GetJson(client, "/api/search?q=&per_page=2&page=2&sort=oldest", 200);
  CHECK(paged["page"] == 2);
  CHECK(paged["per_page"] == 2);
  CHECK(paged["hits"].size() == 2);

  json filtered =
      GetJson(client, "/api/search?topic=Cybersecurity&from=2026-01-01&to=2026-12-31", 200);
  for (const json& h : filtered["hits"]) {
    CHECK_THAT(h["published"].get<std::string>(), StartsWith("2026-"));
  }
}

TEST_CASE("GET /api/search rejects bad parameters with 400 naming them", "[server]") {
  auto client = SampleServer().Client();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/search?per_page=1000", "per_page: must be between 1 and 100"},
      {"/api/search?page=0", "page:"},
      {"/api/search?sort=sideways", "sort:"},
      {"/api/search?from=not-a-date", "from:"},
      {"/api/search?min_quality=500", "min_quality:"},
      {"/api/search?facets=topic,nonsense", "facets:"},
      {"/api/search?q=" + std::string(2000, 'a'), "q:"},
  };
  for (const auto& [path, prefix] : cases) {
    json body = GetJson(client, path, 400);
    CHECK(body["error"]["code"] == "invalid_argument");
    CHECK_THAT(body["error"]["message"].get<std::string>(), StartsWith(prefix));
  }
}

TEST_CASE("GET /api/articles/{id} finds an article by its URL-encoded id", "[server]") {
  auto client = SampleServer().Client();
  json search = GetJson(client, "/api/search?q=ransomware&per_page=1", 200);
  REQUIRE(!search["hits"].empty());
  const std::string id = search["hits"][0]["id"];
  json article = GetJson(client, "/api/articles/" + gazette::testing::EncodeComponent(id), 200);
  CHECK(article["id"] == id);
  CHECK(article["title"] == search["hits"][0]["title"]);

  json missing = GetJson(client, "/api/articles/https%3A%2F%2Fnowhere.example%2Fx", 404);
  CHECK(missing["error"]["code"] == "not_found");
}

TEST_CASE("GET /api/articles/{id}/similar and /api/suggest", "[server]") {
  auto client = SampleServer().Client();
  json search = GetJson(client, "/api/search?q=ransomware&per_page=1", 200);
  REQUIRE(!search["hits"].empty());
  const std::string id = search["hits"][0]["id"];
  json similar = GetJson(
      client, "/api/articles/" + gazette::testing::EncodeComponent(id) + "/similar?count=3", 200);
  CHECK(similar["id"] == id);
  REQUIRE(similar["hits"].is_array());
  CHECK(similar["hits"].size() <= 3);
  for (const json& hit : similar["hits"]) CHECK(hit["id"] != id);
  GetJson(client, "/api/articles/" + gazette::testing::EncodeComponent(id) + "/similar?count=0",
          400);
  GetJson(client, "/api/articles/nowhere/similar", 404);
  // origin moves the recency origin, as in searches: an archive's "as of" date.
  const std::string similar_of =
      "/api/articles/" + gazette::testing::EncodeComponent(id) + "/similar?count=1";
  json early = GetJson(client, similar_of + "&origin=2023-01-01", 200);
  json late = GetJson(client, similar_of + "&origin=2036-01-01", 200);
  REQUIRE(early["hits"].size() == 1);
  CHECK(early["hits"][0]["score"].get<double>() > late["hits"][0]["score"].get<double>());
  json bad_origin = GetJson(client, similar_of + "&origin=yesterday", 400);
  CHECK_THAT(bad_origin["error"]["message"].get<std::string>(), StartsWith("origin:"));

  json suggest = GetJson(client, "/api/suggest?q=rans", 200);
  CHECK(suggest["q"] == "rans");
  CHECK(suggest["suggestions"].is_array());
  json bad = GetJson(client, "/api/suggest?q=x&colour=red", 400);
  CHECK_THAT(bad["error"]["message"].get<std::string>(), StartsWith("colour:"));
}

TEST_CASE("GET /api/stats - /healthz and /metrics", "[server]") {
  auto client = SampleServer().Client();
  json stats = GetJson(client, "/api/stats", 200);
  CHECK(stats["documents"].get<int>() > 0);
  json health = GetJson(client, "/healthz", 200);
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == stats["documents"]);

  // One keep-alive connection: the server logs a request before it reads the next.
  client.set_keep_alive(true);
  GetJson(client, "/api/search?q=port", 200);
  GetJson(client, "/api/search?per_page=0", 400);
  auto res = client.Get("/metrics");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_THAT(res->get_header_value("Content-Type"), StartsWith("text/plain"));
  CHECK_THAT(res->body,
             Contains("gazette_http_requests_total{route=\"/api/search\",status=\"200\"}"));
  CHECK_THAT(res->body,
             Contains("gazette_http_requests_total{route=\"/api/search\",status=\"400\"}"));
  CHECK_THAT(
      res->body,
      Contains("gazette_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}"));
  CHECK_THAT(res->body, Contains("gazette_documents " + stats["documents"].dump() + "\n"));
  CHECK_THAT(res->body, Contains("gazette_index_reloads_total"));
}

TEST_CASE("GET / serves the embedded page and its assets", "[server]") {
  auto client = SampleServer().Client();
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK_THAT(page->get_header_value("Content-Type"), StartsWith("text/html"));
  CHECK_THAT(page->body, Contains("/static/app.js"));
  CHECK_THAT(page->get_header_value("Content-Security-Policy"), Contains("default-src 'none'"));
  for (const char* path : {"/static/app.js", "/static/style.css"}) {
    auto res = client.Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(!res->body.empty());
  }
}

TEST_CASE("Unknown paths are 404 - wrong methods 405 - big bodies 413", "[server]") {
  auto client = SampleServer().Client();
  for (const char* path : {"/nope", "/static/missing.js", "/static/../CMakeLists.txt",
                           "/%2e%2e/%2e%2e/etc/passwd", "/api/articles/"}) {
    json body = GetJson(client, path, 404);
    CHECK(body["error"]["code"] == "not_found");
  }
  auto post = client.Post("/api/search", "", "application/json");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(json::parse(post->body)["error"]["code"] == "method_not_allowed");
  auto del = client.Delete("/api/articles/x");
  REQUIRE(del);
  CHECK(del->status == 405);
  auto post_unknown = client.Post("/nope", "", "text/plain");
  REQUIRE(post_unknown);
  CHECK(post_unknown->status == 404);
  auto big = client.Post("/api/search", std::string(100000, 'x'), "text/plain");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(json::parse(big->body)["error"]["code"] == "payload_too_large");
}

TEST_CASE("Without a database every data route is 503", "[server]") {
  testing::ScratchDir dir;
  TestServer server(dir.Sub("missing"));
  auto client = server.Client();
  json health = GetJson(client, "/healthz", 503);
  CHECK(health["status"] == "unavailable");
  json ready = GetJson(client, "/readyz", 503);
  CHECK(ready["ready"] == false);
  for (const char* path : {"/api/search?q=x", "/api/stats", "/api/articles/x"}) {
    json body = GetJson(client, path, 503);
    CHECK(body["error"]["code"] == "unavailable");
  }
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK_THAT(metrics->body, Contains("gazette_database_available 0\n"));
  // Parameters are still checked first.
  GetJson(client, "/api/search?per_page=0", 400);
  CHECK(server.Stop().ok());
}

TEST_CASE("Serve fails when the address cannot be bound", "[server]") {
  ServerOptions options;
  options.db_path = testing::SampleDb();
  options.host = "203.0.113.1";  // TEST-NET-3: not an address of this machine
  options.port = 8080;
  options.handle_signals = false;
  Status status = Serve(options);
  CHECK(status.code() == StatusCode::kIoError);
  CHECK_THAT(status.message(), Contains("203.0.113.1:8080"));
}

TEST_CASE("Serve refuses a port another server listens on", "[server]") {
  TestServer first(testing::SampleDb());
  ServerOptions options;
  options.db_path = testing::SampleDb();
  options.port = first.port();
  options.handle_signals = false;
  Status status = Serve(options);
  CHECK(status.code() == StatusCode::kIoError);
  CHECK_THAT(status.message(), Contains("127.0.0.1:" + std::to_string(first.port())));
  CHECK_THAT(status.message(), Contains("Address already in use"));
  auto client = first.Client();
  GetJson(client, "/healthz", 200);
}

// A connected socket to the server, or -1.
int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Everything the server sends until it closes (at most 2 s).
std::string ReadAll(int fd) {
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

TEST_CASE("Connections over the cap get 503 with Retry-After - the others are served", "[server]") {
  ConnectionLimits limits;
  limits.max_connections = 3;
  TestServer server(testing::SampleDb(), false, limits);
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) idle.push_back(Connect(server.port()));
  const int extra = Connect(server.port());
  REQUIRE(extra >= 0);
  const std::string refused = ReadAll(extra);
  ::close(extra);
  CHECK_THAT(refused, StartsWith("HTTP/1.1 503"));
  CHECK_THAT(refused, Contains("Retry-After: 1"));
  CHECK_THAT(refused, Contains("\"unavailable\""));
  // Idle connections are served when they speak.
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ::send(idle[0], request.data(), request.size(), MSG_NOSIGNAL);
  CHECK_THAT(ReadAll(idle[0]), StartsWith("HTTP/1.1 200"));
  for (int fd : idle) ::close(fd);
}

TEST_CASE("A request still incomplete at its deadline gets 408 - others are served meanwhile",
          "[server]") {
  ConnectionLimits limits;
  limits.request_timeout = std::chrono::milliseconds(500);
  TestServer server(testing::SampleDb(), false, limits);
  const int slow = Connect(server.port());
  REQUIRE(slow >= 0);
  const std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  ::send(slow, partial.data(), partial.size(), MSG_NOSIGNAL);
  auto client = server.Client();
  GetJson(client, "/healthz", 200);
  const std::string reply = ReadAll(slow);
  ::close(slow);
  CHECK_THAT(reply, StartsWith("HTTP/1.1 408"));
  CHECK_THAT(reply, Contains("request_timeout"));
}

TEST_CASE("Gate rejections are counted in /metrics", "[server]") {
  TestServer server(testing::SampleDb());
  const int fd = Connect(server.port());
  REQUIRE(fd >= 0);
  const std::string request = "GET /healthz HTTP/1.1\r\n" + std::string(200, 'X') + "\r\n\r\n";
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  CHECK_THAT(ReadAll(fd), StartsWith("HTTP/1.1 400"));
  ::close(fd);
  auto client = server.Client();
  auto res = client.Get("/metrics");
  REQUIRE(res);
  CHECK_THAT(res->body, Contains("gazette_http_requests_total{route=\"other\",status=\"400\"} 1"));
}

TEST_CASE("SIGTERM drains and Serve returns Ok", "[server]") {
  TestServer server(testing::SampleDb(), /*handle_signals=*/true);
  auto client = server.Client();
  GetJson(client, "/healthz", 200);
  std::raise(SIGTERM);
  CHECK(server.Join().ok());
}

}  // namespace
}  // namespace gazette::web
