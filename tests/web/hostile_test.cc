// Hostile requests against a live `gazette serve` (the built binary): each gets its
// expected status, normal requests keep being served, and the server's resident memory
// stays below 300 MB throughout.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Under AddressSanitizer (the gazette binary is built like this test) freed memory sits
// in quarantine and every allocation carries redzones.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssKb = 1200 * 1024;
#else
constexpr long kMaxRssKb = 300 * 1024;
#endif

std::string SampleCorpus() { return std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample"; }

// Runs the gazette binary to completion; returns its exit status, stderr in `err`.
int RunGazette(const std::vector<std::string>& args, std::string* err = nullptr) {
  std::string command = std::string("'") + GAZETTE_BINARY + "'";
  for (const std::string& arg : args) command += " '" + arg + "'";
  command += " 2>&1 >/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  std::string out;
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int raw = pclose(pipe);
  if (err != nullptr) *err = out;
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

// The sample corpus indexed in two shards by the binary, once per process.
const std::string& ShardedDb() {
  static testing::TempDir* dir = new testing::TempDir();  // outlives every server
  static const std::string db = [] {
    const std::string path = dir->Sub("news.db");
    std::string err;
    INFO(err);
    REQUIRE(RunGazette({"--db", path, "index", "--shards", "2", SampleCorpus()}, &err) == 0);
    return path;
  }();
  return db;
}

long RssKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// `gazette serve` on a free port, its resident memory sampled every 10 ms until it
// stops. Stopped with SIGTERM on destruction.
class LiveServer {
 public:
  explicit LiveServer(const std::string& db) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], 1);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);
      close(out[0]);
      execl(GAZETTE_BINARY, "gazette", "--db", db.c_str(), "serve", "--listen", "127.0.0.1:0",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    // "gazette: serving <db> on http://127.0.0.1:<port>/"
    std::string text;
    char c;
    while (text.find('\n') == std::string::npos && read(out[0], &c, 1) == 1) text += c;
    close(out[0]);
    const std::size_t colon = text.rfind(':');
    REQUIRE(colon != std::string::npos);
    port_ = std::atoi(text.c_str() + colon + 1);
    REQUIRE(port_ > 0);
    sampler_ = std::thread([this] {
      while (!done_.load()) {
        const long rss = RssKb(pid_);
        if (rss > peak_kb_.load()) peak_kb_.store(rss);
        std::this_thread::sleep_for(10ms);
      }
    });
  }
  ~LiveServer() { Stop(); }

  // Stops the server; its exit status.
  int Stop() {
    if (pid_ <= 0) return exit_status_;
    kill(pid_, SIGTERM);
    int raw = 0;
    waitpid(pid_, &raw, 0);
    done_.store(true);
    sampler_.join();
    pid_ = -1;
    exit_status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return exit_status_;
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  long peak_rss_kb() const { return peak_kb_.load(); }
  void CheckMemory() const {
    WARN("gazette serve: peak VmRSS " << peak_rss_kb() / 1024 << " MB");
    CHECK(peak_rss_kb() > 0);
    CHECK(peak_rss_kb() < kMaxRssKb);
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = -1;
  std::atomic<bool> done_{false};
  std::atomic<long> peak_kb_{0};
  std::thread sampler_;
};

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends everything; false when the server stopped taking bytes.
bool SendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

struct Reply {
  int status = 0;  // 0: no reply before the deadline or the connection closed
  std::string head;
  std::string body;       // the first 64 KiB
  std::size_t bytes = 0;  // everything received
};

// Reads one reply (head and Content-Length body) or everything until the server
// closes, whichever ends first; gives up at `timeout`.
Reply ReadReply(int fd, std::chrono::milliseconds timeout = 10s) {
  Reply reply;
  std::string data;
  const Clock::time_point deadline = Clock::now() + timeout;
  std::size_t need = std::string::npos;
  char buf[65536];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.bytes += static_cast<std::size_t>(n);
    if (data.size() < 65536 + 16384) data.append(buf, static_cast<std::size_t>(n));
    if (need == std::string::npos) {
      const std::size_t end = data.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      reply.head = data.substr(0, end + 4);
      // Skip interim replies (100 Continue).
      if (reply.head.rfind("HTTP/1.1 1", 0) == 0) {
        data.erase(0, end + 4);
        reply.bytes -= end + 4;
        continue;
      }
      const std::size_t cl = reply.head.find("Content-Length: ");
      need = end + 4 + (cl == std::string::npos ? 0 : std::stoul(reply.head.substr(cl + 16)));
    }
    if (reply.bytes >= need) break;
  }
  if (!reply.head.empty()) {
    reply.status = std::atoi(reply.head.c_str() + 9);
    reply.body = data.substr(reply.head.size(), 65536);
  }
  return reply;
}

