// `gazette serve`: the HTTP server over the database.
#include <atomic>
#include <iostream>
#include <memory>
#include <optional>

#include "alerts/webhook.h"
#include "main/cli_choices.h"
#include "main/commands.h"
#include "main/service_notify.h"
#include "main/settings_reload.h"
#include "query/request_rules.h"
#include "web/server.h"

namespace gazette {
namespace {

// Settings that no combination of flags and gazette.yaml may break; the message names
// the flag, or is empty when everything is usable.
std::string CheckSettings(const Config& c) {
  if (c.limits.max_per_page < 1) return "--max-per-page: must be at least 1";
  if (c.limits.max_page_depth < c.limits.max_per_page) {
    return "--max-page-depth: must be at least --max-per-page (" +
           std::to_string(c.limits.max_per_page) + ")";
  }
  if (c.limits.max_query_bytes < 1) return "--max-query-bytes: must be at least 1";
  if (c.limits.time_limit_s < 0) return "--time-limit-ms: must not be negative";
  if (c.ranking.quality < 0) return "--quality-weight: must not be negative";
  if (c.ranking.recency < 0) return "--recency-weight: must not be negative";
  if (c.ranking.half_life_days <= 0) return "--half-life: must be greater than 0";
  if (c.server_threads < 0) return "--threads: must not be negative";
  return "";
}

int RunServe(const Config& config, const SettingsSource& reread) {
  if (std::string error = CheckSettings(config); !error.empty()) {
    std::cerr << "gazette serve: " << error << "\n";
    return kExitUsage;
  }
  web::ServerOptions options;
  options.db_path = config.db;
  const std::size_t colon = config.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "gazette serve: --listen: expected HOST:PORT, got '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.host = config.listen.substr(0, colon);
  try {
    options.port = std::stoi(config.listen.substr(colon + 1));
  } catch (const std::exception&) {
    options.port = -1;
  }
  if (options.port < 0 || options.port > 65535) {
    std::cerr << "gazette serve: --listen: bad port in '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.threads = config.server_threads;
  options.limits = config.limits;
  options.ranking = config.ranking;
  options.admin_token = config.admin_token;
  options.log_format = *web::ParseLogFormat(config.log_format);
  options.log_level = *web::ParseLogLevel(config.log_level);
  options.live_settings =
      std::make_shared<web::LiveSettings>(web::RequestSettings{config.ranking, config.limits});
  auto port = std::make_shared<std::atomic<int>>(0);
  auto ready_status = [db = config.db, host = options.host, port] {
    return "serving " + db + " on http://" + host + ":" + std::to_string(port->load()) + "/";
  };
  options.on_listening = [port, ready_status](int bound, const std::function<void()>&) {
    port->store(bound);
    NotifyReady(ready_status());
  };
  SettingsReload reload(reread, config, options.live_settings, ready_status);
  // Saved searches: the store beside the database, and the webhook queue it holds.
  std::unique_ptr<alerts::Deliverer> deliverer;
  auto store = alerts::Store::Open(alerts::StorePathFor(config.db));
  if (store.ok()) {
    options.alerts = std::move(*store);
    deliverer = std::make_unique<alerts::Deliverer>(options.alerts.get());
    deliverer->Start();
  } else {
    std::cerr << "gazette serve: saved searches are off: " << store.status().message() << "\n";
  }
  Status status = web::Serve(options);
  if (deliverer) deliverer->Stop();
  NotifyStopping();
  if (!status.ok()) {
    std::cerr << "gazette serve: " << status.message() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace

Command AddServeCommand(CLI::App* parent) {
  // Unset flags keep the gazette.yaml value (or the built-in default).
  struct Flags {
    std::optional<std::string> listen;
    std::optional<int> threads;
    std::optional<std::string> admin_token;
    std::optional<int> max_per_page;
    std::optional<int> max_page_depth;
    std::optional<std::size_t> max_query_bytes;
    std::optional<double> time_limit_ms;
    std::optional<double> quality;
    std::optional<double> recency;
    std::optional<double> half_life;
    std::optional<std::string> decay;
    std::optional<std::string> match;
    std::optional<std::string> log_format;
    std::optional<std::string> log_level;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = parent->add_subcommand("serve", "Serve the search page and JSON API over HTTP");
  app->option_defaults()->group("Server (server.*)");
  app->add_option("--listen", flags->listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->type_name("HOST:PORT")
      ->default_str("127.0.0.1:8080");
  app->add_option("--threads", flags->threads,
                  "Worker threads, each with its own searcher (0: one per core, at least 2)")
      ->check(CLI::NonNegativeNumber)
      ->default_str("0");
  app->add_option("--admin-token", flags->admin_token,
                  "Token that admin actions require (empty: admin actions disabled)")
      ->type_name("TOKEN");
  app->add_option("--log-format", flags->log_format, "Access log lines on stderr")
      ->check(OneOf({"text", "json"}))
      ->type_name("FORMAT")
      ->default_str("text");
  app->add_option("--log-level", flags->log_level,
                  "Least level logged: access lines are info, 5xx lines error")
      ->check(OneOf({"debug", "info", "warn", "error", "off"}))
      ->type_name("LEVEL")
      ->default_str("info");
  app->option_defaults()->group("Limits per request (limits.*)");
  app->add_option("--max-per-page", flags->max_per_page, "Largest per_page a request may ask for")
      ->check(CLI::PositiveNumber)
      ->default_str("100");
  app->add_option("--max-page-depth", flags->max_page_depth,
                  "Deepest result served: page * per_page may not exceed it")
      ->check(CLI::PositiveNumber)
      ->default_str("1000");
  app->add_option("--max-query-bytes", flags->max_query_bytes, "Longest query text, in bytes")
      ->check(CLI::PositiveNumber)
      ->default_str("1024");
  app->add_option("--time-limit-ms", flags->time_limit_ms,
                  "Time per query before partial results are returned (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->default_str("2000");
  app->option_defaults()->group("Ranking defaults; requests may override each (ranking.*)");
  app->add_option("--quality-weight", flags->quality, "Weight of quality in the score")
      ->check(CLI::NonNegativeNumber)
      ->default_str("1");
  app->add_option("--recency-weight", flags->recency, "Weight of recency in the score at age 0")
      ->check(CLI::NonNegativeNumber)
      ->default_str("2");
  app->add_option("--half-life", flags->half_life, "Age in days at which recency is halved")
      ->check(CLI::PositiveNumber)
      ->type_name("DAYS")
      ->default_str("30");
  app->add_option("--decay", flags->decay, "Shape of the recency decay")
      ->check(OneOf({"exponential", "gaussian"}))
      ->default_str("exponential");
  app->add_option("--match", flags->match, "Which words of a query must match (docs/relevance.md)")
      ->check(OneOf({"auto", "all", "any"}))
      ->type_name("MODE")
      ->default_str("auto");
  app->footer(
      "Every option is also a gazette.yaml setting (docs/cli.md); an option given here "
      "overrides the file.\n\nExamples:\n  gazette serve --db news.db\n  gazette serve "
      "--db news.db --listen 0.0.0.0:8080 --threads 8\n  gazette --config "
      "/etc/gazette/gazette.yaml serve\n\nSIGHUP re-reads gazette.yaml: ranking defaults and "
      "request limits apply to the requests that follow (docs/operations.md).");
  // The settings of a run: gazette.yaml (or the defaults), then the flags over it.
  auto apply = [flags](Config c) {
    const Flags& f = *flags;
    if (f.listen) c.listen = *f.listen;
    if (f.threads) c.server_threads = *f.threads;
    if (f.admin_token) c.admin_token = *f.admin_token;
    if (f.max_per_page) c.limits.max_per_page = *f.max_per_page;
    if (f.max_page_depth) c.limits.max_page_depth = *f.max_page_depth;
    if (f.max_query_bytes) c.limits.max_query_bytes = *f.max_query_bytes;
    if (f.time_limit_ms) c.limits.time_limit_s = *f.time_limit_ms / 1000.0;
    if (f.quality) c.ranking.quality = *f.quality;
    if (f.recency) c.ranking.recency = *f.recency;
    if (f.half_life) c.ranking.half_life_days = *f.half_life;
    if (f.decay) {
      c.ranking.decay =
          *f.decay == "gaussian" ? query::Decay::kGaussian : query::Decay::kExponential;
    }
    if (f.match) c.ranking.match = *query::ParseMatchMode(*f.match);
    if (f.log_format) c.log_format = *f.log_format;
    if (f.log_level) c.log_level = *f.log_level;
    return c;
  };
  return {app, [apply](const Config& config) {
            // SIGHUP: the file again, the same flags over it; the database stays.
            SettingsSource reread = [apply, config]() -> Result<Config> {
              Config fresh;
              if (!config.path.empty()) {
                auto loaded = LoadConfig(config.path);
                if (!loaded.ok()) return loaded.status();
                fresh = *loaded;
                fresh.path = config.path;
              }
              fresh.db = config.db;
              fresh = apply(fresh);
              if (std::string error = CheckSettings(fresh); !error.empty()) {
                return Status::InvalidArgument(error);
              }
              return fresh;
            };
            return RunServe(apply(config), reread);
          }};
}

}  // namespace gazette
