// Status -> HTTP mapping and the JSON error body shared by every route.
#include "web/errors.h"

#include <nlohmann/json.hpp>

namespace gazette::web {
namespace {

struct ErrorRow {
  int http_status;
  const char* code;        // the JSON error code
  StatusCode status_code;  // the gazette code answered with this status; kOk: HTTP only
};

// Every error the server answers. The first row of an HTTP status names its JSON code;
// gazette codes without a row of their own are 500.
constexpr ErrorRow kErrors[] = {
    {400, "invalid_argument", StatusCode::kInvalidArgument},
    {401, "unauthorized", StatusCode::kOk},
    {403, "forbidden", StatusCode::kOk},
    {404, "not_found", StatusCode::kNotFound},
    {405, "method_not_allowed", StatusCode::kOk},
    {408, "request_timeout", StatusCode::kOk},
    {413, "payload_too_large", StatusCode::kOk},
    {414, "uri_too_long", StatusCode::kOk},
    {431, "headers_too_large", StatusCode::kOk},
    {500, "internal", StatusCode::kInternal},
    {500, "io_error", StatusCode::kIoError},
    {500, "corruption", StatusCode::kCorruption},
    {501, "not_implemented", StatusCode::kOk},
    {503, "unavailable", StatusCode::kUnavailable},
};

}  // namespace

int HttpStatus(StatusCode code) {
  if (code == StatusCode::kOk) return 200;
  for (const ErrorRow& row : kErrors) {
    if (row.status_code == code) return row.http_status;
  }
  return 500;
}

std::string ErrorCodeOf(int http_status) {
  for (const ErrorRow& row : kErrors) {
    if (row.http_status == http_status) return row.code;
  }
  return "internal";
}

std::string ErrorBody(const Status& status) {
  return ErrorBody(StatusCodeName(status.code()), status.message());
}

std::string ErrorBody(const std::string& code, const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gazette::web
