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

#include "tests/support/serve_process.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

long Documents(httplib::Client& client) {
  auto r = client.Get("/api/stats");
  if (!r || r->status != 200) return -1;
  return nlohmann::json::parse(r->body)["documents"].get<long>();
}

TEST_CASE("Serving under load through two rebuilds and a rollback fails no request") {
  gazette::testing::TempDir dir;
  const std::string db = dir.Sub("news.db");
  const std::string config =
      dir.Write("gazette.yaml", "database: " + db + "\nrebuild:\n  tolerance: 1.0\n");
  testing::CopySampleArticles(dir.path() / "a", 45);
  testing::CopySampleArticles(dir.path() / "b", 30);
  testing::CopySampleArticles(dir.path() / "c", 40);
  const std::string cfg = "--config '" + config + "' ";
  REQUIRE(testing::RunGazette(cfg + "index '" + dir.Sub("a") + "'").status == 0);

  testing::ServeProcess server(config, testing::FreePort());
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
  CHECK(testing::RunGazette(cfg + "index --rebuild '" + dir.Sub("b") + "'").status == 0);
  CHECK(await(30) == 30);
  CHECK(testing::RunGazette(cfg + "index --rebuild --shards 2 '" + dir.Sub("c") + "'").status == 0);
  CHECK(await(40) == 40);
  CHECK(testing::RunGazette(cfg + "rollback").status == 0);
  CHECK(await(30) == 30);
  // The gate refuses an empty rebuild; the live index stays.
  fs::create_directories(dir.path() / "empty");
  CHECK(testing::RunGazette(cfg + "index --rebuild '" + dir.Sub("empty") + "'").status == 4);
  CHECK(Documents(client) == 30);

  stop = true;
  for (auto& t : load) t.join();
  INFO(requests << " requests");
  CHECK(requests > 100);
  CHECK(failures == 0);
}

}  // namespace
}  // namespace gazette
