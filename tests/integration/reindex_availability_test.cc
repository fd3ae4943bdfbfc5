// A server answering article lookups and completions while its corpus is re-indexed
// over and over (in place and by rebuilds) answers none of them with a 500.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/serve_process.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRequests = 2000;
constexpr int kClients = 2;

// Appends a line to every article's body, so the next run replaces every document.
void Rewrite(const std::vector<fs::path>& files, int revision) {
  for (const fs::path& f : files) {
    std::ofstream(f, std::ios::app) << "\nRevision " << revision << " of this article.\n";
  }
}

// The ids of the articles the server holds (a browse of all of them).
std::vector<std::string> Ids(httplib::Client& client, std::string* answer) {
  std::vector<std::string> ids;
  auto r = client.Get("/api/search?per_page=100");
  *answer = r ? std::to_string(r->status) + " " + r->body.substr(0, 200) : "no answer";
  if (!r || r->status != 200) return ids;
  const nlohmann::json body = nlohmann::json::parse(r->body);
  for (const auto& hit : body["hits"]) ids.push_back(hit["id"].get<std::string>());
  return ids;
}

TEST_CASE("Article lookups and completions during continuous re-indexing answer no 500") {
  gazette::testing::TempDir dir;
  const std::string db = dir.Sub("news.db");
  const std::string config =
      dir.Write("gazette.yaml", "database: " + db + "\nrebuild:\n  tolerance: 1.0\n");
  const std::vector<fs::path> files = testing::CopySampleArticles(dir.path() / "corpus");
  REQUIRE(files.size() >= 20);
  const std::string cfg = "--config '" + config + "' ";
  const std::string corpus = "'" + dir.Sub("corpus") + "'";
  REQUIRE(testing::RunGazette(cfg + "index " + corpus).status == 0);

  const int port = gazette::testing::FreePort();
  testing::ServeProcess server(config, port);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10);
  std::vector<std::string> ids;
  std::string answer;
  const auto ready_by = Clock::now() + std::chrono::seconds(20);
  while (ids.size() != files.size() && Clock::now() < ready_by) {
    ids = Ids(client, &answer);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO("last answer: " << answer);
  REQUIRE(ids.size() == files.size());

  // Re-index until the requests are done: in place, and every third run a rebuild
  // (which switches the stub and deletes generations older than the previous one).
  std::atomic<bool> done{false};
  std::atomic<int> runs{0}, rebuilds{0}, failed_runs{0};
  std::thread indexer([&] {
    for (int revision = 1; !done; ++revision) {
      Rewrite(files, revision);
      const bool rebuild = revision % 3 == 0;
      if (testing::RunGazette(cfg + "index " + (rebuild ? "--rebuild " : "") + corpus).status != 0)
        ++failed_runs;
      ++runs;
      if (rebuild) ++rebuilds;
    }
  });

  std::mutex mutex;
  std::map<int, int> statuses;  // HTTP status (0: no answer) -> requests
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      httplib::Client http("127.0.0.1", port);
      http.set_read_timeout(10);
      for (int i = next++; i < kRequests; i = next++) {
        const std::string& id = ids[static_cast<std::size_t>(i / 2) % ids.size()];
        const std::string path =
            i % 2 == 0 ? "/api/articles/" + testing::EncodeComponent(id)
                       : "/api/suggest?q=" + testing::EncodeComponent(id.substr(8, 3));
        auto r = http.Get(path);
        std::lock_guard<std::mutex> lock(mutex);
        ++statuses[r ? r->status : 0];
        // Spread the requests over several re-index runs.
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
      }
    });
  }
  for (auto& t : clients) t.join();
  const int runs_during = runs, rebuilds_during = rebuilds;
  done = true;
  indexer.join();

  std::string summary;
  int answered = 0;
  for (const auto& [status, n] : statuses) {
    summary += std::to_string(status) + ": " + std::to_string(n) + "  ";
    answered += n;
  }
  INFO("statuses " << summary << "; re-index runs " << runs_during << " (" << rebuilds_during
                   << " rebuilds) during the requests");
  CHECK(answered == kRequests);
  CHECK(statuses[500] == 0);
  CHECK(statuses[0] == 0);
  CHECK(statuses[200] + statuses[503] == kRequests);
  CHECK(failed_runs == 0);
  CHECK(runs_during >= 3);
  CHECK(rebuilds_during >= 1);
  WARN("statuses " << summary << "; re-index runs " << runs_during << " (" << rebuilds_during
                   << " rebuilds) during the requests");
}

}  // namespace
}  // namespace gazette
