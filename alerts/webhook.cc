// Webhook POSTs with retries and backoff, driven by the store's queue.
#include "alerts/webhook.h"

#include <httplib.h>

#include <algorithm>
#include <ctime>
#include <iostream>

namespace gazette::alerts {
namespace {

constexpr int kBatch = 50;  // deliveries read per pass

struct Url {
  std::string origin;  // scheme://host[:port]
  std::string path;    // "/..." with the query string
};

Result<Url> SplitUrl(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return Status::InvalidArgument("webhook: not a URL");
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("webhook: expected an http or https URL, got '" + url + "'");
  }
  const std::size_t path = url.find('/', scheme_end + 3);
  Url parts{url.substr(0, path), path == std::string::npos ? "/" : url.substr(path)};
  if (parts.origin.size() <= scheme_end + 3) return Status::InvalidArgument("webhook: no host");
  return parts;
}

}  // namespace

Status CheckWebhookUrl(const std::string& url) {
  if (url.size() > 2048) return Status::InvalidArgument("webhook: longer than 2048 characters");
  for (unsigned char c : url) {
    if (c <= 0x20 || c >= 0x7f) {
      return Status::InvalidArgument(
          "webhook: spaces and control or non-ASCII characters must "
          "be percent-encoded");
    }
  }
  auto parts = SplitUrl(url);
  return parts.ok() ? Status::Ok() : parts.status();
}

std::string WebhookBody(const Delivery& delivery) {
  nlohmann::json body = ToJson(delivery.match);
  body["saved_search"] = {{"id", delivery.match.search_id}, {"name", delivery.search_name}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status PostJson(const std::string& url, const std::string& body, double timeout_s) {
  auto parts = SplitUrl(url);
  if (!parts.ok()) return parts.status();
  httplib::Client client(parts->origin);
  const auto seconds = static_cast<time_t>(timeout_s);
  const auto micros = static_cast<time_t>((timeout_s - static_cast<double>(seconds)) * 1e6);
  client.set_connection_timeout(seconds, micros);
  client.set_read_timeout(seconds, micros);
  client.set_write_timeout(seconds, micros);
  auto answer = client.Post(parts->path.c_str(), body, "application/json");
  if (!answer) {
    return Status::Unavailable(url + ": " + httplib::to_string(answer.error()));
  }
  if (answer->status < 200 || answer->status > 299) {
    return Status::Unavailable(url + ": answered " + std::to_string(answer->status));
  }
  return Status::Ok();
}

Deliverer::Deliverer(Store* store, DeliveryOptions options) : store_(store), options_(options) {}

Deliverer::~Deliverer() { Stop(); }

void Deliverer::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Deliverer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Deliverer::RunOnce(std::int64_t now) {
  auto due = store_->DueDeliveries(now, kBatch);
  if (!due.ok()) {
    std::cerr << "gazette: webhooks: " << due.status().message() << "\n";
    return 0;
  }
  int accepted = 0;
  for (const Delivery& delivery : *due) {
    Status sent = PostJson(delivery.webhook, WebhookBody(delivery), options_.timeout_s);
    if (sent.ok()) {
      store_->MarkDelivered(delivery.match.seq);
      ++accepted;
      continue;
    }
    const int failures = delivery.attempts + 1;
    std::int64_t next = 0;  // given up
    if (failures < options_.max_attempts) {
      const std::int64_t backoff =
          std::min(options_.max_backoff_s, options_.first_backoff_s << std::min(failures - 1, 30));
      next = now + backoff;
    }
    std::cerr << "gazette: webhook for saved search " << delivery.match.search_id << " failed ("
              << sent.message() << ")" << (next == 0 ? "; given up" : "; will retry") << "\n";
    store_->MarkFailed(delivery.match.seq, next);
  }
  return accepted;
}

void Deliverer::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunOnce(static_cast<std::int64_t>(std::time(nullptr)));
    lock.lock();
    wake_.wait_for(lock, options_.poll, [this] { return stopping_; });
  }
}

}  // namespace gazette::alerts
