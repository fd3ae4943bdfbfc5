// libFuzzer target: raw bytes off a connection through request framing (request line,
// headers, Range, Content-Length and chunked bodies): every refusal is a 4xx/5xx with a
// reason, and a framed request frames to itself again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/request_framing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using gazette::web::Frame;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const gazette::web::FramingLimits limits;
  const Frame frame = gazette::web::FrameRequest(input, limits);
  if (frame.state == Frame::State::kRejected &&
      (frame.status < 400 || frame.status > 599 || frame.reason.empty())) {
    __builtin_trap();
  }
  if (frame.state != Frame::State::kComplete) return 0;
  if (frame.consumed == 0 || frame.consumed > size || frame.request.size() > 2 * size + 64) {
    __builtin_trap();
  }
  const Frame again = gazette::web::FrameRequest(frame.request, limits);
  if (again.state != Frame::State::kComplete || again.request != frame.request ||
      again.consumed != frame.request.size()) {
    __builtin_trap();
  }
  return 0;
}
