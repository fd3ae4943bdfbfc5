// Request settings that may change while the server runs (a SIGHUP reload of
// gazette.yaml): the default ranking and the per-request limits.
#ifndef GAZETTE_WEB_LIVE_SETTINGS_H_
#define GAZETTE_WEB_LIVE_SETTINGS_H_

#include <mutex>

#include "query/search.h"

namespace gazette::web {

struct RequestSettings {
  query::Ranking ranking;
  query::Limits limits;
};

// Thread-safe: each request reads one consistent copy; Set replaces it for the
// requests that start afterwards.
class LiveSettings {
 public:
  explicit LiveSettings(RequestSettings settings) : settings_(std::move(settings)) {}
  RequestSettings Get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return settings_;
  }
  void Set(RequestSettings settings) {
    std::lock_guard<std::mutex> lock(mutex_);
    settings_ = std::move(settings);
  }

 private:
  mutable std::mutex mutex_;
  RequestSettings settings_;
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_LIVE_SETTINGS_H_
