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
  if (extension == ".csv") {
    *format = InputFormat::kCsv;
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

// Appends one file found under a directory; a symbolic link that leads nowhere is
// skipped with the reason.
void AddEntry(const fs::directory_entry& entry, const std::string& root, InputFormat format,
              std::vector<InputFile>* out, std::vector<Diagnostic>* skipped) {
  std::error_code error;
  const fs::file_status status = entry.status(error);
  if (error || !fs::exists(status)) {
    const bool loop = error == std::errc::too_many_symbolic_link_levels;
    std::error_code link_error;
    if (entry.is_symlink(link_error) && skipped != nullptr) {
      skipped->push_back(
          {entry.path().string(), 0,
           loop ? "symbolic link loop, not an article" : "dangling symbolic link, not an article"});
    }
    return;
  }
  if (!fs::is_regular_file(status)) return;
  InputFile file;
  file.path = entry.path().string();
  file.relative = entry.path().lexically_relative(root).generic_string();
  file.format = format;
  file.size = entry.file_size(error);
  if (error) {
    if (skipped != nullptr) skipped->push_back({file.path, 0, error.message()});
    return;
  }
  out->push_back(std::move(file));
}

// Adds the input files under the directory `root` to *out. Only `root` itself must be
// readable: a subdirectory that cannot be read goes to *skipped.
Status WalkDirectory(const std::string& root, std::vector<InputFile>* out,
                     std::vector<Diagnostic>* skipped) {
  std::vector<fs::path> pending{root};
  bool top = true;
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code error;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      if (IsHidden(entry.path())) continue;
      std::error_code type_error;
      // Directory symbolic links are not followed (as before: no cycles).
      if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
        pending.push_back(entry.path());
        continue;
      }
      InputFormat format;
      if (FormatOf(entry.path(), &format)) AddEntry(entry, root, format, out, skipped);
    }
    if (error) {
      if (top) return ErrorFor(dir.string(), error);
      if (skipped != nullptr) {
        skipped->push_back({dir.string(), 0, "cannot read directory: " + error.message()});
      }
    }
    top = false;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths,
                                          std::vector<Diagnostic>* skipped) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) return ErrorFor(path, error);
    if (fs::is_directory(status)) {
      if (Status walked = WalkDirectory(path, &files, skipped); !walked.ok()) return walked;
      continue;
    }
    InputFile file;
    // A file named explicitly is read whatever its name, as Markdown unless it is .jsonl
    // or .csv.
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
  if (skipped != nullptr) {
    std::sort(skipped->begin(), skipped->end(),
              [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
  }
  return files;
}

Result<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes,
                                  Diagnostic* problem) {
  StatusCode code = StatusCode::kIoError;
  auto fail = [&](StatusCode c, std::string why) -> Status {
    if (problem != nullptr) *problem = {path, 0, why};
    return Status(c, path + ": " + why);
  };
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) return fail(code, std::strerror(errno));
  std::error_code error;
  if (fs::is_directory(path, error)) return fail(code, "is a directory");
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > max_bytes) {
    return fail(StatusCode::kInvalidArgument, "file is too large: " + std::to_string(size) +
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
      return fail(StatusCode::kInvalidArgument,
                  "file is too large: more than " + std::to_string(max_bytes) + " bytes");
    }
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return fail(code, "read failed");
  return bytes;
}

}  // namespace gazette::corpus
