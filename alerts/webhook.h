// Webhook delivery: each match of a saved search with a webhook URL is POSTed there as
// JSON, retried with exponential backoff until it is accepted (2xx) or given up. The
// queue lives in the store, so deliveries survive restarts.
#ifndef GAZETTE_ALERTS_WEBHOOK_H_
#define GAZETTE_ALERTS_WEBHOOK_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "alerts/store.h"
#include "base/status.h"

namespace gazette::alerts {

struct DeliveryOptions {
  std::chrono::milliseconds poll{1000};  // how often the queue is read
  int max_attempts = 8;                  // then the delivery is given up
  std::int64_t first_backoff_s = 1;      // doubled after each failure...
  std::int64_t max_backoff_s = 3600;     // ...up to this
  double timeout_s = 5;                  // per POST
};

// Whether `url` is an http or https URL a webhook may name; InvalidArgument otherwise.
Status CheckWebhookUrl(const std::string& url);

// The JSON body POSTed for `delivery`.
std::string WebhookBody(const Delivery& delivery);

// POSTs `body` as application/json to `url`; Ok on a 2xx answer, Unavailable otherwise.
Status PostJson(const std::string& url, const std::string& body, double timeout_s);

class Deliverer {
 public:
  Deliverer(Store* store, DeliveryOptions options = {});
  ~Deliverer();  // Stop()s
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  // Starts the thread that delivers what is due every `poll`.
  void Start();
  void Stop();
  // Sends every delivery due at `now` once; returns how many were accepted.
  int RunOnce(std::int64_t now);

 private:
  void Loop();

  Store* store_;
  const DeliveryOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_WEBHOOK_H_
