// WatchPaths: an inotify loop that turns file events into small index batches.
#include "indexer/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace gazette::indexer {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kDirEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                     IN_CREATE | IN_DELETE_SELF | IN_ONLYDIR;

bool IsInputName(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name[0] == '.') return false;
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".jsonl" || ext == ".csv";
}

// The folders being watched and the changes seen since the last batch.
class Watcher {
 public:
  Watcher(const std::vector<std::string>& roots, const IndexOptions& options,
          const WatchOptions& watch)
      : options_(options), watch_(watch) {
    for (const std::string& root : roots) roots_.push_back(fs::absolute(root).lexically_normal());
  }
  ~Watcher() {
    if (fd_ >= 0) close(fd_);
  }

  Status Start();
  Status Run();

 private:
  Status AddTree(const fs::path& dir, bool queue_files);
  void Read();
  void Handle(const inotify_event& event);
  Status Flush();
  Status IndexChanged(std::vector<std::string> changed);
  // The folder given on the command line that holds `path`.
  fs::path RootOf(const fs::path& path) const;

  const IndexOptions& options_;
  const WatchOptions& watch_;
  std::vector<fs::path> roots_;
  int fd_ = -1;
  std::map<int, fs::path> dirs_;  // watch descriptor -> folder
  std::set<std::string> changed_, deleted_;
  bool rescan_ = false;  // the kernel's queue overflowed: index everything again
  Clock::time_point first_change_, last_change_;
};

Status Watcher::Start() {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return Status::IoError(std::string("inotify: ") + std::strerror(errno));
  for (const fs::path& root : roots_) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      return Status::InvalidArgument(root.string() + ": --watch takes folders");
    }
    if (Status s = AddTree(root, false); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Watcher::AddTree(const fs::path& dir, bool queue_files) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), kDirEvents);
  if (wd < 0) {
    return Status::IoError(dir.string() + ": cannot watch: " + std::strerror(errno) +
                           (errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""));
  }
  dirs_[wd] = dir;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path path = it->path();
    if (path.filename().string().rfind('.', 0) == 0) continue;
    if (it->is_directory(ec)) {
      if (Status s = AddTree(path, queue_files); !s.ok()) return s;
    } else if (queue_files && IsInputName(path)) {
      changed_.insert(path.string());
    }
  }
  return Status::Ok();
}

void Watcher::Handle(const inotify_event& event) {
  if (event.mask & IN_Q_OVERFLOW) {
    rescan_ = true;
    return;
  }
  if (event.mask & IN_IGNORED) {
    dirs_.erase(event.wd);
    return;
  }
  auto dir = dirs_.find(event.wd);
  if (dir == dirs_.end() || event.len == 0) return;
  const fs::path path = dir->second / event.name;
  if (event.mask & IN_ISDIR) {
    if ((event.mask & (IN_CREATE | IN_MOVED_TO)) && path.filename().string()[0] != '.') {
      // Files may land in a new folder before it is watched: take what is there.
      if (!AddTree(path, true).ok()) rescan_ = true;
    }
    if (event.mask & IN_MOVED_FROM) rescan_ = options_.prune;
    return;
  }
  if (!IsInputName(path)) return;
  if (event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
    deleted_.erase(path.string());
    changed_.insert(path.string());
  } else if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
    changed_.erase(path.string());
    if (options_.prune) deleted_.insert(path.string());
  } else {
    return;  // IN_CREATE of a file: wait for it to be closed
  }
  last_change_ = Clock::now();
}

void Watcher::Read() {
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n <= 0) return;
    const bool had = !changed_.empty() || !deleted_.empty() || rescan_;
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      Handle(*event);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
    if (!had && (!changed_.empty() || !deleted_.empty() || rescan_)) {
      first_change_ = last_change_ = Clock::now();
    }
  }
}

