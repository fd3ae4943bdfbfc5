// The one writer lock of a database: an flock on "<db>.lock", shared by the nested
// writers of one process and released by the kernel when the process dies.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "indexer/indexer.h"

namespace gazette::indexer {
namespace {

struct Held {
  int fd = -1;
  int users = 0;
};

std::mutex& Mutex() {
  static std::mutex mutex;
  return mutex;
}

// Locks this process holds, by lock file path.
std::map<std::string, Held>& HeldLocks() {
  static std::map<std::string, Held> held;
  return held;
}

std::string LockPath(const std::string& db_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path = fs::absolute(db_path, ec);
  if (ec) path = db_path;
  path = path.lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  return path.string() + ".lock";
}

// The pid the holder wrote into the lock file; it writes just after taking the lock,
// so a reader may see nothing yet for a moment.
std::string HolderPid(int fd) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (n > 0) {
      std::string pid(buffer, static_cast<std::size_t>(n));
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      if (!pid.empty()) return pid;
    }
    ::usleep(2000);
  }
  return "unknown";
}

}  // namespace

Result<WriterLock> WriterLock::Acquire(const std::string& db_path) {
  const std::string path = LockPath(db_path);
  std::lock_guard<std::mutex> guard(Mutex());
  auto it = HeldLocks().find(path);
  if (it != HeldLocks().end()) {
    ++it->second.users;
    return WriterLock(path);
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IoError(path + ": cannot open the writer lock: " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      const std::string pid = HolderPid(fd);
      ::close(fd);
      return Status::Unavailable(db_path + ": locked by another indexer (pid " + pid + ")");
    }
    ::close(fd);
    return Status::IoError(path + ": cannot take the writer lock: " + std::strerror(error));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int error = errno;
    ::close(fd);
    return Status::IoError(path + ": cannot write the writer lock: " + std::strerror(error));
  }
  HeldLocks()[path] = Held{fd, 1};
  return WriterLock(path);
}

WriterLock::WriterLock(WriterLock&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    Release();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

WriterLock::~WriterLock() { Release(); }

void WriterLock::Release() {
  if (path_.empty()) return;
  std::lock_guard<std::mutex> guard(Mutex());
  auto it = HeldLocks().find(path_);
  if (it != HeldLocks().end() && --it->second.users == 0) {
    // The file stays: removing it would let a waiter lock an unlinked inode.
    ::close(it->second.fd);
    HeldLocks().erase(it);
  }
  path_.clear();
}

}  // namespace gazette::indexer
