// Socket-level pieces of GuardedServer (private to web/): the peer's address, a request
// held in memory as an httplib stream, and the whole replies the gate sends itself.
#ifndef GAZETTE_WEB_GATE_IO_H_
#define GAZETTE_WEB_GATE_IO_H_

#include <httplib.h>

#include <chrono>
#include <string>

namespace gazette::web {

// "ADDRESS PORT" of the socket's peer (or, when `local`, of its own end); "" on error.
std::string PeerAddress(int fd, bool local);

// A request already read into memory; replies go straight to the socket.
class RequestStream : public httplib::Stream {
 public:
  RequestStream(int fd, const std::string& request, std::chrono::milliseconds write_timeout);

  bool is_readable() const override { return pos_ < request_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override;
  // Gives up (-1) when the client has not taken the whole reply by the deadline.
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  const int fd_;
  const std::string& request_;
  std::size_t pos_ = 0;
  const std::chrono::steady_clock::time_point deadline_;
};

// A whole reply for an error the gate answers itself (JSON error body, Connection:
// close, Retry-After on 503); the connection closes after it.
std::string ErrorReply(int status, const std::string& reason);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_GATE_IO_H_
