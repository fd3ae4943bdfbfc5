// GuardedServer: one epoll loop reads requests; workers run httplib's request handling
// on complete requests only.
#include "web/guarded_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/errors.h"
#include "web/request_framing.h"

namespace gazette::web {
namespace {

using Clock = std::chrono::steady_clock;

// Input read after a rejection (discarded) before the connection is closed anyway.
constexpr std::size_t kMaxDiscardBytes = 1 << 20;
constexpr auto kLinger = std::chrono::seconds(2);

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

std::string PeerAddress(int fd, bool local) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((local ? getsockname(fd, sa, &len) : getpeername(fd, sa, &len)) != 0) return "";
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  if (getnameinfo(sa, len, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) !=
      0) {
    return "";
  }
  return std::string(host) + " " + port;
}

void SplitAddress(const std::string& address, std::string& ip, int& port) {
  const std::size_t space = address.find(' ');
  ip = address.substr(0, space);
  port = space == std::string::npos ? 0 : std::atoi(address.c_str() + space + 1);
}

// A request already read into memory; replies go straight to the socket.
class RequestStream : public httplib::Stream {
 public:
  RequestStream(int fd, const std::string& request, std::chrono::milliseconds write_timeout)
      : fd_(fd), request_(request), deadline_(Clock::now() + write_timeout) {}

