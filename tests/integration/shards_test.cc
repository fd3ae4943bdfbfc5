// Sharded indexes answer exactly like a single database: local shards through a stub,
// and remote shards served by xapian-tcpsrv.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <thread>

#include "indexer/layout.h"
#include "tests/integration/same_counts.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

bool Accepting(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// xapian-tcpsrv serving one shard on 127.0.0.1; stopped when destroyed.
class TcpServer {
 public:
  explicit TcpServer(const std::string& shard) : port_(testing::FreePort()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      // Its own process group: xapian-tcpsrv signals its whole group when it stops.
      ::setpgid(0, 0);
      const std::string port = std::to_string(port_);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--port", port.c_str(), "--interface", "127.0.0.1",
               "--quiet", shard.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !Accepting(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~TcpServer() { Stop(); }
  void Stop() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  int port() const { return port_; }
  bool running() const { return pid_ > 0 && Accepting(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::unique_ptr<query::Searcher> Open(const std::string& db) {
  auto s = query::Searcher::Open(db);
  REQUIRE(s.ok());
  return std::move(s).value();
}

// "cocoa" with its topic and excerpt words weighed up (its Reuters articles carry
// "cocoa" as a topic and most of them in their excerpt).
query::SearchRequest TopicsAndExcerpt() {
  query::SearchRequest r;
  r.query = "cocoa";
  r.per_page = 30;
  r.explain = true;
  r.ranking.origin = 560000000;
  r.ranking.fields.excerpt = 1;
  r.ranking.fields.topics = 2;
  return r;
}

std::vector<query::SearchRequest> Requests() {
  std::vector<query::SearchRequest> out;
  for (const char* q : {"cocoa", "oil prices", "\"buffer stock\"", "gold mine", "interest rates",
                        "title:coffee", "trade deficit topic:usa", "cocao prices"}) {
    query::SearchRequest r;
    r.query = q;
    r.per_page = 30;
    r.explain = true;
    r.facets = {"topic", "provider", "date"};
    r.ranking.origin = 560000000;  // 1987-09-30: recency matters inside the corpus
    out.push_back(r);
  }
  // Field weights and BM25 parameters travel to remote shards.
  query::SearchRequest weighted = out[1];
  weighted.ranking.fields = {2, 0.8, 1, 0.5};
  weighted.ranking.bm25 = {1.6, 0.75};
  out.push_back(weighted);
  out.push_back(TopicsAndExcerpt());
  query::SearchRequest browse;
  browse.topics = {"grain", "wheat"};
  browse.facets = {"topic", "date"};
  browse.explain = true;
  out.push_back(browse);
  return out;
}

// Hits, totals, facets, histograms, explain and spelling must match. Equal scores may
// come in either order (document ids differ between layouts), so hits compare by score
// and, above the last tie, by id.
// Spelling data does not travel over Xapian's remote protocol: `check_spelling` is off
// for remote shards.
void CheckSame(query::Searcher* expected, query::Searcher* actual, bool check_spelling) {
  for (const auto& request : Requests()) {
    INFO("query: " << request.query);
    auto a = expected->Search(request);
    auto b = actual->Search(request);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->total == b->total);
    REQUIRE(a->hits.size() == b->hits.size());
    std::map<std::string, double> a_scores, b_scores;
    const double last = a->hits.empty() ? 0 : a->hits.back().score;
    for (std::size_t i = 0; i < a->hits.size(); ++i) {
      CHECK(a->hits[i].score == Approx(b->hits[i].score).epsilon(1e-9));
      if (a->hits[i].score > last + 1e-9) a_scores[a->hits[i].id] = a->hits[i].score;
      if (b->hits[i].score > last + 1e-9) b_scores[b->hits[i].id] = b->hits[i].score;
      REQUIRE(a->hits[i].explain);
      REQUIRE(b->hits[i].explain);
      CHECK(a->hits[i].explain->text == Approx(b->hits[i].explain->text).epsilon(1e-9));
      CHECK(a->hits[i].explain->recency == Approx(b->hits[i].explain->recency));
    }
    CHECK(a_scores.size() == b_scores.size());
    for (const auto& [id, score] : a_scores) {
      INFO("hit " << id);
      REQUIRE(b_scores.count(id) == 1);
      CHECK(b_scores[id] == Approx(score).epsilon(1e-9));
    }
    testing::CheckSameCounts(*a, *b);
    if (check_spelling) CHECK(a->suggestion == b->suggestion);
  }
}

TEST_CASE("Topic and excerpt weights move Reuters scores, so the comparisons test them") {
  auto one = Open(testing::IndexOf("reuters")->db);
  query::SearchRequest plain = TopicsAndExcerpt();
  plain.ranking.fields = {};
  auto a = one->Search(plain);
  auto b = one->Search(TopicsAndExcerpt());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->total == b->total);
  CHECK(b->notices.empty());
  std::map<std::string, double> before;
  for (const auto& h : a->hits) before[h.id] = h.explain->text;
  int raised = 0;
  for (const auto& h : b->hits) {
    if (before.count(h.id) == 1 && h.explain->text > before[h.id] * 1.5) ++raised;
  }
  CHECK(raised > 10);
}

TEST_CASE("Reuters in two local shards answers exactly like one database") {
  auto* single = testing::IndexOf("reuters");
  auto* sharded = testing::IndexOf("reuters", 2);
  auto layout = indexer::ReadLayout(sharded->db);
  REQUIRE(layout.ok());
  REQUIRE(layout->shards.size() == 2);
  auto one = Open(single->db);
  auto two = Open(sharded->db);
  CHECK(two->DocumentCount() == 21578);
  CheckSame(one.get(), two.get(), /*check_spelling=*/true);
}

TEST_CASE("Reuters shards served by xapian-tcpsrv answer like one local database") {
  auto* single = testing::IndexOf("reuters");
  if (std::system("command -v xapian-tcpsrv >/dev/null 2>&1") != 0) {
    WARN("xapian-tcpsrv is not installed (Debian package xapian-tools); skipped");
    return;
  }
  auto layout = indexer::ReadLayout(testing::IndexOf("reuters", 2)->db);
  REQUIRE(layout.ok());
  TcpServer first(layout->shards[0]);
  TcpServer second(layout->shards[1]);
  REQUIRE(first.running());
  REQUIRE(second.running());
  testing::TempDir dir;
  const std::string stub = dir.Sub("remote.db");
  std::ofstream(stub) << "remote 127.0.0.1:" << first.port()
                      << "\nremote 127.0.0.1:" << second.port() << "\n";
  auto local = Open(single->db);
  auto remote = Open(stub);
  CHECK(remote->DocumentCount() == 21578);
  CheckSame(local.get(), remote.get(), /*check_spelling=*/false);

  // A shard that goes away makes searches unavailable (503 over HTTP), never partial.
  second.Stop();
  query::SearchRequest r;
  r.query = "cocoa";
  auto down = remote->Search(r);
  REQUIRE_FALSE(down.ok());
  CHECK(down.status().code() == StatusCode::kUnavailable);
}

}  // namespace
}  // namespace gazette
