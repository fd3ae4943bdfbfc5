// `gazette index --watch`: the live-indexing loop's signals, alerts and progress lines.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "indexer/watch.h"
#include "main/alerts_hook.h"
#include "main/commands.h"

namespace gazette {
namespace {

int g_stop_write = -1;  // the self-pipe's write end, for the signal handler

void RequestStop(int) {
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = write(g_stop_write, &byte, 1);
}

// A self-pipe that SIGINT and SIGTERM make readable.
class StopPipe {
 public:
  StopPipe() {
    if (pipe2(fds_, O_CLOEXEC | O_NONBLOCK) != 0) return;
    g_stop_write = fds_[1];
    struct sigaction action {};
    action.sa_handler = RequestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
  }
  ~StopPipe() {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    g_stop_write = -1;
    for (int fd : fds_) {
      if (fd >= 0) close(fd);
    }
  }
  int read_fd() const { return fds_[0]; }

 private:
  int fds_[2] = {-1, -1};
};

std::string TimeOfDay() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", &tm);
  return text;
}

void ReportBatch(const indexer::IndexSummary& s, bool json) {
  for (const auto& w : s.warnings) std::cerr << "warning: " << w.ToString() << "\n";
  for (const auto& d : s.skipped) std::cerr << "skipped: " << d.ToString() << "\n";
  if (json) {
    std::cout << nlohmann::json{{"indexed", s.indexed},        {"updated", s.updated},
                                {"unchanged", s.unchanged},    {"deleted", s.deleted},
                                {"skipped", s.skipped.size()}, {"elapsed_s", s.elapsed_s}}
                     .dump()
              << std::endl;
    return;
  }
  std::printf("%s indexed %llu, updated %llu, unchanged %llu, skipped %zu, deleted %llu\n",
              TimeOfDay().c_str(), static_cast<unsigned long long>(s.indexed),
              static_cast<unsigned long long>(s.updated),
              static_cast<unsigned long long>(s.unchanged), s.skipped.size(),
              static_cast<unsigned long long>(s.deleted));
  std::fflush(stdout);
}

}  // namespace

int RunWatch(const Config& config, const std::vector<std::string>& paths,
             indexer::IndexOptions options, long commit_interval_ms, bool json) {
  // Held for the whole watch: no other indexer writes between its batches.
  auto lock = indexer::WriterLock::Acquire(config.db);
  if (!lock.ok()) {
    std::cerr << "gazette index: " << lock.status().message() << "\n";
    return kExitFatal;
  }
  options.on_progress = nullptr;
  auto alerts = AlertsHook::Attach(config.db, &options, /*create=*/true);
  StopPipe stop;
  indexer::WatchOptions watch;
  watch.commit_interval = std::chrono::milliseconds(commit_interval_ms);
  watch.stop_fd = stop.read_fd();
  watch.on_batch = [json](const indexer::IndexSummary& s) { ReportBatch(s, json); };
  if (!json) std::cerr << "gazette index: watching; Ctrl-C stops\n";
  const Status status = indexer::WatchPaths(paths, options, watch);
  if (alerts) alerts->Report();
  if (!status.ok()) {
    std::cerr << "gazette index: " << status.message() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace gazette
