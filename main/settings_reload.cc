// SIGHUP reloads of the request settings; what needs a restart is named, not applied.
#include "main/settings_reload.h"

#include <iostream>
#include <sstream>

#include "main/service_notify.h"

namespace gazette {

SettingsReload::SettingsReload(SettingsSource read, Config running,
                               std::shared_ptr<web::LiveSettings> live,
                               std::function<std::string()> ready_status)
    : read_(std::move(read)),
      running_(std::move(running)),
      live_(std::move(live)),
      ready_status_(std::move(ready_status)),
      signal_([this] { Reload(); }) {}

void SettingsReload::Reload() {
  NotifyReloading();
  auto fresh = read_();
  if (!fresh.ok()) {
    std::cerr << "gazette: reload refused, the running settings stay: " << fresh.status().message()
              << "\n";
    NotifyReady(ready_status_());
    return;
  }
  const Config& c = *fresh;
  std::ostringstream restart;
  auto note = [&restart](bool changed, const char* name) {
    if (changed) restart << (restart.tellp() > 0 ? ", " : "") << name;
  };
  note(c.listen != running_.listen, "server.listen");
  note(c.server_threads != running_.server_threads, "server.threads");
  note(c.admin_token != running_.admin_token, "server.admin_token");
  note(c.limits.time_limit_s != running_.limits.time_limit_s, "limits.time_limit_ms");
  note(c.limits.facet_sample_above != running_.limits.facet_sample_above,
       "limits.facet_sample_above");
  note(c.limits.facet_sample_size != running_.limits.facet_sample_size, "limits.facet_sample_size");
  note(c.limits.parallel_above != running_.limits.parallel_above, "limits.parallel_above");
  // Searchers keep the limits they were opened with; requests take the new ones.
  query::Limits limits = running_.limits;
  limits.max_per_page = c.limits.max_per_page;
  limits.max_page_depth = c.limits.max_page_depth;
  limits.max_query_bytes = c.limits.max_query_bytes;
  live_->Set({c.ranking, limits});
  std::cerr << "gazette: reloaded " << (c.path.empty() ? "the built-in settings" : c.path)
            << ": ranking defaults and request limits apply to new requests";
  if (restart.tellp() > 0)
    std::cerr << "; changed but applied only by a restart: " << restart.str();
  std::cerr << "\n";
  NotifyReady(ready_status_());
}

}  // namespace gazette
