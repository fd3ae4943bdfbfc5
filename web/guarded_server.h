// An httplib::Server whose connections are read by one event loop before a worker
// thread sees them: slow or oversized requests never hold a worker, connections are
// capped, and a request reaches httplib only once it is complete and within limits.
#ifndef GAZETTE_WEB_GUARDED_SERVER_H_
#define GAZETTE_WEB_GUARDED_SERVER_H_

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "web/limits.h"

namespace gazette::web {

// Told about every request answered without reaching a handler: the client's
// address, the status sent (400, 408, 413, 414, 431, 501, 503) and why.
using RejectHook =
    std::function<void(const std::string& remote, int status, const std::string& reason)>;

class GuardedServer : public httplib::Server {
 public:
  GuardedServer(const ConnectionLimits& limits, RejectHook on_reject);
  ~GuardedServer() override;

  // Binds host:port (0: any free port) and listens with limits.backlog. The address is
  // reusable after a restart (SO_REUSEADDR) but never shared with a running process
  // (no SO_REUSEPORT). Returns the port, or -1 with errno set.
  int Bind(const std::string& host, int port);

  // Accepts until stop(); then answers the requests already read and closes every
  // connection. False when accepting failed.
  bool Run();

  class Gate;

 private:
  bool process_and_close_socket(socket_t sock) override;

  std::unique_ptr<Gate> gate_;
  int backlog_ = 4096;
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_GUARDED_SERVER_H_
