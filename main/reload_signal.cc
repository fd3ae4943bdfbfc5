// SIGHUP blocked everywhere and taken with sigtimedwait by one thread.
#include "main/reload_signal.h"

#include <signal.h>

#include <ctime>

namespace gazette {

ReloadSignal::ReloadSignal(std::function<void()> on_reload) {
  sigset_t hangup;
  sigemptyset(&hangup);
  sigaddset(&hangup, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &hangup, nullptr);
  thread_ = std::thread([this, hangup, on_reload = std::move(on_reload)] {
    const timespec poll = {0, 200 * 1000 * 1000};
    while (!stop_.load()) {
      if (sigtimedwait(&hangup, nullptr, &poll) == SIGHUP) on_reload();
    }
  });
}

ReloadSignal::~ReloadSignal() {
  stop_.store(true);
  thread_.join();
}

}  // namespace gazette
