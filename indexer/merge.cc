// Merging partitions with Xapian's compactor.
#include "indexer/merge.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include <xapian.h>

#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

namespace fs = std::filesystem;

// Resolves metadata keys present in more than one partition. The compactor's default
// keeps the first value; the topic-slot count must be the largest, the oldest schema
// the smallest.
class PartitionCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                         const std::string tags[]) override {
    // Glass hands over the key as stored, behind its metadata prefix.
    auto is = [&key](std::string_view name) {
      return key.size() >= name.size() &&
             key.compare(key.size() - name.size(), name.size(), name) == 0;
    };
    const bool largest = is(schema::kMetaMaxTopics);
    if (!largest && !is(schema::kMetaOldestSchema)) return tags[0];
    int value = std::atoi(tags[0].c_str());
    for (size_t i = 1; i < num_tags; ++i) {
      const int v = std::atoi(tags[i].c_str());
      value = largest ? std::max(value, v) : std::min(value, v);
    }
    return std::to_string(value);
  }
};

Status SyncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path.string() + ": cannot open: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Status::IoError(path.string() + ": fsync failed: " + std::strerror(err));
  return Status::Ok();
}

}  // namespace

Status MergePartitions(const std::vector<std::string>& inputs, const std::string& output) {
  try {
    Xapian::Database all;
    for (const std::string& in : inputs) all.add_database(Xapian::Database(in));
    PartitionCompactor compactor;
    all.compact(output, 0, 0, compactor);
    all.close();
  } catch (const Xapian::Error& e) {
    return Status::IoError(output + ": merging partitions failed: " + e.get_description());
  }
  for (const std::string& in : inputs) {
    std::error_code ec;
    fs::remove_all(in, ec);
    if (ec) return Status::IoError(in + ": cannot remove partition: " + ec.message());
  }
  return Status::Ok();
}

Status SyncDatabase(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    Status s = SyncPath(entry.path(), false);
    if (!s.ok()) return s;
  }
  if (ec) return Status::IoError(dir + ": cannot list: " + ec.message());
  return SyncPath(dir, true);
}

}  // namespace gazette::indexer