  bool is_readable() const override { return pos_ < request_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, request_.size() - pos_);
    std::memcpy(ptr, request_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  // Gives up (-1) when the client has not taken the whole reply by the deadline.
  ssize_t write(const char* ptr, size_t size) override {
    std::size_t sent = 0;
    while (sent < size) {
      const ssize_t n = ::send(fd_, ptr + sent, size - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
        pollfd p{fd_, POLLOUT, 0};
        if (left.count() > 0 && ::poll(&p, 1, static_cast<int>(left.count())) > 0) continue;
      }
      return -1;
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    SplitAddress(PeerAddress(fd_, false), ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    SplitAddress(PeerAddress(fd_, true), ip, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  const int fd_;
  const std::string& request_;
  std::size_t pos_ = 0;
  const Clock::time_point deadline_;
};

// Runs every task on the thread that enqueues it: the accept loop only hands sockets
// to the gate, which never blocks.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

const char* Reason(int status);

// A whole reply for an error the gate answers itself; the connection closes after it.
std::string ErrorReply(int status, const std::string& reason) {
  const std::string body = ErrorBody(ErrorCodeOf(status), reason);
  std::string reply =
      "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
      "Connection: close\r\n";
  if (status == 503) reply += "Retry-After: 1\r\n";
  return reply + "\r\n" + body;
}

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

class GuardedServer::Gate {
 public:
  Gate(GuardedServer* server, const ConnectionLimits& limits, RejectHook on_reject)
      : server_(server), limits_(limits), on_reject_(std::move(on_reject)) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
    reader_ = std::thread([this] { Loop(); });
    for (int i = 0; i < std::max(1, limits_.workers); ++i) {
      workers_.emplace_back([this] { Work(); });
    }
  }

  ~Gate() {
    Stop();
    ::close(epoll_fd_);
    ::close(wake_fd_);
  }

  // Takes ownership of an accepted socket. Called by the accept loop; never blocks.
  void Adopt(int fd) {
    const bool over = open_.fetch_add(1) + 1 > limits_.max_connections;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (reader_done_) {
        CloseFd(fd);
        return;
      }
      arrivals_.push_back({fd, over});
    }
    Wake();
  }

  // Serves the requests already read, closes every connection and joins the threads.
  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    stopping_.store(true);
    Wake();
    reader_.join();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      workers_stop_ = true;
    }
    jobs_changed_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

 private:
  struct Arrival {
    int fd;
    bool over_capacity;
  };

  void Wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
  }

  void CloseFd(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    open_.fetch_sub(1);
  }

  void Loop() {
    std::vector<epoll_event> events(256);
    Clock::time_point last_sweep = Clock::now();
    while (!stopping_.load()) {
      const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 50);
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wake_fd_) {
          std::uint64_t count = 0;
          [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof count);
          continue;
        }
        OnReadable(fd);
      }
      TakeArrivals();
      const Clock::time_point now = Clock::now();
      if (now - last_sweep >= std::chrono::milliseconds(100)) {
        Sweep(now);
        last_sweep = now;
      }
    }
    std::vector<Arrival> arrivals;
    std::vector<std::unique_ptr<Conn>> returned;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      reader_done_ = true;
      arrivals.swap(arrivals_);
      returned.swap(returned_);
    }
    for (const Arrival& a : arrivals) CloseFd(a.fd);
    for (auto& conn : returned) CloseFd(conn->fd);
    for (auto& entry : conns_) CloseFd(entry.first);
    conns_.clear();
  }

  void TakeArrivals() {
    std::vector<Arrival> arrivals;
    std::vector<std::unique_ptr<Conn>> returned;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      arrivals.swap(arrivals_);
      returned.swap(returned_);
    }
    const Clock::time_point now = Clock::now();
    for (const Arrival& a : arrivals) {
      auto conn = std::make_unique<Conn>();
      conn->fd = a.fd;
      conn->remote = PeerAddress(a.fd, false);
      conn->remote = conn->remote.substr(0, conn->remote.find(' '));
      conn->deadline = now + limits_.request_timeout;
      Conn* c = Watch(std::move(conn));
      if (c != nullptr && a.over_capacity) {
        Reject(c, 503, "too many connections; retry later");
      }
    }
    for (auto& conn : returned) {
      conn->reading = !conn->in.empty();
      conn->continued = false;
      conn->deadline = now + (conn->reading ? limits_.request_timeout : limits_.idle_timeout);
      Conn* c = Watch(std::move(conn));
      if (c != nullptr && c->reading) Process(c);
    }
  }

  // Registers a connection with the event loop; nullptr (and closed) on failure.
  Conn* Watch(std::unique_ptr<Conn> conn) {
    const int fd = conn->fd;
    const int flags = fcntl(fd, F_GETFL, 0);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.fd = fd;
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0 ||
        epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
      CloseFd(fd);
      return nullptr;
    }
    Conn* c = conn.get();
    conns_[fd] = std::move(conn);
    return c;
  }

  void Forget(Conn* c) {
    const int fd = c->fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    conns_.erase(fd);
  }

  void Close(Conn* c) {
    const int fd = c->fd;
    Forget(c);
    CloseFd(fd);
  }

  void OnReadable(int fd) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) return;
    Conn* c = it->second.get();
    const std::size_t max_buffered =
        limits_.framing.max_head_bytes + limits_.framing.max_body_bytes + 70000;
    char buf[16384];
    for (;;) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        if (c->closing) {
          c->discarded += static_cast<std::size_t>(n);
          if (c->discarded > kMaxDiscardBytes) return Close(c);
          continue;
        }
        if (!c->reading) {
          c->reading = true;
          c->deadline = Clock::now() + limits_.request_timeout;
        }
        c->in.append(buf, static_cast<std::size_t>(n));
        if (c->in.size() > max_buffered) break;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      // End of input or a reset: a complete request may still be answered.
      if (c->closing || n < 0 || c->in.empty()) return Close(c);
      c->peer_closed = true;
      break;
    }
    if (!c->closing) Process(c);
  }

  // Frames what a connection sent: waits for more, rejects, or hands a request on.
  void Process(Conn* c) {
    const FramingLimits& framing = limits_.framing;
    if (FindHeadEnd(c->in, c->scan_from) == std::string::npos) {
      c->scan_from = c->in.size() < 2 ? 0 : c->in.size() - 2;
      const bool may_be_too_long =
          c->in.size() > framing.max_head_bytes ||
          (c->in.find('\n') == std::string::npos && c->in.size() > framing.max_target_bytes + 64);
      if (!may_be_too_long) {
        if (c->peer_closed) Close(c);
        return;
      }
    }
    Frame frame = FrameRequest(c->in, framing);
    switch (frame.state) {
      case Frame::State::kIncomplete:
        if (c->peer_closed) return Close(c);
        if (frame.wants_continue && !c->continued) {
          c->continued = true;
          SendNow(c, "HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
      case Frame::State::kRejected:
        return Reject(c, frame.status, frame.reason);
      case Frame::State::kComplete:
        break;
    }
    c->in.erase(0, frame.consumed);
    c->scan_from = 0;
    bool busy = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      busy = jobs_.size() >= limits_.max_waiting_requests;
      if (!busy) {
        const int fd = c->fd;
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        jobs_.push_back(Job{std::move(conns_[fd]), std::move(frame.request), Clock::now()});
        conns_.erase(fd);
      }
    }
    if (busy) return Reject(c, 503, "server busy; retry later");
    jobs_changed_.notify_one();
  }

  // Best effort: replies the gate sends itself are small enough for the socket buffer.
  static void SendNow(Conn* c, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(c->fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  // Answers `status` and closes the connection once the client has seen the reply.
  void Reject(Conn* c, int status, const std::string& reason) {
    if (on_reject_) on_reject_(c->remote, status, reason);
    SendNow(c, ErrorReply(status, reason));
    ::shutdown(c->fd, SHUT_WR);
    c->closing = true;
    c->in.clear();
    c->in.shrink_to_fit();
    c->deadline = Clock::now() + kLinger;
  }

  void Sweep(Clock::time_point now) {
    std::vector<Conn*> expired;
    for (auto& entry : conns_) {
      if (entry.second->deadline <= now) expired.push_back(entry.second.get());
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(limits_.request_timeout).count();
    for (Conn* c : expired) {
      if (c->closing || !c->reading) {
        Close(c);
      } else {
        Reject(c, 408, "request not complete within " + std::to_string(seconds) + " s");
      }
    }
  }

  void Work() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        jobs_changed_.wait(lock, [this] { return !jobs_.empty() || workers_stop_; });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      Serve(std::move(job));
    }
  }

  void Serve(Job job) {
    std::unique_ptr<Conn> conn = std::move(job.conn);
    if (Clock::now() - job.queued > limits_.max_queue_wait) {
      const std::string reason = "server busy; retry later";
      if (on_reject_) on_reject_(conn->remote, 503, reason);
      const std::string reply = ErrorReply(503, reason);
      RequestStream(conn->fd, reply, limits_.write_timeout).write(reply.data(), reply.size());
      CloseFd(conn->fd);
      return;
    }
    ++conn->served;
    const bool close_connection = stopping_.load() || conn->peer_closed ||
                                  conn->served >= limits_.max_requests_per_connection;
    RequestStream stream(conn->fd, job.request, limits_.write_timeout);
    bool connection_closed = false;
    const bool ok = server_->process_request(stream, close_connection, connection_closed, nullptr);
    if (!ok || close_connection || connection_closed) {
      CloseFd(conn->fd);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!reader_done_) {
        returned_.push_back(std::move(conn));
      }
    }
    if (conn != nullptr) {
      CloseFd(conn->fd);
      return;
    }
    Wake();
  }

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

GuardedServer::GuardedServer(const ConnectionLimits& limits, RejectHook on_reject)
    : gate_(std::make_unique<Gate>(this, limits, std::move(on_reject))) {
  new_task_queue = [] { return new InlineQueue; };
  set_payload_max_length(limits.framing.max_body_bytes);
  backlog_ = limits.backlog;
}

GuardedServer::~GuardedServer() { gate_->Stop(); }

int GuardedServer::Bind(const std::string& host, int port) {
  set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return -1;
  // httplib listens with a backlog of 5; a second listen() only resizes the queue.
  if (::listen(svr_sock_, backlog_) != 0) return -1;
  return bound;
}

bool GuardedServer::Run() {
  const bool ok = listen_after_bind();
  gate_->Stop();
  return ok;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  gate_->Adopt(sock);
  return true;
}

}  // namespace gazette::web
