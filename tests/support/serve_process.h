// `gazette serve` as a child process for tests that drive the built binary, and the
// sample articles copied for them to re-index.
#ifndef GAZETTE_TESTS_SUPPORT_SERVE_PROCESS_H_
#define GAZETTE_TESTS_SUPPORT_SERVE_PROCESS_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace gazette::testing {

// `gazette --config CONFIG serve --listen 127.0.0.1:PORT` in its own process group,
// stopped with SIGTERM when destroyed.
class ServeProcess {
 public:
  ServeProcess(const std::string& config, int port) : port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      const std::string listen = "127.0.0.1:" + std::to_string(port);
      ::execl(GAZETTE_BINARY, GAZETTE_BINARY, "--config", config.c_str(), "serve", "--listen",
              listen.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ServeProcess() {
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_;
};

// Copies the first `n` articles of corpus/sample (in name order) into `to`, replacing
// files of the same name; returns their paths there.
inline std::vector<std::filesystem::path> CopySampleArticles(
    const std::filesystem::path& to, std::size_t n = std::numeric_limits<std::size_t>::max()) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e :
       fs::recursive_directory_iterator(std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample")) {
    if (e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  files.resize(std::min(n, files.size()));
  fs::create_directories(to);
  std::vector<fs::path> out;
  for (const fs::path& f : files) {
    out.push_back(to / f.filename());
    fs::copy_file(f, out.back(), fs::copy_options::overwrite_existing);
  }
  return out;
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_SUPPORT_SERVE_PROCESS_H_
