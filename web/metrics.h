// Request counters and latency histograms, rendered in the Prometheus text format.
#ifndef GAZETTE_WEB_METRICS_H_
#define GAZETTE_WEB_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace gazette::web {

// Gauges and counters owned by other parts of the server, read at render time.
struct MetricsSnapshot {
  bool available = false;  // a database is open
  std::uint64_t documents = 0;
  std::uint64_t reloads = 0;  // times a reindex or a new database was picked up
  double uptime_s = 0;
};

// Thread-safe.
class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

  // Counts one finished request on `route` (a route pattern, not the raw path).
  void Record(const std::string& route, int status, double seconds);

  // Everything in the Prometheus text exposition format (version 0.0.4).
  std::string Render(const MetricsSnapshot& snapshot) const;

 private:
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // guarded by mutex_
  std::map<std::string, Latency> latency_;                         // guarded by mutex_
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_METRICS_H_
