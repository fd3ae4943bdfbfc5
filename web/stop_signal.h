// Turns SIGINT/SIGTERM, or an explicit request, into a wake-up for a waiting thread.
#ifndef GAZETTE_WEB_STOP_SIGNAL_H_
#define GAZETTE_WEB_STOP_SIGNAL_H_

#include <csignal>

namespace gazette::web {

// While alive (and when `handle_signals`), SIGINT and SIGTERM call Request() instead of
// ending the process; the previous handlers come back on destruction. With several
// instances alive, signals go to the newest.
class StopSignal {
 public:
  explicit StopSignal(bool handle_signals);
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // False when the pipe could not be created; then nothing else works.
  bool ok() const { return fds_[0] >= 0; }

  // Wakes Wait(). Thread-safe and async-signal-safe; may be called any number of times.
  void Request();

  // Blocks until Request() has been called (at once if it already was).
  void Wait();

 private:
  int fds_[2] = {-1, -1};  // self-pipe: [0] read end, [1] write end
  bool handling_ = false;
  int previous_fd_ = -1;
  struct sigaction old_int_ = {};
  struct sigaction old_term_ = {};
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_STOP_SIGNAL_H_
