// Runs a query list through N concurrent clients and reports latency percentiles and
// throughput, for query_bench and plain_xapian.
#ifndef GAZETTE_BENCH_CLIENTS_H_
#define GAZETTE_BENCH_CLIENTS_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gazette::bench {

// One client: answers a query, adds its total hit count to *hits, false on error.
using Client = std::function<bool(const std::string& query, std::uint64_t* hits)>;

struct ClientsResult {
  std::vector<double> ms;                                // one latency per query
  std::vector<std::pair<double, std::size_t>> by_query;  // (latency, index in the list)
  double seconds = 0;                                    // wall time of the measured pass
  std::uint64_t hits = 0;
  std::size_t errors = 0;
};

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1,
                    static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size())))];
}

// Each of `clients` threads makes its own client and runs every query once to warm up;
// then all take queries from one shared list until it is done (each query once).
template <typename MakeClient>
ClientsResult RunClients(const std::vector<std::string>& queries, int clients,
                         MakeClient make_client) {
  using Clock = std::chrono::steady_clock;
  ClientsResult result;
  std::mutex mu;
  std::condition_variable cv;
  int ready = 0;
  bool go = false;
  std::atomic<std::size_t> next{0};
  Clock::time_point start;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      Client client = make_client();
      std::uint64_t ignored = 0;
      for (const std::string& q : queries) client(q, &ignored);
      {
        std::unique_lock<std::mutex> lock(mu);
        if (++ready == clients) {
          go = true;
          start = Clock::now();
          cv.notify_all();
        }
        cv.wait(lock, [&] { return go; });
      }
      std::vector<double> ms;
      std::vector<std::pair<double, std::size_t>> by_query;
      std::uint64_t hits = 0;
      std::size_t errors = 0;
      for (std::size_t i; (i = next++) < queries.size();) {
        const auto t0 = Clock::now();
        if (!client(queries[i], &hits)) ++errors;
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        by_query.emplace_back(ms.back(), i);
      }
      std::lock_guard<std::mutex> lock(mu);
      result.ms.insert(result.ms.end(), ms.begin(), ms.end());
      result.by_query.insert(result.by_query.end(), by_query.begin(), by_query.end());
      result.hits += hits;
      result.errors += errors;
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

// The line bench/peers.sh reads.
inline void PrintResult(const ClientsResult& r, int clients, const std::string& extra) {
  const double n = static_cast<double>(std::max<std::size_t>(1, r.ms.size()));
  std::printf(
      "queries %zu  clients %d  %sp50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms  "
      "%.0f queries/s  (mean total %.0f, errors %zu)\n",
      r.ms.size(), clients, extra.c_str(), Percentile(r.ms, 50), Percentile(r.ms, 95),
      Percentile(r.ms, 99), Percentile(r.ms, 100), static_cast<double>(r.ms.size()) / r.seconds,
      static_cast<double>(r.hits) / n, r.errors);
}

// The `n` slowest queries with their latency, slowest first.
inline void PrintSlowest(ClientsResult r, const std::vector<std::string>& queries, int n) {
  std::sort(r.by_query.rbegin(), r.by_query.rend());
  for (int i = 0; i < n && i < static_cast<int>(r.by_query.size()); ++i) {
    std::printf("slow %8.3f ms  %s\n", r.by_query[i].first, queries[r.by_query[i].second].c_str());
  }
}

}  // namespace gazette::bench

#endif  // GAZETTE_BENCH_CLIENTS_H_
