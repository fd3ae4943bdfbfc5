// The one mapping from gazette::Status to an HTTP status and JSON error body.
#ifndef GAZETTE_WEB_ERRORS_H_
#define GAZETTE_WEB_ERRORS_H_

#include <string>

#include "base/status.h"

namespace gazette::web {

// invalid_argument -> 400, not_found -> 404, unavailable -> 503, anything else -> 500.
int HttpStatus(StatusCode code);

// {"error":{"code":"<snake_case code>","message":"<message>"}} as compact JSON.
std::string ErrorBody(const Status& status);

// The same shape for errors that have no gazette::Status (405, 413, ...).
std::string ErrorBody(const std::string& code, const std::string& message);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_ERRORS_H_
