// The gate's socket helpers: peer addresses, in-memory request streams, error replies.
#include "web/gate_io.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "web/errors.h"

namespace gazette::web {
namespace {

using Clock = std::chrono::steady_clock;

void SplitAddress(const std::string& address, std::string& ip, int& port) {
  const std::size_t space = address.find(' ');
  ip = address.substr(0, space);
  port = space == std::string::npos ? 0 : std::atoi(address.c_str() + space + 1);
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

RequestStream::RequestStream(int fd, const std::string& request,
                             std::chrono::milliseconds write_timeout)
    : fd_(fd), request_(request), deadline_(Clock::now() + write_timeout) {}

ssize_t RequestStream::read(char* ptr, size_t size) {
  const std::size_t n = std::min(size, request_.size() - pos_);
  std::memcpy(ptr, request_.data() + pos_, n);
  pos_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t RequestStream::write(const char* ptr, size_t size) {
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
void RequestStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  SplitAddress(PeerAddress(fd_, false), ip, port);
}

void RequestStream::get_local_ip_and_port(std::string& ip, int& port) const {
  SplitAddress(PeerAddress(fd_, true), ip, port);
}

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

}  // namespace gazette::web
