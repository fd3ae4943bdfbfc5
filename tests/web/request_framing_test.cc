// FrameRequest: request framing, size limits, chunked decoding and the headers it drops.
#include "web/request_framing.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace gazette::web {
namespace {

using State = Frame::State;

std::string Repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_CASE("FrameRequest answers each malformed or oversized request", "[framing]") {
  const FramingLimits limits;
  const std::string get = "GET /api/search HTTP/1.1\r\nHost: x\r\n";
  const std::string post = "POST /api/search HTTP/1.1\r\nHost: x\r\n";
  struct Case {
    const char* name;
    std::string input;
    State state;
    int status;  // when rejected
  };
  const std::vector<Case> cases = {
      {"complete GET", get + "\r\n", State::kComplete, 0},
      {"head not finished", get, State::kIncomplete, 0},
      {"nothing yet", "", State::kIncomplete, 0},
      {"bare LF", "GET / HTTP/1.1\nHost: x\n\n", State::kComplete, 0},
      {"101 headers", get + Repeat("A: b\r\n", 100) + "\r\n", State::kRejected, 431},
      {"100 headers", "GET / HTTP/1.1\r\n" + Repeat("A: b\r\n", 100) + "\r\n", State::kComplete, 0},
      {"long header line", get + "A: " + std::string(9000, 'b') + "\r\n\r\n", State::kRejected,
       431},
      {"head over 16 KiB, unfinished", get + Repeat("A: " + std::string(100, 'b') + "\r\n", 200),
       State::kRejected, 431},
      {"target of 9000 bytes", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n",
       State::kRejected, 414},
      {"target of 9000 bytes, unfinished", "GET /" + std::string(9000, 'a'), State::kRejected, 414},
      {"no version", "GET /\r\n\r\n", State::kRejected, 400},
      {"HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", State::kRejected, 400},
      {"space in target", "GET /a b HTTP/1.1\r\n\r\n", State::kRejected, 400},
      {"folded header", get + "A: b\r\n c\r\n\r\n", State::kRejected, 400},
      {"no colon", get + "Ab\r\n\r\n", State::kRejected, 400},
      {"space before colon", get + "A : b\r\n\r\n", State::kRejected, 400},
      {"CR inside a value", get + "A: b\rc\r\n\r\n", State::kRejected, 400},
      {"Content-Length too large", post + "Content-Length: 4097\r\n\r\n", State::kRejected, 413},
      {"Content-Length of 30 digits", post + "Content-Length: " + std::string(30, '9') + "\r\n\r\n",
       State::kRejected, 413},
      {"Content-Length not a number", post + "Content-Length: 1e3\r\n\r\n", State::kRejected, 400},
      {"Content-Length twice", post + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nab",
       State::kRejected, 400},
      {"body still arriving", post + "Content-Length: 10\r\n\r\nabc", State::kIncomplete, 0},
      {"Content-Length and chunked",
       post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", State::kRejected, 400},
      {"gzip transfer coding", post + "Transfer-Encoding: gzip, chunked\r\n\r\n", State::kRejected,
       501},
      {"chunked, complete", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
       State::kComplete, 0},
      {"chunked, unfinished", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nab",
       State::kIncomplete, 0},
      {"chunk of 1 GB announced", post + "Transfer-Encoding: chunked\r\n\r\n40000000\r\n",
       State::kRejected, 413},
      {"chunks adding up past 4 KiB",
       post + "Transfer-Encoding: chunked\r\n\r\n" +
           Repeat("400\r\n" + std::string(1024, 'x') + "\r\n", 5),
       State::kRejected, 413},
      {"chunk size not hex", post + "Transfer-Encoding: chunked\r\n\r\nxyz\r\n", State::kRejected,
       400},
      {"chunk without its CRLF", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n",
       State::kRejected, 400},
      {"endless chunk extension",
       post + "Transfer-Encoding: chunked\r\n\r\n1;" + std::string(2000, 'e'), State::kRejected,
       400},
      {"endless empty chunks' trailers",
       post + "Transfer-Encoding: chunked\r\n\r\n0\r\n" + Repeat("T: v\r\n", 101), State::kRejected,
       431},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const Frame frame = FrameRequest(c.input, limits);
    CHECK(frame.state == c.state);
    if (c.state == State::kRejected) CHECK(frame.status == c.status);
  }
}

TEST_CASE("FrameRequest drops Range and decodes chunked bodies", "[framing]") {
  const FramingLimits limits;
  const std::string ranged =
      "GET /api/search?q=oil HTTP/1.1\r\nHost: x\r\nRange: bytes=0-,0-,0-\r\nIf-Range: x\r\n"
      "range: bytes=1-2\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
  Frame frame = FrameRequest(ranged, limits);
  REQUIRE(frame.state == Frame::State::kComplete);
  CHECK(frame.request == "GET /api/search?q=oil HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(ranged.substr(frame.consumed) == "GET /next HTTP/1.1\r\n\r\n");

  const std::string chunked =
      "\r\nPOST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
      "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\nrest";
  frame = FrameRequest(chunked, limits);
  REQUIRE(frame.state == Frame::State::kComplete);
  CHECK(frame.request == "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde");
  CHECK(chunked.substr(frame.consumed) == "rest");

  frame =
      FrameRequest("POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n", limits);
  CHECK(frame.state == Frame::State::kIncomplete);
  CHECK(frame.wants_continue);
}

TEST_CASE("FindHeadEnd finds the blank line from any starting point", "[framing]") {
  const std::string head = "GET / HTTP/1.1\r\nA: b\r\n\r\nbody";
  CHECK(FindHeadEnd(head) == head.size() - 4);
  CHECK(FindHeadEnd(head, 10) == head.size() - 4);
  CHECK(FindHeadEnd("GET / HTTP/1.1\n\nx") == 16);
  CHECK(FindHeadEnd("GET / HTTP/1.1\r\nA: b\r\n") == std::string::npos);
}

}  // namespace
}  // namespace gazette::web
