// The one table from gazette::Status codes and HTTP errors to HTTP statuses and JSON
// error bodies.
#ifndef GAZETTE_WEB_ERRORS_H_
#define GAZETTE_WEB_ERRORS_H_

#include <string>

#include "base/status.h"

namespace gazette::web {

// invalid_argument -> 400, not_found -> 404, unavailable -> 503, anything else -> 500.
int HttpStatus(StatusCode code);

// The JSON error code an HTTP error status stands for ("not_found" for 404,
// "payload_too_large" for 413, ...); "internal" for a status the table lacks.
std::string ErrorCodeOf(int http_status);

// {"error":{"code":"<snake_case code>","message":"<message>"}} as compact JSON.
std::string ErrorBody(const Status& status);

// The same shape for errors that have no gazette::Status (405, 413, ...).
std::string ErrorBody(const std::string& code, const std::string& message);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_ERRORS_H_
