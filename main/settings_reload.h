// `gazette serve` on SIGHUP: re-reads gazette.yaml (flags still win) and swaps the
// request settings of the running server, reporting RELOADING=1 then READY=1 to systemd.
#ifndef GAZETTE_MAIN_SETTINGS_RELOAD_H_
#define GAZETTE_MAIN_SETTINGS_RELOAD_H_

#include <functional>
#include <memory>
#include <string>

#include "main/config.h"
#include "main/reload_signal.h"
#include "web/live_settings.h"

namespace gazette {

// The settings as a fresh start would read them, or InvalidArgument naming the file,
// line and key (or the flag) that is wrong.
using SettingsSource = std::function<Result<Config>()>;

// REQUIRES: constructed before the server starts its threads (see ReloadSignal).
// On each SIGHUP: the ranking defaults and request limits of `read()` go live for the
// requests that start afterwards; a bad file keeps the running settings and says why
// on stderr. Settings only a restart applies (listen, threads, admin token, the time
// and sampling limits of searchers) are reported when they changed; the database
// never changes.
class SettingsReload {
 public:
  SettingsReload(SettingsSource read, Config running, std::shared_ptr<web::LiveSettings> live,
                 std::function<std::string()> ready_status);

 private:
  void Reload();

  SettingsSource read_;
  Config running_;
  std::shared_ptr<web::LiveSettings> live_;
  std::function<std::string()> ready_status_;
  ReloadSignal signal_;  // last: its thread uses the members above
};

}  // namespace gazette

#endif  // GAZETTE_MAIN_SETTINGS_RELOAD_H_