fs::path Watcher::RootOf(const fs::path& path) const {
  const fs::path* best = nullptr;
  for (const fs::path& root : roots_) {
    const std::string r = root.string();
    if (path.string().compare(0, r.size(), r) == 0 && (!best || r.size() > best->string().size())) {
      best = &root;
    }
  }
  return best ? *best : path.parent_path();
}

Status Watcher::IndexChanged(std::vector<std::string> changed) {
  IndexOptions batch = options_;
  batch.prune = false;  // a batch names some files only
  batch.on_progress = nullptr;
  for (const std::string& file : changed) {
    auto listed = corpus::ListInputs({file});
    if (!listed.ok() || listed->empty()) continue;  // gone again since
    corpus::InputFile input = listed->front();
    input.relative = fs::path(file).lexically_relative(RootOf(file)).generic_string();
    batch.files.push_back(std::move(input));
  }
  if (batch.files.empty()) return Status::Ok();
  auto summary = IndexPaths({}, batch);
  if (!summary.ok()) return summary.status();
  if (watch_.on_batch) watch_.on_batch(*summary);
  return Status::Ok();
}

Status Watcher::Flush() {
  if (rescan_) {
    rescan_ = false;
    changed_.clear();
    deleted_.clear();
    std::vector<std::string> roots;
    for (const fs::path& root : roots_) roots.push_back(root.string());
    auto summary = IndexPaths(roots, options_);
    if (!summary.ok()) return summary.status();
    if (watch_.on_batch) watch_.on_batch(*summary);
    return Status::Ok();
  }
  std::vector<std::string> changed(changed_.begin(), changed_.end());
  std::vector<std::string> deleted(deleted_.begin(), deleted_.end());
  changed_.clear();
  deleted_.clear();
  // Changes first: an article renamed to another file keeps its id and is replaced,
  // so deleting by the old file's name afterwards finds nothing to delete.
  if (Status s = IndexChanged(std::move(changed)); !s.ok()) return s;
  if (deleted.empty()) return Status::Ok();
  auto gone = DeleteSources(deleted, options_);
  if (!gone.ok()) return gone.status();
  if (watch_.on_batch && *gone > 0) {
    IndexSummary summary;
    summary.deleted = *gone;
    watch_.on_batch(summary);
  }
  return Status::Ok();
}

Status Watcher::Run() {
  for (;;) {
    const bool pending = !changed_.empty() || !deleted_.empty() || rescan_;
    int timeout_ms = -1;
    if (pending) {
      const auto now = Clock::now();
      const auto due =
          std::min(last_change_ + watch_.settle, first_change_ + watch_.commit_interval);
      if (now >= due) {
        if (Status s = Flush(); !s.ok()) return s;
        continue;
      }
      timeout_ms = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count() + 1);
    }
    pollfd fds[2] = {{fd_, POLLIN, 0}, {watch_.stop_fd, POLLIN, 0}};
    const int n = poll(fds, watch_.stop_fd >= 0 ? 2 : 1, timeout_ms);
    if (n < 0 && errno != EINTR)
      return Status::IoError(std::string("poll: ") + std::strerror(errno));
    if (watch_.stop_fd >= 0 && (fds[1].revents & POLLIN)) return pending ? Flush() : Status::Ok();
    if (n > 0 && (fds[0].revents & POLLIN)) Read();
  }
}

}  // namespace

Status WatchPaths(const std::vector<std::string>& paths, const IndexOptions& options,
                  const WatchOptions& watch) {
  if (paths.empty()) return Status::InvalidArgument("no folder to watch");
  Watcher watcher(paths, options, watch);
  // Watching starts before the first run, so no file landing during it is missed.
  if (Status s = watcher.Start(); !s.ok()) return s;
  auto first = IndexPaths(paths, options);
  if (!first.ok()) return first.status();
  if (watch.on_batch) watch.on_batch(*first);
  return watcher.Run();
}

}  // namespace gazette::indexer
