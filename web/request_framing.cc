// FrameRequest(): finds one HTTP/1.x request in a connection's bytes and rewrites it.
#include "web/request_framing.h"

#include <cctype>
#include <cstdint>
#include <vector>

namespace gazette::web {
namespace {

// Raw bytes a chunked body may take on the wire (sizes, extensions, trailers).
constexpr std::size_t kMaxChunkedWireBytes = 65536;
constexpr std::size_t kMaxChunkLineBytes = 1024;

Frame Reject(int status, std::string reason) {
  Frame frame;
  frame.state = Frame::State::kRejected;
  frame.status = status;
  frame.reason = std::move(reason);
  return frame;
}

bool IsTokenChar(unsigned char c) {
  if (std::isalnum(c)) return true;
  for (char t : std::string_view("!#$%&'*+-.^_`|~")) {
    if (c == static_cast<unsigned char>(t)) return true;
  }
  return false;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The line starting at `pos` without its "\n" or "\r\n"; `next` gets the position
// after it. False when the line end has not arrived.
bool NextLine(std::string_view input, std::size_t pos, std::string_view* line, std::size_t* next) {
  const std::size_t nl = input.find('\n', pos);
  if (nl == std::string_view::npos) return false;
  std::size_t end = nl;
  if (end > pos && input[end - 1] == '\r') --end;
  *line = input.substr(pos, end - pos);
  *next = nl + 1;
  return true;
}

// Checks the request line; a non-zero status on failure.
int CheckRequestLine(std::string_view line, const FramingLimits& limits, std::string* reason) {
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    *reason = "malformed request line";
    return 400;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (target.size() > limits.max_target_bytes) {
    *reason = "request target longer than " + std::to_string(limits.max_target_bytes) + " bytes";
    return 414;
  }
  if (!IsToken(method) || method.size() > 32 || target.empty() ||
      (version != "HTTP/1.1" && version != "HTTP/1.0")) {
    *reason = "malformed request line";
    return 400;
  }
  for (char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      *reason = "control character in the request target";
      return 400;
    }
  }
  return 0;
}

// Decodes the chunked body starting at `pos`. Returns kComplete with `body` and `end`
// set, kIncomplete, or a rejection.
Frame DecodeChunked(std::string_view input, std::size_t pos, const FramingLimits& limits,
                    std::string* body, std::size_t* end) {
  const std::size_t start = pos;
  const auto too_long = [&] {
    return input.size() - start > kMaxChunkedWireBytes
               ? Reject(413, "chunked body larger than " + std::to_string(kMaxChunkedWireBytes) +
                                 " bytes on the wire")
               : Frame();
  };
  std::size_t trailers = 0;
  for (;;) {
    std::string_view line;
    std::size_t next = 0;
    if (!NextLine(input, pos, &line, &next)) {
      if (input.size() - pos > kMaxChunkLineBytes) return Reject(400, "malformed chunk size");
      return too_long();
    }
    if (line.size() > kMaxChunkLineBytes) return Reject(400, "malformed chunk size");
    std::string_view digits = Trim(line.substr(0, line.find(';')));
    if (digits.empty() || digits.size() > 15) return Reject(400, "malformed chunk size");
    std::uint64_t size = 0;
    for (char c : digits) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return Reject(400, "malformed chunk size");
      size = size * 16 + static_cast<std::uint64_t>(
                             std::isdigit(static_cast<unsigned char>(c))
                                 ? c - '0'
                                 : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    }
    if (size > limits.max_body_bytes - body->size()) {
      return Reject(413,
                    "request body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
    }
    pos = next;
    if (size == 0) break;
    if (input.size() < pos + size + 1) return too_long();
    body->append(input.substr(pos, size));
    pos += size;
    if (input[pos] == '\n') {
      pos += 1;
    } else if (input[pos] == '\r') {
      if (input.size() < pos + 2) return too_long();
      if (input[pos + 1] != '\n') return Reject(400, "malformed chunk");
      pos += 2;
    } else {
      return Reject(400, "malformed chunk");
    }
  }
  // Trailer fields, dropped.
  for (;;) {
    std::string_view line;
    std::size_t next = 0;
    if (!NextLine(input, pos, &line, &next)) return too_long();
    pos = next;
    if (line.empty()) break;
    if (line.size() > limits.max_line_bytes || ++trailers > limits.max_headers) {
      return Reject(431, "chunked trailers too large");
    }
  }
  *end = pos;
  Frame done;
  done.state = Frame::State::kComplete;
  return done;
}

}  // namespace

std::size_t FindHeadEnd(std::string_view input, std::size_t from) {
  for (std::size_t i = input.find('\n', from); i != std::string_view::npos;
       i = input.find('\n', i + 1)) {
    if (i + 1 < input.size() && input[i + 1] == '\n') return i + 2;
    if (i + 2 < input.size() && input[i + 1] == '\r' && input[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

Frame FrameRequest(std::string_view input, const FramingLimits& limits) {
  // Empty lines before a request are ignored (RFC 9112, section 2.2).
  std::size_t skipped = 0;
  while (skipped < input.size() && (input[skipped] == '\r' || input[skipped] == '\n')) {
    ++skipped;
  }
  if (skipped > 4) return Reject(400, "malformed request");
  const std::string_view rest = input.substr(skipped);
  const std::size_t head_end = FindHeadEnd(rest);
  const std::size_t first_nl = rest.find('\n');
  if (first_nl == std::string_view::npos && rest.size() > limits.max_target_bytes + 64) {
    return Reject(
        414, "request target longer than " + std::to_string(limits.max_target_bytes) + " bytes");
  }
  if (head_end == std::string_view::npos || head_end > limits.max_head_bytes) {
    if (rest.size() > limits.max_head_bytes) {
      return Reject(
          431, "request headers larger than " + std::to_string(limits.max_head_bytes) + " bytes");
    }
    return Frame();
  }

  std::string_view line;
  std::size_t pos = 0;
  NextLine(rest, 0, &line, &pos);
  std::string reason;
  if (int status = CheckRequestLine(line, limits, &reason); status != 0) {
    return Reject(status, reason);
  }
  Frame frame;
  frame.request.reserve(head_end + 32);
  frame.request.append(line).append("\r\n");

  std::size_t headers = 0;
  bool has_length = false;
  bool chunked = false;
  bool expect_continue = false;
  std::uint64_t length = 0;
  for (;;) {
    NextLine(rest, pos, &line, &pos);
    if (line.empty()) break;
    if (++headers > limits.max_headers) {
      return Reject(431, "more than " + std::to_string(limits.max_headers) + " request headers");
    }
    if (line.size() > limits.max_line_bytes) {
      return Reject(431, "a request header is longer than " +
                             std::to_string(limits.max_line_bytes) + " bytes");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return Reject(400, "malformed request header");
    }
    const std::string name = Lower(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    for (char c : value) {
      if (c == '\r' || c == '\0') return Reject(400, "malformed request header");
    }
    if (name == "content-length") {
      if (has_length || value.empty() || value.size() > 18) {
        return Reject(value.size() > 18 ? 413 : 400, "bad Content-Length");
      }
      for (char c : value) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return Reject(400, "bad Content-Length");
        length = length * 10 + static_cast<std::uint64_t>(c - '0');
      }
      has_length = true;
    } else if (name == "transfer-encoding") {
      if (chunked) return Reject(400, "repeated Transfer-Encoding");
      if (Lower(value) != "chunked") return Reject(501, "unsupported Transfer-Encoding");
      chunked = true;
    } else if (name == "expect") {
      expect_continue = Lower(value) == "100-continue";
    } else if (name != "range" && name != "if-range") {
      // Range is ignored: every answer is the whole representation, sent once.
      frame.request.append(line.substr(0, colon)).append(": ").append(value).append("\r\n");
    }
  }
  if (has_length && chunked) return Reject(400, "both Content-Length and Transfer-Encoding");
  if (has_length && length > limits.max_body_bytes) {
    return Reject(413,
                  "request body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
  }

  std::string body;
  std::size_t end = head_end;
  if (chunked) {
    Frame decoded = DecodeChunked(rest, head_end, limits, &body, &end);
    if (decoded.state != Frame::State::kComplete) {
      decoded.wants_continue = decoded.state == Frame::State::kIncomplete && expect_continue;
      return decoded;
    }
  } else if (has_length) {
    if (rest.size() - head_end < length) {
      Frame incomplete;
      incomplete.wants_continue = expect_continue;
      return incomplete;
    }
    body = std::string(rest.substr(head_end, length));
    end = head_end + length;
  }
  if (has_length || chunked) {
    frame.request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  frame.request.append("\r\n").append(body);
  frame.state = Frame::State::kComplete;
  frame.consumed = skipped + end;
  return frame;
}

}  // namespace gazette::web
