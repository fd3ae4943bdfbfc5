// Framing of HTTP/1.x requests read off a connection, before any handler sees them:
// one request's bytes are found, checked against size limits and rewritten into a
// plain form (no Range, no chunked body) that the HTTP library then parses.
#ifndef GAZETTE_WEB_REQUEST_FRAMING_H_
#define GAZETTE_WEB_REQUEST_FRAMING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "web/limits.h"

namespace gazette::web {

struct Frame {
  enum class State { kIncomplete, kComplete, kRejected };
  State state = State::kIncomplete;
  // kRejected: the HTTP status to answer (400, 413, 414, 431, 501) and why.
  int status = 0;
  std::string reason;
  // kComplete: the request with CRLF line ends, without Range, If-Range, Expect and
  // Transfer-Encoding headers, its body decoded and announced by Content-Length.
  std::string request;
  std::size_t consumed = 0;  // kComplete: bytes of the input this request used
  // kIncomplete: the head is complete and asks for "100 Continue" before its body.
  bool wants_continue = false;
};

// Frames the request at the start of `input` (what a connection has sent so far).
// Pure: the same input always gives the same frame; cost is linear in the input.
Frame FrameRequest(std::string_view input, const FramingLimits& limits);

// Where the head starting at `input` ends (just after its blank line), looking for the
// blank line from `from` on; npos when it has not arrived yet.
std::size_t FindHeadEnd(std::string_view input, std::size_t from = 0);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_REQUEST_FRAMING_H_
