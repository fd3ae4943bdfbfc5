// What one client may cost the server: request sizes, deadlines and connection counts.
#ifndef GAZETTE_WEB_LIMITS_H_
#define GAZETTE_WEB_LIMITS_H_

#include <chrono>
#include <cstddef>

namespace gazette::web {

// Sizes of one request; the status answered when a request exceeds them.
struct FramingLimits {
  std::size_t max_head_bytes = 16384;   // request line and headers together -> 431
  std::size_t max_line_bytes = 8192;    // one header line -> 431
  std::size_t max_headers = 100;        // header lines -> 431
  std::size_t max_target_bytes = 8192;  // the request target -> 414
  std::size_t max_body_bytes = 4096;    // the decoded body, chunked or not -> 413
};

struct ConnectionLimits {
  FramingLimits framing;
  std::size_t max_connections = 4096;  // more are answered 503 (Retry-After) and closed
  // From a request's first byte to its last (head and body) -> 408. Also how long a
  // new connection may stay silent.
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds idle_timeout{5000};    // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{10000};  // to send one whole reply
  int max_requests_per_connection = 1000;
  // Complete requests waiting for a worker thread; more are answered 503 (Retry-After).
  std::size_t max_waiting_requests = 4096;
  // A request that waited this long for a worker is answered 503 (Retry-After) instead.
  std::chrono::milliseconds max_queue_wait{10000};
  int workers = 0;     // threads that run handlers; 0: 16 per searcher, at least 64
  int backlog = 4096;  // listen() backlog (the kernel caps it at net.core.somaxconn)
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_LIMITS_H_
