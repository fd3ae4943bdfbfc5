// Tests for corpus/files.cc: listing input files and reading them.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::corpus {
namespace {

using testing::TempDir;

TEST_CASE("ListInputs walks directories for article files - sorted - hidden skipped", "[files]") {
  TempDir dir;
  dir.Write("b/two.markdown", "---\ntitle: t\n---\n");
  dir.Write("a.md", "12345");
  dir.Write("c/d/feed.jsonl", "{}\n");
  dir.Write("UPPER.MD", "x");
  dir.Write("notes.txt", "not an article");
  dir.Write(".hidden.md", "skipped");
  dir.Write(".git/inside.md", "skipped");
  const std::string root = dir.path().string();

  const Result<std::vector<InputFile>> files = ListInputs({root});
  REQUIRE(files.ok());
  std::vector<std::string> relative;
  for (const InputFile& f : *files) relative.push_back(f.relative);
  CHECK(relative ==
        std::vector<std::string>{"UPPER.MD", "a.md", "b/two.markdown", "c/d/feed.jsonl"});
  CHECK((*files)[1].path == root + "/a.md");
  CHECK((*files)[1].size == 5);
  CHECK((*files)[1].format == InputFormat::kMarkdown);
  CHECK((*files)[3].format == InputFormat::kJsonLines);
}

TEST_CASE("ListInputs names dangling and looping article links as skipped", "[files]") {
  TempDir dir;
  dir.Write("real.md", "---\ntitle: t\n---\n");
  std::filesystem::create_symlink(dir.Sub("gone.md"), dir.Sub("dangling.md"));
  std::filesystem::create_symlink(dir.Sub("loop-b.md"), dir.Sub("loop-a.md"));
  std::filesystem::create_symlink(dir.Sub("loop-a.md"), dir.Sub("loop-b.md"));
  std::filesystem::create_symlink(dir.Sub("nothing"), dir.Sub("notes.txt"));  // not an input
  std::filesystem::create_symlink(dir.Sub("real.md"), dir.Sub("alias.md"));

  std::vector<Diagnostic> skipped;
  const Result<std::vector<InputFile>> files = ListInputs({dir.path().string()}, &skipped);
  REQUIRE(files.ok());
  std::vector<std::string> relative;
  for (const InputFile& f : *files) relative.push_back(f.relative);
  CHECK(relative == std::vector<std::string>{"alias.md", "real.md"});
  REQUIRE(skipped.size() == 3);
  CHECK(skipped[0].path == dir.Sub("dangling.md"));
  CHECK(skipped[0].message == "dangling symbolic link, not an article");
  CHECK(skipped[1].path == dir.Sub("loop-a.md"));
  CHECK(skipped[1].message == "symbolic link loop, not an article");
  CHECK(skipped[2].path == dir.Sub("loop-b.md"));
}

// Runs ListInputs on `root` as a user the mode-000 folder shuts out: root reads every
// folder whatever its mode, so as root a child process drops to "nobody" first.
// Returns the skipped paths and the listed relative paths, one per line.
std::string ListAsUnprivileged(const std::string& root) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(2);
    std::vector<Diagnostic> skipped;
    const auto files = ListInputs({root}, &skipped);
    std::string out = files.ok() ? "ok\n" : "failed: " + files.status().message() + "\n";
    for (const Diagnostic& d : skipped) out += "skipped " + d.path + ": " + d.message + "\n";
    if (files.ok()) {
      for (const InputFile& f : *files) out += "listed " + f.relative + "\n";
    }
    const ssize_t written = ::write(fds[1], out.data(), out.size());
    ::_exit(written == static_cast<ssize_t>(out.size()) ? 0 : 3);
  }
  ::close(fds[1]);
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return out;
}

TEST_CASE("ListInputs skips an unreadable folder by name and lists the rest", "[files]") {
  TempDir dir;
  dir.Write("a/one.md", "x");
  dir.Write("locked/inner/two.md", "x");
  dir.Write("z.md", "x");
  namespace fs = std::filesystem;
  // Readable by anyone (the unprivileged child) except the locked folder.
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    fs::permissions(entry.path(), fs::perms::all, fs::perm_options::add);
  }
  fs::permissions(dir.path(), fs::perms::all, fs::perm_options::add);
  REQUIRE(::chmod(dir.Sub("locked").c_str(), 0) == 0);

  const std::string out = ListAsUnprivileged(dir.path().string());
  ::chmod(dir.Sub("locked").c_str(), 0755);
  CHECK(out == "ok\nskipped " + dir.Sub("locked") +
                   ": cannot read directory: Permission denied\nlisted a/one.md\nlisted z.md\n");
}

TEST_CASE("ListInputs takes files named directly and drops repeats", "[files]") {
  TempDir dir;
  const std::string md = dir.Write("sub/one.md", "abc");
  const std::string jsonl = dir.Write("feed.jsonl", "{}");
  const Result<std::vector<InputFile>> files = ListInputs({md, jsonl, md});
  REQUIRE(files.ok());
  REQUIRE(files->size() == 2);
  CHECK((*files)[0].path == jsonl);
  CHECK((*files)[0].relative == "feed.jsonl");
  CHECK((*files)[0].format == InputFormat::kJsonLines);
  CHECK((*files)[1].relative == "one.md");
  CHECK((*files)[1].size == 3);
}

TEST_CASE("ListInputs reports a missing path by name", "[files]") {
  TempDir dir;
  const std::string missing = (dir.path() / "nope").string();
  const Result<std::vector<InputFile>> files = ListInputs({dir.path().string(), missing});
  REQUIRE_FALSE(files.ok());
  CHECK(files.status().code() == StatusCode::kNotFound);
  CHECK_THAT(files.status().message(), Catch::Contains(missing));
}

TEST_CASE("ReadFileBytes reads whole files and enforces the limit", "[files]") {
  TempDir dir;
  const std::string bytes("binary\0and text\r\n", 17);
  const std::string path = dir.Write("f.md", bytes);

  const Result<std::string> read = ReadFileBytes(path, 1024);
  REQUIRE(read.ok());
  CHECK(*read == bytes);

  const Result<std::string> exact = ReadFileBytes(path, bytes.size());
  CHECK(exact.ok());

  const Result<std::string> big = ReadFileBytes(path, 10);
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().code() == StatusCode::kInvalidArgument);
  CHECK(big.status().message() == path + ": file is too large: 17 bytes, limit 10");

  const std::string empty = dir.Write("empty.md", "");
  const Result<std::string> none = ReadFileBytes(empty, 10);
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("ReadFileBytes reports unreadable paths as IoError", "[files]") {
  TempDir dir;
  const std::string missing = (dir.path() / "missing.md").string();
  const Result<std::string> absent = ReadFileBytes(missing, 100);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.status().code() == StatusCode::kIoError);
  CHECK_THAT(absent.status().message(), Catch::StartsWith(missing + ": "));

  const Result<std::string> directory = ReadFileBytes(dir.path().string(), 100);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().code() == StatusCode::kIoError);
  CHECK_THAT(directory.status().message(), Catch::Contains(dir.path().string()));
}

}  // namespace
}  // namespace gazette::corpus
