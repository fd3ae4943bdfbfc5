// Finding input files under the paths given on the command line, and reading them.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "corpus/reader.h"

namespace gazette::corpus {
namespace fs = std::filesystem;
namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The format a file name implies, if it is an input file at all.
bool FormatOf(const fs::path& path, InputFormat* format) {
  const std::string extension = Lower(path.extension().string());
  if (extension == ".md" || extension == ".markdown") {
    *format = InputFormat::kMarkdown;
    return true;
  }
  if (extension == ".jsonl") {
    *format = InputFormat::kJsonLines;
    return true;
  }
  return false;
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

Status ErrorFor(const std::string& path, const std::error_code& error) {
  if (error == std::errc::no_such_file_or_directory) {
    return Status::NotFound(path + ": no such file or directory");
  }
  return Status::IoError(path + ": " + error.message());
}

// Adds the input files under the directory `root` to *out.
Status WalkDirectory(const std::string& root, std::vector<InputFile>* out) {
  std::error_code error;
  fs::recursive_directory_iterator it(root, error);
  if (error) return ErrorFor(root, error);
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    const fs::directory_entry& entry = *it;
    if (IsHidden(entry.path())) {
      if (entry.is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    InputFormat format;
    if (!FormatOf(entry.path(), &format) || !entry.is_regular_file(error)) continue;
    InputFile file;
    file.path = entry.path().string();
    file.relative = entry.path().lexically_relative(root).generic_string();
    file.format = format;
    file.size = entry.file_size(error);
    if (error) return ErrorFor(file.path, error);
    out->push_back(std::move(file));
  }
  if (error) return ErrorFor(root, error);
  return Status::Ok();
}

}  // namespace

Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) return ErrorFor(path, error);
    if (fs::is_directory(status)) {
      if (Status walked = WalkDirectory(path, &files); !walked.ok()) return walked;
      continue;
    }
    InputFile file;
    // A file named explicitly is read whatever its name, as Markdown unless it is .jsonl.
    if (!FormatOf(path, &file.format)) file.format = InputFormat::kMarkdown;
    file.path = path;
    file.relative = fs::path(path).filename().generic_string();
    file.size = fs::file_size(path, error);
    if (error) return ErrorFor(path, error);
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const InputFile& a, const InputFile& b) { return a.path == b.path; }),
              files.end());
  return files;
}

Result<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes) {
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Status::IoError(path + ": " + std::strerror(errno));
  std::error_code error;
  if (fs::is_directory(path, error)) return Status::IoError(path + ": is a directory");
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > max_bytes) {
    return Status::InvalidArgument(path + ": file is too large: " + std::to_string(size) +
                                   " bytes, limit " + std::to_string(max_bytes));
  }
  std::string bytes;
  if (!error) bytes.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.append(buffer, n);
    if (bytes.size() > max_bytes) {
      // The file grew, or it is a device or pipe that does not report a size.
      return Status::InvalidArgument(path + ": file is too large: more than " +
                                     std::to_string(max_bytes) + " bytes");
    }
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return Status::IoError(path + ": read failed");
  return bytes;
}

}  // namespace gazette::corpus
