// Self-pipe signal handling: the handler only writes one byte.
#include "web/stop_signal.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace gazette::web {
namespace {

std::atomic<int> g_signal_fd{-1};  // write end of the newest StopSignal's pipe

void WakeFd(int fd) {
  if (fd < 0) return;
  const char byte = 's';
  [[maybe_unused]] ssize_t written = write(fd, &byte, 1);  // a full pipe is awake anyway
}

extern "C" void OnStopSignal(int) {
  const int saved_errno = errno;
  WakeFd(g_signal_fd.load());
  errno = saved_errno;
}

}  // namespace

StopSignal::StopSignal(bool handle_signals) {
  if (pipe(fds_) != 0) {
    fds_[0] = fds_[1] = -1;
    return;
  }
  fcntl(fds_[1], F_SETFL, fcntl(fds_[1], F_GETFL) | O_NONBLOCK);
  fcntl(fds_[0], F_SETFD, FD_CLOEXEC);
  fcntl(fds_[1], F_SETFD, FD_CLOEXEC);
  if (!handle_signals) return;
  handling_ = true;
  previous_fd_ = g_signal_fd.exchange(fds_[1]);
  struct sigaction action = {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
}

StopSignal::~StopSignal() {
  if (handling_) {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    g_signal_fd.store(previous_fd_);
  }
  for (int fd : fds_) {
    if (fd >= 0) close(fd);
  }
}

void StopSignal::Request() { WakeFd(fds_[1]); }

void StopSignal::Wait() {
  if (fds_[0] < 0) return;
  char byte = 0;
  while (read(fds_[0], &byte, 1) < 0 && errno == EINTR) {
  }
}

}  // namespace gazette::web
