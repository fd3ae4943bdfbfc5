// Tests the single Status -> HTTP mapping and the error body shape.
#include "web/errors.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

TEST_CASE("ErrorBody has code and message", "[errors]") {
  auto body = nlohmann::json::parse(ErrorBody(Status::InvalidArgument("page: bad \"x\"")));
  CHECK(body["error"]["code"] == "invalid_argument");
  CHECK(body["error"]["message"] == "page: bad \"x\"");
  // Invalid UTF-8 in a message must not throw.
  CHECK_NOTHROW(nlohmann::json::parse(ErrorBody("internal", "bad \xff byte")));
}

}  // namespace
}  // namespace gazette::web
