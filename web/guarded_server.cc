// GuardedServer: an httplib::Server whose accepted sockets go to the gate
// (connection_gate.h), which reads requests before any worker sees them.
#include "web/guarded_server.h"

#include <sys/socket.h>

#include "web/connection_gate.h"

namespace gazette::web {
namespace {

// Runs every task on the thread that enqueues it: the accept loop only hands sockets
// to the gate, which never blocks.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

}  // namespace

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
