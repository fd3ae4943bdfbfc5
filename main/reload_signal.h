// SIGHUP for `gazette serve`: a thread that runs a callback each time the signal
// arrives, so settings can be re-read without a restart.
#ifndef GAZETTE_MAIN_RELOAD_SIGNAL_H_
#define GAZETTE_MAIN_RELOAD_SIGNAL_H_

#include <atomic>
#include <functional>
#include <thread>

namespace gazette {

// REQUIRES: constructed before any other thread starts (it blocks SIGHUP for every
// thread created afterwards, so that only its own thread receives it).
class ReloadSignal {
 public:
  explicit ReloadSignal(std::function<void()> on_reload);
  ~ReloadSignal();  // stops the thread; a reload in progress finishes first
  ReloadSignal(const ReloadSignal&) = delete;
  ReloadSignal& operator=(const ReloadSignal&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace gazette

#endif  // GAZETTE_MAIN_RELOAD_SIGNAL_H_
