// Status and Result<T>: how every gazette component reports failure.
#ifndef GAZETTE_BASE_STATUS_H_
#define GAZETTE_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace gazette {

// What went wrong, in terms a caller can map to an exit status or HTTP status.
enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller's input is wrong (bad query, bad flag, bad file)
  kNotFound,         // the named thing does not exist
  kUnavailable,      // a resource is missing or busy (no database yet, locked)
  kIoError,          // the operating system refused a read or write
  kCorruption,       // stored data is not what we wrote
  kInternal,         // a bug or an unexpected library failure
};

// A success, or a code plus a message that names the file, line or parameter at fault.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status Unavailable(std::string msg) {
    return Status(StatusCode::kUnavailable, std::move(msg));
  }
  static Status IoError(std::string msg) { return Status(StatusCode::kIoError, std::move(msg)); }
  static Status Corruption(std::string msg) {
    return Status(StatusCode::kCorruption, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Name of a code in snake_case ("invalid_argument"), as used in JSON error bodies.
const char* StatusCodeName(StatusCode code);

// A value of type T, or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace gazette

#endif  // GAZETTE_BASE_STATUS_H_
