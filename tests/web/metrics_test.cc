// Tests the Prometheus text rendering.
#include "web/metrics.h"

#include <catch2/catch.hpp>

namespace gazette::web {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("Metrics renders counters - cumulative buckets and gauges", "[metrics]") {
  Metrics metrics;
  metrics.Record("/api/search", 200, 0.003);
  metrics.Record("/api/search", 200, 0.2);
  metrics.Record("/api/search", 400, 0.0001);
  MetricsSnapshot snapshot;
  snapshot.available = true;
  snapshot.documents = 45;
  snapshot.reloads = 2;
  const std::string text = metrics.Render(snapshot);
  CHECK_THAT(text, Contains("# TYPE gazette_http_requests_total counter"));
  CHECK_THAT(text, Contains("gazette_http_requests_total{route=\"/api/search\",status=\"200\"} 2"));
  CHECK_THAT(text, Contains("gazette_http_requests_total{route=\"/api/search\",status=\"400\"} 1"));
  CHECK_THAT(text, Contains("# TYPE gazette_http_request_duration_seconds histogram"));
  CHECK_THAT(text, Contains("_bucket{route=\"/api/search\",le=\"0.001\"} 1\n"));
  CHECK_THAT(text, Contains("_bucket{route=\"/api/search\",le=\"0.005\"} 2\n"));
  CHECK_THAT(text, Contains("_bucket{route=\"/api/search\",le=\"+Inf\"} 3\n"));
  CHECK_THAT(text,
             Contains("gazette_http_request_duration_seconds_count{route=\"/api/search\"} 3"));
  CHECK_THAT(text, Contains("gazette_documents 45\n"));
  CHECK_THAT(text, Contains("gazette_database_available 1\n"));
  CHECK_THAT(text, Contains("gazette_index_reloads_total 2\n"));
}

}  // namespace
}  // namespace gazette::web
