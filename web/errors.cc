// Status -> HTTP mapping and the JSON error body shared by every route.
#include "web/errors.h"

#include <nlohmann/json.hpp>

namespace gazette::web {

int HttpStatus(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kIoError:
    case StatusCode::kCorruption:
    case StatusCode::kInternal:
      break;
  }
  return 500;
}

std::string ErrorBody(const Status& status) {
  return ErrorBody(StatusCodeName(status.code()), status.message());
}

std::string ErrorBody(const std::string& code, const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gazette::web
