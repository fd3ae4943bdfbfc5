// The server's access log: one line per request, as text or JSON, through spdlog; and
// the request id every answer carries in X-Request-Id.
#ifndef GAZETTE_WEB_ACCESS_LOG_H_
#define GAZETTE_WEB_ACCESS_LOG_H_

#include <spdlog/common.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"

namespace spdlog {
class logger;
}

namespace gazette::web {

enum class LogFormat { kText, kJson };

// "text" or "json"; InvalidArgument naming both otherwise.
Result<LogFormat> ParseLogFormat(const std::string& text);

// "debug", "info", "warn", "error" or "off"; InvalidArgument naming them otherwise.
Result<spdlog::level::level_enum> ParseLogLevel(const std::string& text);

// What one request did, as the access log records it.
struct AccessRecord {
  std::string remote;
  std::string method;
  std::string path;
  int status = 0;
  double duration_ms = 0;
  std::string request_id;
  std::optional<std::uint64_t> hits;  // searches: matching articles
  std::optional<double> took_ms;      // searches: time spent searching
  std::string refused;                // why the request was refused before any handler
};

// Writes access records to a sink (stderr unless given). Answers of status 500 and
// above are logged at level error, the rest at info; records below `level` are
// dropped. Thread-safe.
class AccessLog {
 public:
  AccessLog(LogFormat format, spdlog::level::level_enum level, spdlog::sink_ptr sink = nullptr);
  void Write(const AccessRecord& record);

 private:
  LogFormat format_;
  std::shared_ptr<spdlog::logger> logger_;
};

// The id of a request: the client's X-Request-Id when it is 1 to 128 characters of
// [A-Za-z0-9._:-], else a new random 16-hex-digit id.
std::string RequestId(const std::string& header);

// Handlers note what a search found; the access log of the same request (on the same
// thread) takes it. TakeSearchFacts clears what it returns.
void NoteSearchFacts(std::uint64_t hits, double took_ms);
void TakeSearchFacts(AccessRecord* record);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_ACCESS_LOG_H_
