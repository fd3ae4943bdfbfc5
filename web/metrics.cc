// Prometheus text rendering of the server's counters.
#include "web/metrics.h"

#include <sstream>

namespace gazette::web {
namespace {

// Label values are route patterns we chose, but escape them anyway.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Header(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

}  // namespace

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Latency& latency = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  ++latency.count;
  latency.sum += seconds;
}

std::string Metrics::Render(const MetricsSnapshot& snapshot) const {
  std::ostringstream out;
  out.precision(9);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Header(out, "gazette_http_requests_total", "counter", "HTTP requests by route and status.");
    for (const auto& [key, count] : requests_) {
      out << "gazette_http_requests_total{route=\"" << Label(key.first) << "\",status=\""
          << key.second << "\"} " << count << '\n';
    }
    Header(out, "gazette_http_request_duration_seconds", "histogram",
           "Time from request start to response, by route.");
    for (const auto& [route, latency] : latency_) {
      const std::string name = "gazette_http_request_duration_seconds";
      const std::string label = "route=\"" + Label(route) + "\"";
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += latency.buckets[i];
        out << name << "_bucket{" << label << ",le=\"" << kBuckets[i] << "\"} " << cumulative
            << '\n';
      }
      out << name << "_bucket{" << label << ",le=\"+Inf\"} " << latency.count << '\n';
      out << name << "_sum{" << label << "} " << latency.sum << '\n';
      out << name << "_count{" << label << "} " << latency.count << '\n';
    }
  }
  Header(out, "gazette_database_available", "gauge", "1 when a database is open.");
  out << "gazette_database_available " << (snapshot.available ? 1 : 0) << '\n';
  Header(out, "gazette_documents", "gauge", "Documents in the open database.");
  out << "gazette_documents " << snapshot.documents << '\n';
  Header(out, "gazette_index_reloads_total", "counter",
         "Times a reindex or a new database was picked up without restart.");
  out << "gazette_index_reloads_total " << snapshot.reloads << '\n';
  Header(out, "gazette_uptime_seconds", "gauge", "Seconds since the server started.");
  out << "gazette_uptime_seconds " << snapshot.uptime_s << '\n';
  return out.str();
}

}  // namespace gazette::web
