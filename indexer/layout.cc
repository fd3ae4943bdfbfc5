// Stub files and generation directories.
#include "indexer/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <xapian.h>

#include "base/stub.h"

namespace gazette::indexer {
namespace {

namespace fs = std::filesystem;

std::string GenerationsDir(const std::string& path) { return path + ".generations"; }

std::string GenerationName(int generation) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", generation);
  return buf;
}

std::string ShardName(int i) { return "shard-" + std::to_string(i); }

constexpr const char* kCompleteFile = "complete";

fs::path GenerationDir(const std::string& path, int generation) {
  return fs::path(GenerationsDir(path)) / GenerationName(generation);
}

// Every generation directory beside `path`, whatever state it is in, ascending.
std::vector<int> AllGenerationDirs(const std::string& path) {
  std::vector<int> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GenerationsDir(path), ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() == 6 && std::all_of(name.begin(), name.end(), ::isdigit)) {
      out.push_back(std::stoi(name));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Writes `text` to `target` through a temporary file and rename, fsyncing both.
Status WriteAtomically(const std::string& target, const std::string& text) {
  const std::string tmp = target + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(tmp + ": cannot create: " + std::strerror(errno));
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const int error = written < text.size() ? errno : ::fsync(fd) != 0 ? errno : 0;
  ::close(fd);
  if (error != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError(tmp + ": cannot write: " + std::strerror(error));
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IoError(target + ": cannot replace: " + ec.message());
  }
  // The rename itself survives a crash only once the directory is synced.
  const fs::path dir = fs::path(target).parent_path();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

// The stub text listing `shards`, relative to the directory holding the stub.
std::string StubText(const std::vector<std::string>& shards, const fs::path& stub_dir) {
  std::string text;
  for (const auto& shard : shards) {
    text += "auto " + fs::path(shard).lexically_relative(stub_dir).string() + "\n";
  }
  return text;
}

}  // namespace

std::string GenerationStub(const std::string& path, int generation) {
  return (fs::path(GenerationsDir(path)) / GenerationName(generation) / "stub").string();
}

std::vector<int> ListGenerations(const std::string& path) {
  std::vector<int> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GenerationsDir(path), ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() == 6 && std::all_of(name.begin(), name.end(), ::isdigit) &&
        fs::exists(e.path() / "stub")) {
      out.push_back(std::stoi(name));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Layout> ReadLayout(const std::string& path) {
  auto stub = ReadStub(path);
  if (!stub.ok()) return stub.status();
  if (stub->other_line != 0) {
    return Status::InvalidArgument(path + ":" + std::to_string(stub->other_line) + ": '" +
                                   stub->other_type + "' databases cannot be written by gazette");
  }
  Layout layout;
  layout.path = path;
  layout.shards = std::move(stub->shards);
  if (stub->text.empty() && !layout.shards.empty()) return layout;  // a database directory
  if (layout.shards.empty()) return Status::InvalidArgument(path + ": stub lists no database");
  // shard paths look like <path>.generations/<NNNNNN>/shard-<i>
  const fs::path gen_dir = fs::path(layout.shards.front()).parent_path();
  if (gen_dir.parent_path().filename() == fs::path(GenerationsDir(path)).filename()) {
    layout.generation = std::atoi(gen_dir.filename().c_str());
  }
  return layout;
}

namespace {

// The live generation's number, or 0 (no database, or not a generation layout).
int LiveGeneration(const std::string& path) {
  auto live = ReadLayout(path);
  return live.ok() ? live->generation : 0;
}

}  // namespace

bool IsComplete(const std::string& path, int generation) {
  std::error_code ec;
  return fs::exists(GenerationDir(path, generation) / kCompleteFile, ec);
}

void RemoveIncomplete(const std::string& path) {
  const int live = LiveGeneration(path);
  for (int g : AllGenerationDirs(path)) {
    if (g > live && !IsComplete(path, g)) {
      std::error_code ec;
      fs::remove_all(GenerationDir(path, g), ec);
    }
  }
}

Result<Layout> CreateGeneration(const std::string& path, int shards) {
  if (shards < 1 || shards > 64) return Status::InvalidArgument("shards: must be 1 to 64");
  std::vector<int> existing = AllGenerationDirs(path);
  Layout layout;
  layout.path = path;
  layout.generation = existing.empty() ? 1 : existing.back() + 1;
  const fs::path dir = fs::path(GenerationsDir(path)) / GenerationName(layout.generation);
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create: " + ec.message());
  for (int i = 0; i < shards; ++i) layout.shards.push_back((dir / ShardName(i)).string());
  Status s = WriteAtomically((dir / "stub").string(), StubText(layout.shards, dir));
  if (!s.ok()) {
    fs::remove_all(dir, ec);
    return s;
  }
  return layout;
}

Status Activate(const Layout& layout) {
  const int previous = LiveGeneration(layout.path);
  // The live generation passed its gate once (a database older than the mark gets it
  // here), and so has the one about to go live.
  for (int g : {previous, layout.generation}) {
    if (g == 0 || IsComplete(layout.path, g)) continue;
    Status s = WriteAtomically((GenerationDir(layout.path, g) / kCompleteFile).string(), "");
    if (!s.ok()) return s;
  }
  const fs::path stub_dir = fs::path(layout.path).parent_path();
  Status s =
      WriteAtomically(layout.path, StubText(layout.shards, stub_dir.empty() ? "." : stub_dir));
  if (!s.ok()) return s;
  // Keep the new generation and the one live before it (for rollback, and for
  // searchers still reading it); the others go.
  for (int g : AllGenerationDirs(layout.path)) {
    if (g == layout.generation || g == previous) continue;
    std::error_code ec;
    fs::remove_all(GenerationDir(layout.path, g), ec);
  }
  return Status::Ok();
}

Result<Layout> Rollback(const std::string& path) {
  auto live = ReadLayout(path);
  if (!live.ok()) return live.status();
  int previous = 0;
  for (int g : ListGenerations(path)) {
    if (g < live->generation && IsComplete(path, g)) previous = g;
  }
  if (previous == 0) return Status::NotFound(path + ": no earlier generation to roll back to");
  auto layout = ReadLayout(GenerationStub(path, previous));
  if (!layout.ok()) return layout.status();
  try {
    Xapian::Database check(GenerationStub(path, previous));
  } catch (const Xapian::Error& e) {
    return Status::IoError(path + ": generation " + std::to_string(previous) +
                           " does not open, not rolling back to it: " + e.get_description());
  }
  layout->path = path;
  layout->generation = previous;
  const fs::path stub_dir = fs::path(path).parent_path();
  Status s = WriteAtomically(path, StubText(layout->shards, stub_dir.empty() ? "." : stub_dir));
  if (!s.ok()) return s;
  return layout;
}

void Discard(const Layout& layout) {
  if (layout.generation == 0) return;
  std::error_code ec;
  fs::remove_all(fs::path(GenerationsDir(layout.path)) / GenerationName(layout.generation), ec);
}

}  // namespace gazette::indexer