// One request on a fresh connection.
Reply Exchange(int port, const std::string& request, std::chrono::milliseconds timeout = 10s) {
  const int fd = Connect(port);
  REQUIRE(fd >= 0);
  SendAll(fd, request);
  Reply reply = ReadReply(fd, timeout);
  close(fd);
  return reply;
}

std::string Get(const std::string& target, const std::string& headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
}

std::string Repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::string RangeOfParts(std::size_t parts) {
  std::string value = "bytes=0-";
  for (std::size_t i = 1; i < parts; ++i) value += ",0-";
  return value;
}

TEST_CASE("Hostile requests get their expected status", "[hostile]") {
  LiveServer server(ShardedDb());
  struct Case {
    const char* name;
    std::string request;
    int status;
  };
  const std::string post = "POST /api/search HTTP/1.1\r\nHost: x\r\n";
  const std::vector<Case> cases = {
      {"plain search", Get("/api/search?q=ransomware"), 200},
      {"HEAD", "HEAD /api/search?q=port HTTP/1.1\r\nHost: x\r\n\r\n", 200},
      {"HTTP/1.0", "GET /healthz HTTP/1.0\r\n\r\n", 200},
      {"bare LF line ends", "GET /healthz HTTP/1.1\nHost: x\n\n", 200},
      {"Range of 2,700 parts (8 KB)",
       Get("/api/search?q=&per_page=100", "Range: " + RangeOfParts(2700) + "\r\n"), 200},
      {"Range of 3,000 parts (9 KB)",
       Get("/api/search?q=&per_page=100", "Range: " + RangeOfParts(3000) + "\r\n"), 431},
      {"Range of one part", Get("/api/search?q=", "Range: bytes=0-10\r\n"), 200},
      {"Range not satisfiable", Get("/static/app.js", "Range: bytes=999999999-\r\n"), 200},
      {"200 headers", Get("/healthz", Repeat("X-A: b\r\n", 200)), 431},
      {"one 20 KB header", Get("/healthz", "X-A: " + std::string(20000, 'b') + "\r\n"), 431},
      {"20 KB of headers in 99 lines",
       Get("/healthz", Repeat("X-A: " + std::string(200, 'b') + "\r\n", 99)), 431},
      {"9 KB request target", Get("/api/search?q=" + std::string(9000, 'a')), 414},
      {"query over the limit", Get("/api/search?q=" + std::string(2000, 'a')), 400},
      {"Content-Length of 1 GB", post + "Content-Length: 1000000000\r\n\r\n", 413},
      {"Content-Length of 20 digits", post + "Content-Length: 99999999999999999999\r\n\r\n", 413},
      {"chunked body of 10 KB",
       post + "Transfer-Encoding: chunked\r\n\r\n" +
           Repeat("400\r\n" + std::string(1024, 'x') + "\r\n", 10) + "0\r\n\r\n",
       413},
      {"chunk size of 1 GB", post + "Transfer-Encoding: chunked\r\n\r\n40000000\r\nxx", 413},
      {"small chunked POST", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 405},
      {"bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400},
      {"Content-Length and chunked",
       post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400},
      {"two Content-Lengths", post + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
      {"Transfer-Encoding gzip", post + "Transfer-Encoding: gzip\r\n\r\n", 501},
      {"Expect 100-continue too large",
       post + "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n", 413},
      {"folded header", Get("/healthz", "X-A: b\r\n  folded\r\n"), 400},
      {"header without colon", Get("/healthz", "NoColonHere\r\n"), 400},
      {"garbage request line", "\x16\x03\x01\x02\x05\x01\x07\x01\xfc\x03\x03\r\n\r\n", 400},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400},
      {"control byte in target", Get(std::string("/api/search?q=a\x01") + "b"), 400},
      {"unknown method", "BREW /api/search HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"DELETE", "DELETE /api/search HTTP/1.1\r\nHost: x\r\n\r\n", 405},
      {"path traversal", Get("/static/../../etc/passwd"), 404},
      {"encoded traversal", Get("/%2e%2e/%2e%2e/etc/passwd"), 404},
      {"bad percent-encoding", Get("/api/search?q=%zz%"), 200},
      {"per_page too large", Get("/api/search?per_page=100000"), 400},
      {"unknown parameter", Get("/api/search?colour=red"), 400},
      {"unbalanced query", Get("/api/search?q=%22oil+(AND+NOT"), 200},
      {"readyz", Get("/readyz"), 200},
  };
  std::size_t plain_bytes = 0;
  for (const Case& c : cases) {
    INFO(c.name);
    Reply reply = Exchange(server.port(), c.request);
    CHECK(reply.status == c.status);
    if (std::string(c.name) == "plain search") plain_bytes = reply.bytes;
    if (c.status >= 400) {
      INFO(reply.body);
      CHECK(nlohmann::json::parse(reply.body, nullptr, false).contains("error"));
    }
  }
  // A Range never multiplies the reply: the whole body, once.
  const Reply whole = Exchange(server.port(), Get("/api/search?q=&per_page=100"));
  const Reply ranged = Exchange(
      server.port(), Get("/api/search?q=&per_page=100", "Range: " + RangeOfParts(2700) + "\r\n"));
  REQUIRE(whole.status == 200);
  CHECK(plain_bytes > 0);
  CHECK(ranged.bytes < whole.bytes + 1024);
  CHECK(ranged.head.find("multipart/byteranges") == std::string::npos);
  server.CheckMemory();
  CHECK(server.Stop() == 0);
}

TEST_CASE("Range amplification in parallel stays bounded", "[hostile]") {
  LiveServer server(ShardedDb());
  const std::string request =
      Get("/api/search?q=&per_page=100", "Range: " + RangeOfParts(2700) + "\r\n");
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  std::atomic<std::size_t> most{0};
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        Reply reply = Exchange(server.port(), request);
        if (reply.status == 200) ++ok;
        if (reply.bytes > most.load()) most.store(reply.bytes);
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(ok.load() == 40);
  CHECK(most.load() < 2 * 1024 * 1024);
  server.CheckMemory();
}

// Streams `piece` until the server stops reading or answers; the bytes it took.
std::size_t Flood(int fd, const std::string& head, const std::string& piece, std::size_t limit) {
  std::size_t sent = 0;
  if (!SendAll(fd, head)) return 0;
  sent += head.size();
  while (sent < limit) {
    pollfd p{fd, POLLOUT | POLLIN, 0};
    if (poll(&p, 1, 3000) <= 0) break;                    // the server stopped reading
    if (p.revents & (POLLIN | POLLERR | POLLHUP)) break;  // answered or closed
    const ssize_t n = send(fd, piece.data(), piece.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0 && errno != EAGAIN) break;
    if (n > 0) sent += static_cast<std::size_t>(n);
  }
  return sent;
}

TEST_CASE("Endless headers and endless chunked bodies are cut off early", "[hostile]") {
  LiveServer server(ShardedDb());
  const std::size_t kHalfGigabyte = std::size_t{500} << 20;
  {
    const int fd = Connect(server.port());
    REQUIRE(fd >= 0);
    const std::size_t sent =
        Flood(fd, "GET /healthz HTTP/1.1\r\n",
              Repeat("X-Header: " + std::string(90, 'v') + "\r\n", 600), kHalfGigabyte);
    Reply reply = ReadReply(fd);
    close(fd);
    CHECK(reply.status == 431);
    CHECK(sent < std::size_t{64} << 20);
  }
  {
    const int fd = Connect(server.port());
    REQUIRE(fd >= 0);
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
    const std::size_t sent =
        Flood(fd, "POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
              Repeat(chunk, 4), std::size_t{1} << 30);
    Reply reply = ReadReply(fd);
    close(fd);
    CHECK(reply.status == 413);
    CHECK(sent < std::size_t{64} << 20);
  }
  CHECK(Exchange(server.port(), Get("/healthz")).status == 200);
  server.CheckMemory();
}

TEST_CASE("Slow clients do not starve normal requests and get 408", "[hostile]") {
  LiveServer server(ShardedDb());
  std::vector<int> slow;
  for (int i = 0; i < 80; ++i) {
    const int fd = Connect(server.port());
    REQUIRE(fd >= 0);
    slow.push_back(fd);
  }
  const std::string dribble = "GET /api/search?q=oil HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  std::atomic<bool> stop{false};
  std::thread dribbler([&] {
    // One byte per connection per second, as a slowloris client does.
    for (std::size_t i = 0; !stop.load(); ++i) {
      for (int fd : slow) send(fd, &dribble[i % dribble.size()], 1, MSG_NOSIGNAL);
      for (int k = 0; k < 10 && !stop.load(); ++k) std::this_thread::sleep_for(100ms);
    }
  });
  // Normal requests meanwhile, on fresh connections, for longer than the request deadline.
  int answered = 0;
  const Clock::time_point until = Clock::now() + 12s;
  int requests = 0;
  while (Clock::now() < until) {
    ++requests;
    if (Exchange(server.port(), Get("/api/search?q=ransomware"), 5s).status == 200) ++answered;
    std::this_thread::sleep_for(200ms);
  }
  CHECK(answered == requests);
  // Each slow connection was answered 408 once its request deadline passed.
  stop.store(true);
  dribbler.join();
  int timed_out = 0;
  for (int fd : slow) {
    if (ReadReply(fd, 2s).status == 408) ++timed_out;
    close(fd);
  }
  CHECK(timed_out == 80);
  server.CheckMemory();
}

TEST_CASE("2,000 concurrent connections are all answered", "[hostile]") {
  LiveServer server(ShardedDb());
  constexpr int kClients = 2000;
  std::vector<int> fds;
  std::vector<std::string> replies(kClients);
  const std::string request = Get("/api/search?q=port&per_page=1", "Connection: close\r\n");
  for (int i = 0; i < kClients; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // EINPROGRESS
    fds.push_back(fd);
  }
  // Every client sends once connected and reads until the server closes.
  std::vector<bool> sent(kClients, false), done(kClients, false);
  int finished = 0;
  const Clock::time_point deadline = Clock::now() + 30s;
  while (finished < kClients && Clock::now() < deadline) {
    std::vector<pollfd> polls;
    std::vector<int> index;
    for (int i = 0; i < kClients; ++i) {
      if (done[i]) continue;
      polls.push_back({fds[i], static_cast<short>(sent[i] ? POLLIN : POLLOUT), 0});
      index.push_back(i);
    }
    if (poll(polls.data(), polls.size(), 1000) <= 0) continue;
    for (std::size_t k = 0; k < polls.size(); ++k) {
      const int i = index[k];
      if (polls[k].revents == 0) continue;
      if (!sent[i]) {
        sent[i] = send(fds[i], request.data(), request.size(), MSG_NOSIGNAL) ==
                  static_cast<ssize_t>(request.size());
        if (!sent[i]) {
          done[i] = true;
          ++finished;
        }
        continue;
      }
      char buf[4096];
      const ssize_t n = recv(fds[i], buf, sizeof buf, 0);
      if (n > 0) {
        replies[i].append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EAGAIN) {
        done[i] = true;
        ++finished;
      }
    }
  }
  int ok = 0, busy = 0;
  for (int i = 0; i < kClients; ++i) {
    close(fds[i]);
    if (replies[i].rfind("HTTP/1.1 200", 0) == 0) ++ok;
    if (replies[i].rfind("HTTP/1.1 503", 0) == 0 &&
        replies[i].find("Retry-After:") != std::string::npos) {
      ++busy;
    }
  }
  INFO(ok << " answered 200, " << busy << " answered 503");
  CHECK(finished == kClients);
  CHECK(ok + busy == kClients);
  CHECK(ok == kClients);
  server.CheckMemory();
}

TEST_CASE("A second serve on a port in use exits 1 and names the port", "[hostile]") {
  LiveServer server(ShardedDb());
  const std::string listen = "127.0.0.1:" + std::to_string(server.port());
  std::string err;
  CHECK(RunGazette({"--db", ShardedDb(), "serve", "--listen", listen}, &err) == 1);
  CHECK_THAT(err, Catch::Matchers::Contains(listen));
  CHECK_THAT(err, Catch::Matchers::Contains("Address already in use"));
  CHECK(Exchange(server.port(), Get("/healthz")).status == 200);
}

TEST_CASE("/healthz reports each shard and /readyz fails while one is down", "[hostile]") {
  LiveServer server(ShardedDb());
  nlohmann::json health = nlohmann::json::parse(Exchange(server.port(), Get("/healthz")).body);
  REQUIRE(health["shards"].size() == 2);
  CHECK(health["status"] == "ok");
  const std::string shard = health["shards"][1]["name"];
  CHECK(Exchange(server.port(), Get("/readyz")).status == 200);

  std::filesystem::rename(shard, shard + ".away");
  Reply down = Exchange(server.port(), Get("/healthz"));
  Reply ready = Exchange(server.port(), Get("/readyz"));
  std::filesystem::rename(shard + ".away", shard);
  CHECK(down.status == 503);
  health = nlohmann::json::parse(down.body);
  CHECK(health["status"] == "degraded");
  CHECK(health["shards"][0]["status"] == "ok");
  CHECK(health["shards"][1]["status"] == "unavailable");
  CHECK(ready.status == 503);
  CHECK(Exchange(server.port(), Get("/readyz")).status == 200);
}

}  // namespace
}  // namespace gazette
