// Placeholder until the HTTP server lands.
#include "web/server.h"

namespace gazette::web {
Status Serve(const ServerOptions&) { return Status::Unavailable("the HTTP server is not built yet"); }
}  // namespace gazette::web
