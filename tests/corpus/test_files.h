// Test helpers: a scratch directory that cleans up after itself, and the shared corpora.
#ifndef GAZETTE_TESTS_CORPUS_TEST_FILES_H_
#define GAZETTE_TESTS_CORPUS_TEST_FILES_H_

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace gazette::corpus::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("gazette-corpus-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
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

// The shared real corpora, or "" when they are not checked out next to the source tree.
inline std::string SharedCorpora() {
#ifdef GAZETTE_SHARED_CORPORA
  if (std::filesystem::is_directory(GAZETTE_SHARED_CORPORA)) return GAZETTE_SHARED_CORPORA;
#endif
  return "";
}

}  // namespace gazette::corpus::testing

#endif  // GAZETTE_TESTS_CORPUS_TEST_FILES_H_
