// The access log's text and JSON lines, its level filter, and request ids.
#include "web/access_log.h"

#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace gazette::web {
namespace {

struct Captured {
  std::ostringstream out;
  AccessLog log;
  Captured(LogFormat format, spdlog::level::level_enum level)
      : log(format, level, std::make_shared<spdlog::sinks::ostream_sink_mt>(out)) {}
};

// Whether `text` fits `pattern`, where '9' stands for a digit, 'x' for a lower-case hex
// digit, and every other character for itself. (No std::regex: GCC 12 warns inside it
// under the sanitizers.)
bool Fits(const std::string& text, const std::string& pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool digit = c >= '0' && c <= '9';
    if (pattern[i] == '9'   ? !digit
        : pattern[i] == 'x' ? !(digit || (c >= 'a' && c <= 'f'))
                            : c != pattern[i]) {
      return false;
    }
  }
  return true;
}

AccessRecord Search() {
  AccessRecord r;
  r.remote = "127.0.0.1";
  r.method = "GET";
  r.path = "/api/search";
  r.status = 200;
  r.duration_ms = 1.23456;
  r.request_id = "abc-123";
  return r;
}

TEST_CASE("a JSON access line has every field, with the search's hits and time") {
  Captured c(LogFormat::kJson, spdlog::level::info);
  AccessRecord r = Search();
  NoteSearchFacts(42, 0.8300004);
  TakeSearchFacts(&r);
  c.log.Write(r);
  const std::string line = c.out.str();
  REQUIRE(std::count(line.begin(), line.end(), '\n') == 1);
  const auto j = nlohmann::json::parse(line);
  CHECK(Fits(j["time"].get<std::string>(), "9999-99-99T99:99:99.999Z"));
  CHECK(j["level"] == "info");
  CHECK(j["remote"] == "127.0.0.1");
  CHECK(j["method"] == "GET");
  CHECK(j["path"] == "/api/search");
  CHECK(j["status"] == 200);
  CHECK(j["duration_ms"] == 1.235);
  CHECK(j["hits"] == 42);
  CHECK(j["took_ms"] == 0.83);
  CHECK(j["request_id"] == "abc-123");

  // The facts belong to one request: the next record has none.
  AccessRecord next = Search();
  TakeSearchFacts(&next);
  CHECK_FALSE(next.hits);
  CHECK_FALSE(next.took_ms);
}

TEST_CASE("a text access line keeps control characters out of the log") {
  Captured c(LogFormat::kText, spdlog::level::info);
  AccessRecord r = Search();
  r.path = "/a\nforged 200";
  c.log.Write(r);
  CHECK(c.out.str() == "127.0.0.1 GET /a?forged 200 200 1.2ms abc-123\n");
}

TEST_CASE("the level drops answers below it and server errors are logged at error") {
  Captured c(LogFormat::kJson, spdlog::level::warn);
  c.log.Write(Search());
  CHECK(c.out.str().empty());
  AccessRecord failed = Search();
  failed.status = 500;
  c.log.Write(failed);
  CHECK(nlohmann::json::parse(c.out.str())["level"] == "error");

  Captured off(LogFormat::kText, spdlog::level::off);
  off.log.Write(failed);
  CHECK(off.out.str().empty());
}

TEST_CASE("a request keeps a valid client id, else it gets a new random one") {
  CHECK(RequestId("f81d4fae-7dec.11d0:a765_00a0") == "f81d4fae-7dec.11d0:a765_00a0");
  for (const std::string& bad :
       std::vector<std::string>{"", "has space", "new\nline", std::string(129, 'a')}) {
    CAPTURE(bad);
    CHECK(Fits(RequestId(bad), "xxxxxxxxxxxxxxxx"));
  }
  CHECK(RequestId("") != RequestId(""));
}

TEST_CASE("log formats and levels name the valid values") {
  CHECK(*ParseLogFormat("json") == LogFormat::kJson);
  CHECK(ParseLogFormat("xml").status().message() == "expected one of text, json; got 'xml'");
  CHECK(*ParseLogLevel("warn") == spdlog::level::warn);
  CHECK(ParseLogLevel("loud").status().message() ==
        "expected one of debug, info, warn, error, off; got 'loud'");
}

}  // namespace
}  // namespace gazette::web
