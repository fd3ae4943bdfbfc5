// Webhook delivery against a local HTTP server: a match is POSTed as JSON, retried with
// doubling backoff while the receiver fails, and given up after max_attempts.
#include "alerts/webhook.h"

#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/test_support.h"

namespace gazette::alerts {
namespace {

// A receiver answering 500 to its first `failures` requests, then 200.
class Receiver {
 public:
  explicit Receiver(int failures) : failures_(failures) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      bodies_.push_back(req.body);
      res.status = static_cast<int>(bodies_.size()) <= failures_ ? 500 : 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }

 private:
  const int failures_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

std::string Hooked(Store& store, const std::string& url) {
  SavedSearch search;
  search.name = "Cocoa watch";
  search.request.query = "cocoa";
  search.webhook = url;
  const std::string id = store.Create(search).value().id;
  Match match;
  match.search_id = id;
  match.change = "added";
  match.matched_at = 1800000000;
  match.article.id = "https://e/1";
  match.article.title = "Cocoa rises";
  REQUIRE(store.Record({match}).ok());
  return id;
}

TEST_CASE("A failing webhook is retried with doubling backoff until accepted", "[webhook]") {
  testing::TempDir dir;
  auto store = Store::Open((dir.path() / "db.alerts").string()).value();
  Receiver receiver(2);
  const std::string id = Hooked(*store, receiver.url());
  Deliverer deliverer(store.get(), DeliveryOptions{});
  CHECK(deliverer.RunOnce(1000) == 0);  // 500: next try at 1001
  CHECK(deliverer.RunOnce(1000) == 0);
  CHECK(receiver.bodies().size() == 1);
  CHECK(deliverer.RunOnce(1001) == 0);  // 500 again: next at 1003
  CHECK(deliverer.RunOnce(1002) == 0);
  CHECK(receiver.bodies().size() == 2);
  CHECK(deliverer.RunOnce(1003) == 1);
  CHECK(deliverer.RunOnce(99999) == 0);  // delivered once only
  const auto bodies = receiver.bodies();
  REQUIRE(bodies.size() == 3);
  const auto body = nlohmann::json::parse(bodies.back());
  CHECK(body["saved_search"]["id"] == id);
  CHECK(body["saved_search"]["name"] == "Cocoa watch");
  CHECK(body["article"]["title"] == "Cocoa rises");
  CHECK(body["change"] == "added");
}

TEST_CASE("A webhook that keeps failing is given up after max_attempts", "[webhook]") {
  testing::TempDir dir;
  auto store = Store::Open((dir.path() / "db.alerts").string()).value();
  Receiver receiver(1000);
  Hooked(*store, receiver.url());
  DeliveryOptions options;
  options.max_attempts = 3;
  Deliverer deliverer(store.get(), options);
  for (std::int64_t now = 1000; now < 1100; ++now) deliverer.RunOnce(now);
  CHECK(receiver.bodies().size() == 3);
}

TEST_CASE("The delivery thread sends what is due", "[webhook]") {
  testing::TempDir dir;
  auto store = Store::Open((dir.path() / "db.alerts").string()).value();
  Receiver receiver(0);
  Hooked(*store, receiver.url());
  DeliveryOptions options;
  options.poll = std::chrono::milliseconds(20);
  Deliverer deliverer(store.get(), options);
  deliverer.Start();
  for (int i = 0; i < 250 && receiver.bodies().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  deliverer.Stop();
  CHECK(receiver.bodies().size() == 1);
}

TEST_CASE("Webhook URLs must be http or https", "[webhook]") {
  CHECK(CheckWebhookUrl("http://127.0.0.1:8080/hook").ok());
  CHECK(CheckWebhookUrl("https://hooks.example/a?b=c").ok());
  CHECK(CheckWebhookUrl("ftp://x/y").code() == StatusCode::kInvalidArgument);
  CHECK(CheckWebhookUrl("http://").code() == StatusCode::kInvalidArgument);
  CHECK(CheckWebhookUrl("http://a b/").code() == StatusCode::kInvalidArgument);
  CHECK(CheckWebhookUrl("hook").code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gazette::alerts
