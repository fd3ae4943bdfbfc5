// sd_notify from libsystemd; thread-safe, and a no-op outside a Type=notify service.
#include "main/service_notify.h"

#include <systemd/sd-daemon.h>

namespace gazette {

void NotifyReady(const std::string& status) {
  const std::string message = "READY=1\nSTATUS=" + status;
  sd_notify(0, message.c_str());
}

void NotifyReloading() { sd_notify(0, "RELOADING=1\nSTATUS=reloading settings"); }

void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

}  // namespace gazette
