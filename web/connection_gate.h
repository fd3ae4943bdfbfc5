// GuardedServer's gate (private to web/): one epoll loop reads and frames requests, a
// pool of workers hands complete ones to httplib.
#ifndef GAZETTE_WEB_CONNECTION_GATE_H_
#define GAZETTE_WEB_CONNECTION_GATE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/guarded_server.h"

namespace gazette::web {

class GuardedServer::Gate {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts the reader thread and limits.workers workers.
  Gate(GuardedServer* server, const ConnectionLimits& limits, RejectHook on_reject);
  ~Gate();

  // Takes ownership of an accepted socket. Called by the accept loop; never blocks.
  void Adopt(int fd);

  // Serves the requests already read, closes every connection and joins the threads.
  void Stop();

 private:
  struct Conn {
    int fd = -1;
    std::string remote;
    std::string in;             // bytes received and not yet framed into a request
    std::size_t scan_from = 0;  // no blank line before this offset of `in`
    Clock::time_point deadline;
    bool reading = false;      // part of a request has arrived
    bool continued = false;    // "100 Continue" sent for the current request
    bool closing = false;      // answered and shut for writing; input is discarded
    bool peer_closed = false;  // the client shut its side
    std::size_t discarded = 0;
    int served = 0;
  };

  struct Job {
    std::unique_ptr<Conn> conn;
    std::string request;
    Clock::time_point queued;
  };

  struct Arrival {
    int fd;
    bool over_capacity;
  };

  void Wake();
  void CloseFd(int fd);
  // The reader thread: epoll, arrivals, timeouts.
  void Loop();
  void TakeArrivals();
  // Registers a connection with the event loop; nullptr (and closed) on failure.
  Conn* Watch(std::unique_ptr<Conn> conn);
  void Forget(Conn* c);
  void Close(Conn* c);
  void OnReadable(int fd);
  // Frames what a connection sent: waits for more, rejects, or hands a request on.
  void Process(Conn* c);
  // Best effort: replies the gate sends itself are small enough for the socket buffer.
  static void SendNow(Conn* c, const std::string& bytes);
  // Answers `status` and closes the connection once the client has seen the reply.
  void Reject(Conn* c, int status, const std::string& reason);
  void Sweep(Clock::time_point now);
  // A worker thread: serves jobs until Stop().
  void Work();
  void Serve(Job job);

  GuardedServer* const server_;
  const ConnectionLimits limits_;
  const RejectHook on_reject_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<std::size_t> open_{0};  // sockets adopted and not yet closed
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;  // Stop() ran; touched by the owner's thread only

  // Owned by the reader thread.
  std::unordered_map<int, std::unique_ptr<Conn>> conns_;

  std::mutex mutex_;
  std::condition_variable jobs_changed_;
  std::vector<Arrival> arrivals_;                // guarded by mutex_
  std::vector<std::unique_ptr<Conn>> returned_;  // guarded by mutex_
  std::deque<Job> jobs_;                         // guarded by mutex_
  bool reader_done_ = false;                     // guarded by mutex_
  bool workers_stop_ = false;                    // guarded by mutex_

  std::thread reader_;
  std::vector<std::thread> workers_;
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_CONNECTION_GATE_H_
