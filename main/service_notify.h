// Tells a supervising systemd how `gazette serve` is doing (sd_notify): ready, reloading,
// stopping. Without NOTIFY_SOCKET in the environment every call does nothing.
#ifndef GAZETTE_MAIN_SERVICE_NOTIFY_H_
#define GAZETTE_MAIN_SERVICE_NOTIFY_H_

#include <string>

namespace gazette {

// READY=1 with a one-line status ("serving DB on http://HOST:PORT/").
void NotifyReady(const std::string& status);

// RELOADING=1: settings are being re-read; follow with NotifyReady.
void NotifyReloading();

// STOPPING=1: the server is draining its requests and will exit.
void NotifyStopping();

}  // namespace gazette

#endif  // GAZETTE_MAIN_SERVICE_NOTIFY_H_
