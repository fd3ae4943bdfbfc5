// Access log lines through spdlog: text for people, JSON for log shippers.
#include "web/access_log.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace gazette::web {
namespace {

thread_local std::optional<std::uint64_t> t_hits;
thread_local std::optional<double> t_took_ms;

// Control characters in a logged path could forge log lines.
std::string Printable(const std::string& text) {
  std::string out = text.substr(0, 300);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

// Now as ISO-8601 UTC with milliseconds: 2026-12-07T00:31:02.123Z.
std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms.count()));
  return text;
}

// Milliseconds to the microsecond: 0.83, not 0.8300000000000001 or 0.830123456.
double Microseconds(double ms) { return std::round(ms * 1000) / 1000; }

}  // namespace

Result<LogFormat> ParseLogFormat(const std::string& text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return Status::InvalidArgument("expected one of text, json; got '" + text + "'");
}

Result<spdlog::level::level_enum> ParseLogLevel(const std::string& text) {
  static const std::pair<const char*, spdlog::level::level_enum> kLevels[] = {
      {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},
      {"warn", spdlog::level::warn},
      {"error", spdlog::level::err},
      {"off", spdlog::level::off}};
  for (const auto& [name, level] : kLevels) {
    if (text == name) return level;
  }
  return Status::InvalidArgument("expected one of debug, info, warn, error, off; got '" + text +
                                 "'");
}

AccessLog::AccessLog(LogFormat format, spdlog::level::level_enum level, spdlog::sink_ptr sink)
    : format_(format) {
  if (!sink) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  logger_ = std::make_shared<spdlog::logger>("access", std::move(sink));
  logger_->set_pattern("%v");
  logger_->set_level(level);
  logger_->flush_on(spdlog::level::trace);
}

void AccessLog::Write(const AccessRecord& r) {
  const auto level = r.status >= 500 ? spdlog::level::err : spdlog::level::info;
  if (!logger_->should_log(level)) return;
  if (format_ == LogFormat::kText) {
    std::ostringstream line;
    line.setf(std::ios::fixed);
    line.precision(1);
    line << r.remote << ' ' << Printable(r.method) << ' ' << Printable(r.path) << ' ' << r.status
         << ' ' << r.duration_ms << "ms " << r.request_id;
    if (!r.refused.empty()) line << " (" << r.refused << ')';
    logger_->log(level, line.str());
    return;
  }
  nlohmann::json j = {{"time", UtcNow()},
                      {"level", level == spdlog::level::err ? "error" : "info"},
                      {"remote", r.remote},
                      {"method", r.method},
                      {"path", r.path.substr(0, 2000)},
                      {"status", r.status},
                      {"duration_ms", Microseconds(r.duration_ms)},
                      {"request_id", r.request_id}};
  if (r.hits) j["hits"] = *r.hits;
  if (r.took_ms) j["took_ms"] = Microseconds(*r.took_ms);
  if (!r.refused.empty()) j["refused"] = r.refused;
  logger_->log(level, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string RequestId(const std::string& header) {
  bool valid = !header.empty() && header.size() <= 128;
  for (char c : header) {
    valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                      c == ':' || c == '-');
  }
  if (valid) return header;
  thread_local std::mt19937_64 random{std::random_device{}()};
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random()));
  return id;
}

void NoteSearchFacts(std::uint64_t hits, double took_ms) {
  t_hits = hits;
  t_took_ms = took_ms;
}

void TakeSearchFacts(AccessRecord* record) {
  record->hits = t_hits;
  record->took_ms = t_took_ms;
  t_hits.reset();
  t_took_ms.reset();
}

}  // namespace gazette::web
