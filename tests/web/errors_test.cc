// Tests the single Status -> HTTP mapping and the error body shape.
#include "web/errors.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace gazette::web {
namespace {

TEST_CASE("HttpStatus maps every status code", "[errors]") {
  CHECK(HttpStatus(StatusCode::kOk) == 200);
  CHECK(HttpStatus(StatusCode::kInvalidArgument) == 400);
  CHECK(HttpStatus(StatusCode::kNotFound) == 404);
  CHECK(HttpStatus(StatusCode::kUnavailable) == 503);
  CHECK(HttpStatus(StatusCode::kIoError) == 500);
  CHECK(HttpStatus(StatusCode::kCorruption) == 500);
  CHECK(HttpStatus(StatusCode::kInternal) == 500);
}

TEST_CASE("ErrorCodeOf names the code of every HTTP error the server answers", "[errors]") {
  const std::vector<std::pair<int, std::string>> cases = {
      {400, "invalid_argument"},  {404, "not_found"},         {405, "method_not_allowed"},
      {408, "request_timeout"},   {413, "payload_too_large"}, {414, "uri_too_long"},
      {431, "headers_too_large"}, {500, "internal"},          {501, "not_implemented"},
      {503, "unavailable"},       {599, "internal"},
  };
  for (const auto& [status, code] : cases) {
    INFO(status);
    CHECK(ErrorCodeOf(status) == code);
  }
  // The two directions agree: a gazette code's HTTP status names that code again.
  for (StatusCode code : {StatusCode::kInvalidArgument, StatusCode::kNotFound,
                          StatusCode::kUnavailable, StatusCode::kInternal}) {
    CHECK(ErrorCodeOf(HttpStatus(code)) == StatusCodeName(code));
  }
}

TEST_CASE("ErrorBody has code and message", "[errors]") {
  auto body = nlohmann::json::parse(ErrorBody(Status::InvalidArgument("page: bad \"x\"")));
  CHECK(body["error"]["code"] == "invalid_argument");
  CHECK(body["error"]["message"] == "page: bad \"x\"");
  // Invalid UTF-8 in a message must not throw.
  CHECK_NOTHROW(nlohmann::json::parse(ErrorBody("internal", "bad \xff byte")));
}

}  // namespace
}  // namespace gazette::web
