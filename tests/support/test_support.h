// Shared test helpers: scratch directories, the shared real corpora, article builders.
#ifndef GAZETTE_TESTS_SUPPORT_TEST_SUPPORT_H_
#define GAZETTE_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "base/percent.h"

namespace gazette::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("gazette-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string Sub(const std::string& relative) const { return (path_ / relative).string(); }

  // Writes `bytes` to `relative` (creating parent folders) and returns its full path.
  std::string Write(const std::string& relative, std::string_view bytes) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// The shared real corpora directory, or "" when it is absent (tests then skip).
inline std::string SharedCorpora() {
  const std::string dir = GAZETTE_SHARED_CORPORA;
  return std::filesystem::is_directory(dir) ? dir : std::string();
}

// `arg` quoted for a POSIX shell.
inline std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// What a command printed on stdout, and its exit status (-1 when it did not exit).
struct CommandOutput {
  int status = -1;
  std::string out;
};

// Runs the gazette binary with `args` (already shell-quoted); stderr is discarded.
inline CommandOutput RunGazette(const std::string& args) {
  CommandOutput r;
  const std::string command = ShellQuote(GAZETTE_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

// Percent-encodes everything but unreserved characters, as a browser's
// encodeURIComponent does.
inline std::string EncodeComponent(const std::string& text) { return PercentEncode(text); }

// A loopback TCP port nobody listens on now (bound once and closed again).
inline int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// A Markdown article in the input format, for tests that write corpora.
inline std::string MarkdownArticle(const std::string& title, const std::string& body,
                                   const std::string& extra_front_matter = "") {
  return "---\ntitle: \"" + title + "\"\n" + extra_front_matter + "---\n\n" + body + "\n";
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_SUPPORT_TEST_SUPPORT_H_
