// Tests for corpus/article.cc: ISO-8601 parsing and formatting.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "corpus/article.h"

namespace gazette::corpus {
namespace {

TEST_CASE("ParseIsoDateTime accepts dates - times - offsets and fractions", "[article]") {
  struct Case {
    const char* text;
    std::int64_t seconds;
  };
  const Case cases[] = {
      {"2022-09-12T14:23:00Z", 1662992580},
      {"2022-09-12t14:23:00z", 1662992580},
      {"2022-09-12 14:23:00Z", 1662992580},
      {"2022-09-12T14:23:00", 1662992580},  // no zone: UTC
      {"2022-09-12T14:23Z", 1662992580},    // no seconds
      {"2022-09-12T14:23:00.987Z", 1662992580},
      {"2022-09-12T14:23:00,5Z", 1662992580},
      {"2022-09-12", 1662940800},
      {"2010-05-22T14:30:00+09:00", 1274506200},
      {"2010-05-22T14:30:00+0900", 1274506200},
      {"2010-05-22T14:30:00+09", 1274506200},
      {"2010-05-21T23:30:00-06:00", 1274506200},
      {"2012-07-23T17:00:00+09:00", 1343030400},
      {"2024-02-29T00:00:00Z", 1709164800},
      {"2000-02-29T12:00:00Z", 951825600},
      {"1969-12-31T23:59:59Z", -1},
      {"1970-01-01T00:00:00Z", 0},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Result<std::int64_t> parsed = ParseIsoDateTime(c.text);
    REQUIRE(parsed.ok());
    CHECK(*parsed == c.seconds);
  }
}

TEST_CASE("ParseIsoDateTime refuses impossible and malformed dates", "[article]") {
  struct Case {
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {"2023-02-30T10:00:00Z", "day 30 does not exist in 2023-02"},
      {"2023-02-29", "day 29 does not exist"},
      {"1900-02-29", "day 29 does not exist"},
      {"2023-04-31", "day 31 does not exist"},
      {"2023-13-01", "month 13 is out of range"},
      {"2023-00-10", "month 0 is out of range"},
      {"2023-01-00", "day 0 does not exist"},
      {"2023-01-01T25:00:00Z", "hour 25 is out of range"},
      {"2023-01-01T10:60:00Z", "minute 60 is out of range"},
      {"2023-01-01T10:00:61Z", "second 61 is out of range"},
      {"2023-01-01T10:00:00+25:00", "offset is out of range"},
      {"2023-01-01T10:00:00Q", "expected 'Z' or an offset"},
      {"2023-01-01T10:00:00Zjunk", "unexpected text"},
      {"2023-01-01T10", "expected the time"},
      {"2023-01-01T10:00:00.Z", "expected fraction digits"},
      {"2023-1-1", "expected YYYY-MM-DD"},
      {"yesterday", "expected YYYY-MM-DD"},
      {"", "expected YYYY-MM-DD"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Result<std::int64_t> parsed = ParseIsoDateTime(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(parsed.status().message(), Catch::Contains(std::string("\"") + c.text + "\""));
    CHECK_THAT(parsed.status().message(), Catch::Contains(c.reason));
  }
}

TEST_CASE("FormatIsoUtc prints UTC and round-trips", "[article]") {
  CHECK(FormatIsoUtc(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIsoUtc(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatIsoUtc(1662992580) == "2022-09-12T14:23:00Z");
  CHECK(FormatIsoUtc(1709164800) == "2024-02-29T00:00:00Z");
  CHECK(FormatIsoUtc(-2208988800) == "1900-01-01T00:00:00Z");
  for (std::int64_t t = -5000000000; t < 5000000000; t += 86399 * 37 + 11) {
    const Result<std::int64_t> back = ParseIsoDateTime(FormatIsoUtc(t));
    REQUIRE(back.ok());
    REQUIRE(*back == t);
  }
}

}  // namespace
}  // namespace gazette::corpus
