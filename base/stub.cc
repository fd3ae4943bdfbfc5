// Reading Xapian stub files.
#include "base/stub.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gazette {

namespace fs = std::filesystem;

Result<Stub> ReadStub(const std::string& path) {
  Stub stub;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    stub.shards.push_back(path);
    return stub;
  }
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no database here");
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot read");
  const fs::path dir = fs::path(path).parent_path();
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    stub.text += line + "\n";
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string type, target;
    words >> type >> target;
    if (type != "auto" && type != "glass") {
      if (stub.other_line == 0) {
        stub.other_line = line_no;
        stub.other_type = type;
      }
      continue;
    }
    const fs::path shard = fs::path(target).is_absolute() ? fs::path(target) : dir / target;
    stub.shards.push_back(shard.lexically_normal().string());
  }
  return stub;
}

}  // namespace gazette
