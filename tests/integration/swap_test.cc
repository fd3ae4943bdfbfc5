// A running server follows rebuilds and a rollback without failing a request.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/test_support.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int RunGazette(const std::string& args) {
  const std::string command = std::string("'") + GAZETTE_BINARY + "' " + args + " >/dev/null 2>&1";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

// `gazette serve` in its own process group, stopped with SIGTERM when destroyed.
class Server {
 public:
  Server(const std::string& config, int port) : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      const std::string listen = "127.0.0.1:" + std::to_string(port);
      ::execl(GAZETTE_BINARY, GAZETTE_BINARY, "--config", config.c_str(), "serve", "--listen",
              listen.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Server() {
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_;
};

long Documents(httplib::Client& client) {
  auto r = client.Get("/api/stats");
  if (!r || r->status != 200) return -1;
  return nlohmann::json::parse(r->body)["documents"].get<long>();
}

// Copies the first `n` sample articles into `to`.
void CopySample(const fs::path& to, int n) {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::recursive_directory_iterator(std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample")) {
    if (e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  fs::create_directories(to);
  for (int i = 0; i < n && i < static_cast<int>(files.size()); ++i) {
    fs::copy_file(files[i], to / files[i].filename());
  }
}

TEST_CASE("Serving under load through two rebuilds and a rollback fails no request") {
  gazette::testing::TempDir dir;
  const std::string db = dir.Sub("news.db");
  const std::string config =
      dir.Write("gazette.yaml", "database: " + db + "\nrebuild:\n  tolerance: 1.0\n");
  CopySample(dir.path() / "a", 45);
  CopySample(dir.path() / "b", 30);
  CopySample(dir.path() / "c", 40);
  const std::string cfg = "--config '" + config + "' ";
  REQUIRE(RunGazette(cfg + "index '" + dir.Sub("a") + "'") == 0);

  Server server(config, gazette::testing::FreePort());
  const int port = server.port();
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  const auto ready_by = Clock::now() + std::chrono::seconds(20);
  while (Documents(client) != 45 && Clock::now() < ready_by) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(Documents(client) == 45);

  std::atomic<bool> stop{false};
  std::atomic<long> requests{0}, failures{0};
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(10);
      const char* paths[] = {"/api/search?q=ransomware&facets=topic,provider,date",
                             "/api/search?q=inflation+rates&explain=1", "/api/search?topic=Climate",
                             "/api/suggest?q=cli", "/api/stats"};
      for (int i = t; !stop; ++i) {
        auto r = c.Get(paths[i % 5]);
        ++requests;
        if (!r || r->status != 200) ++failures;
      }
    });
  }
  // The served document count must follow each switch within a few seconds.
  auto await = [&](long n) {
    const auto until = Clock::now() + std::chrono::seconds(10);
    while (Documents(client) != n && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Documents(client);
  };
  CHECK(RunGazette(cfg + "index --rebuild '" + dir.Sub("b") + "'") == 0);
  CHECK(await(30) == 30);
  CHECK(RunGazette(cfg + "index --rebuild --shards 2 '" + dir.Sub("c") + "'") == 0);
  CHECK(await(40) == 40);
  CHECK(RunGazette(cfg + "rollback") == 0);
  CHECK(await(30) == 30);
  // The gate refuses an empty rebuild; the live index stays.
  fs::create_directories(dir.path() / "empty");
  CHECK(RunGazette(cfg + "index --rebuild '" + dir.Sub("empty") + "'") == 4);
  CHECK(Documents(client) == 30);

  stop = true;
  for (auto& t : load) t.join();
  INFO(requests << " requests");
  CHECK(requests > 100);
  CHECK(failures == 0);
}

}  // namespace
}  // namespace gazette
