// Read replicas: the master's export of its live generation, and the replica's pulls.
#include "main/replication.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include <xapian.h>

#include "indexer/layout.h"

namespace gazette::replication {
namespace {

namespace fs = std::filesystem;

volatile std::sig_atomic_t g_stop = 0;

void OnStop(int) { g_stop = 1; }

// SIGINT and SIGTERM end the loops below; blocking calls return with EINTR.
void HandleStopSignals() {
  g_stop = 0;
  struct sigaction action = {};
  action.sa_handler = OnStop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// Starts `argv` in its own process group (the Xapian servers fork per connection, and
// the group goes with them); -1 when it cannot be started.
pid_t Spawn(const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::setpgid(0, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  std::cerr << "gazette replicate: cannot run " << argv[0] << ": " << std::strerror(errno)
            << " (Debian package xapian-tools)\n";
  ::_exit(127);
}

void StopGroup(pid_t pid) {
  ::kill(-pid, SIGTERM);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// Waits for `pid`; its exit status, or -1 when stopped by a signal to us (the child's
// group is then stopped too).
int WaitFor(pid_t pid) {
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) return -1;
    if (g_stop) {
      StopGroup(pid);
      return -1;
    }
  }
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

// Sleeps `ms` milliseconds, or less when asked to stop.
void Pause(int ms) {
  for (int slept = 0; slept < ms && !g_stop; slept += 100) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// Replaces `link` by a symbolic link to `target` through a rename (atomic).
Status Relink(const fs::path& link, const fs::path& target) {
  const fs::path tmp = link.string() + ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_directory_symlink(target, tmp, ec);
  if (!ec) fs::rename(tmp, link, ec);
  if (ec)
    return Status::IoError(link.string() + ": cannot link to " + target.string() + ": " +
                           ec.message());
  return Status::Ok();
}

// Writes `text` to `path` through a temporary file and a rename, unless it is there.
Status WriteIfChanged(const std::string& path, const std::string& text) {
  std::ifstream in(path);
  std::stringstream old;
  old << in.rdbuf();
  if (in && old.str() == text) return Status::Ok();
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << text;
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path + ": cannot write: " + ec.message());
  return Status::Ok();
}

}  // namespace

std::string ExportDir(const std::string& db) { return db + ".replicate"; }

std::string ReplicaShard(const std::string& db, int shard) {
  return db + ".replica/shard-" + std::to_string(shard);
}

Result<bool> SyncExport(const std::string& db) {
  auto layout = indexer::ReadLayout(db);
  if (!layout.ok()) return layout.status();
  const fs::path dir = ExportDir(db);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create: " + ec.message());
  bool changed = false;
  for (std::size_t i = 0; i < layout->shards.size(); ++i) {
    const fs::path link = dir / ("shard-" + std::to_string(i));
    const fs::path target = fs::absolute(layout->shards[i]).lexically_normal();
    if (fs::is_symlink(link, ec) && fs::read_symlink(link, ec) == target) continue;
    if (Status s = Relink(link, target); !s.ok()) return s;
    changed = true;
  }
  for (std::size_t i = layout->shards.size();; ++i) {
    const fs::path extra = dir / ("shard-" + std::to_string(i));
    if (!fs::is_symlink(extra, ec)) break;
    fs::remove(extra, ec);
    changed = true;
  }
  return changed;
}

int ServeMaster(const MasterOptions& options) {
  HandleStopSignals();
  auto synced = SyncExport(options.db);
  if (!synced.ok()) {
    std::cerr << "gazette replicate serve: " << synced.status().message() << "\n";
    return 1;
  }
  const pid_t server = Spawn({"xapian-replicate-server", "--interface", options.host, "--port",
                              std::to_string(options.port), ExportDir(options.db)});
  if (server < 0) {
    std::cerr << "gazette replicate serve: cannot start xapian-replicate-server\n";
    return 1;
  }
  std::cerr << "exporting the live generation of " << options.db << " on " << options.host << ":"
            << options.port << "\n";
  while (!g_stop) {
    Pause(500);
    int raw = 0;
    if (::waitpid(server, &raw, WNOHANG) == server) {
      std::cerr << "gazette replicate serve: xapian-replicate-server exited (status "
                << (WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw)) << ")\n";
      return 1;
    }
    auto changed = SyncExport(options.db);
    if (!changed.ok()) {
      std::cerr << "gazette replicate serve: " << changed.status().message() << "\n";
    } else if (*changed) {
      auto layout = indexer::ReadLayout(options.db);
      std::cerr << "exporting generation " << (layout.ok() ? layout->generation : 0) << "\n";
    }
  }
  StopGroup(server);
  return 0;
}

namespace {

// "uuid@revision" of the replica copy at `dir`, or "" when it does not open.
std::string CopyState(const std::string& dir) {
  try {
    Xapian::Database db(dir);
    return db.get_uuid() + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    return "";
  }
}

// One pull of every shard; Unavailable naming the shard when one fails.
Status PullAll(const ReplicaOptions& options) {
  std::error_code ec;
  fs::create_directories(options.db + ".replica", ec);
  for (int i = 0; i < options.shards && !g_stop; ++i) {
    const std::string dir = ReplicaShard(options.db, i);
    const std::string before = CopyState(dir);
    const pid_t pid =
        Spawn({"xapian-replicate", "--host", options.host, "--port", std::to_string(options.port),
               "--master", "shard-" + std::to_string(i), "--one-shot", "--quiet", "--reader-time",
               std::to_string(options.reader_time_s), dir});
    const int status = pid < 0 ? 127 : WaitFor(pid);
    if (status < 0) return Status::Unavailable("stopped");
    if (status != 0) {
      return Status::Unavailable("shard-" + std::to_string(i) + ": xapian-replicate from " +
                                 options.host + ":" + std::to_string(options.port) +
                                 " failed (status " + std::to_string(status) + ")");
    }
    const std::string after = CopyState(dir);
    if (after != before) std::cerr << dir << ": now " << after << "\n";
  }
  std::string stub;
  const std::string base = fs::path(options.db).filename().string();
  for (int i = 0; i < options.shards; ++i) {
    stub += "auto " + base + ".replica/shard-" + std::to_string(i) + "\n";
  }
  return WriteIfChanged(options.db, stub);
}

}  // namespace

int FollowMaster(const ReplicaOptions& options) {
  HandleStopSignals();
  do {
    Status s = PullAll(options);
    if (g_stop) break;
    if (!s.ok()) {
      std::cerr << "gazette replicate follow: " << s.message() << "\n";
      if (options.once) return 1;
    }
    if (options.once) return 0;
    Pause(options.interval_s * 1000);
  } while (!g_stop);
  return 0;
}

}  // namespace gazette::replication
