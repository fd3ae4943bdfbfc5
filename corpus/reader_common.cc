// Checks both readers apply to an article's raw bytes, and the located error format.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

bool IsJunkControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
}

int LineOf(std::string_view bytes, std::size_t offset, int first_line) {
  return first_line + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = path;
  if (line > 0) out.append(":").append(std::to_string(line));
  return out.append(": ").append(message);
}

Status LocatedError(const std::string& path, int line, std::string_view reason) {
  std::string message = path;
  message.append(":").append(std::to_string(line)).append(": ").append(reason);
  return Status::InvalidArgument(std::move(message));
}

Result<std::string_view> PrepareArticleBytes(std::string_view bytes, const std::string& path,
                                             int first_line, std::string* storage,
                                             std::vector<Diagnostic>* warnings) {
  if (bytes.size() > kDefaultMaxArticleBytes) {
    return LocatedError(path, first_line,
                        "article is too large: " + std::to_string(bytes.size()) + " bytes, limit " +
                            std::to_string(kDefaultMaxArticleBytes));
  }
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    return LocatedError(path, LineOf(bytes, offset, first_line),
                        "binary content, not an article (NUL byte)");
  }
  const auto controls =
      static_cast<std::size_t>(std::count_if(bytes.begin(), bytes.end(), [](char c) {
        return IsJunkControl(static_cast<unsigned char>(c));
      }));
  // Real text has next to no control characters; a tenth of them means a binary file.
  if (controls > 0 && controls * 10 >= bytes.size()) {
    return LocatedError(path, first_line, "binary content, not an article (control characters)");
  }
  const std::size_t invalid = FindInvalidUtf8(bytes);
  if (invalid == std::string_view::npos) return bytes;
  storage->assign(bytes);
  EnsureUtf8(storage);
  if (warnings != nullptr) {
    warnings->push_back(
        {path, LineOf(bytes, invalid, first_line), "not valid UTF-8; decoded as windows-1252"});
  }
  return std::string_view(*storage);
}

}  // namespace gazette::corpus
