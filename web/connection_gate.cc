// The gate: reads, frames and times out connections on one thread; workers serve.
#include "web/connection_gate.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "web/gate_io.h"
#include "web/request_framing.h"

namespace gazette::web {
namespace {

// Input read after a rejection (discarded) before the connection is closed anyway.
constexpr std::size_t kMaxDiscardBytes = 1 << 20;
constexpr auto kLinger = std::chrono::seconds(2);

}  // namespace

GuardedServer::Gate::Gate(GuardedServer* server, const ConnectionLimits& limits,
                          RejectHook on_reject)
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

GuardedServer::Gate::~Gate() {
  Stop();
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void GuardedServer::Gate::Adopt(int fd) {
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

void GuardedServer::Gate::Stop() {
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

void GuardedServer::Gate::Wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void GuardedServer::Gate::CloseFd(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  open_.fetch_sub(1);
}

void GuardedServer::Gate::Loop() {
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

void GuardedServer::Gate::TakeArrivals() {
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

GuardedServer::Gate::Conn* GuardedServer::Gate::Watch(std::unique_ptr<Conn> conn) {
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

void GuardedServer::Gate::Forget(Conn* c) {
  const int fd = c->fd;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  conns_.erase(fd);
}

void GuardedServer::Gate::Close(Conn* c) {
  const int fd = c->fd;
  Forget(c);
  CloseFd(fd);
}

void GuardedServer::Gate::OnReadable(int fd) {
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

void GuardedServer::Gate::Process(Conn* c) {
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

void GuardedServer::Gate::SendNow(Conn* c, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(c->fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

void GuardedServer::Gate::Reject(Conn* c, int status, const std::string& reason) {
  if (on_reject_) on_reject_(c->remote, status, reason);
  SendNow(c, ErrorReply(status, reason));
  ::shutdown(c->fd, SHUT_WR);
  c->closing = true;
  c->in.clear();
  c->in.shrink_to_fit();
  c->deadline = Clock::now() + kLinger;
}

void GuardedServer::Gate::Sweep(Clock::time_point now) {
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

void GuardedServer::Gate::Work() {
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

void GuardedServer::Gate::Serve(Job job) {
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
  const bool close_connection =
      stopping_.load() || conn->peer_closed || conn->served >= limits_.max_requests_per_connection;
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
}  // namespace gazette::web
