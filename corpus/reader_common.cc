// Checks both readers apply to an article's raw bytes, and the located error format.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "corpus/encoding.h"
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

// `text` with control characters (C0, DEL, C1), backslashes and ill-formed UTF-8
// escaped.
std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::size_t invalid = FindInvalidUtf8(text);
    const std::string_view valid = text.substr(0, invalid);
    for (std::size_t i = 0; i < valid.size(); ++i) {
      const char ch = valid[i];
      const auto c = static_cast<unsigned char>(ch);
      if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
        // A C1 control (U+0080..U+009F, e.g. the one-byte CSI of some terminals).
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(valid[++i]));
        out.append(buf);
      } else if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out.append(buf);
      } else {
        out.push_back(ch);
      }
    }
    if (invalid == std::string_view::npos) break;
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[invalid]));
    out.append(buf);
    text.remove_prefix(invalid + 1);
  }
  return out;
}

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = Escaped(path);
  if (line > 0) out.append(":").append(std::to_string(line));
  return out.append(": ").append(Escaped(message));
}

std::optional<std::string_view> PrepareArticleBytes(std::string_view bytes, const std::string& path,
                                                    int first_line, std::string* storage,
                                                    std::vector<Diagnostic>* warnings,
                                                    Diagnostic* problem,
                                                    const std::string& encoding) {
  if (bytes.size() > kDefaultMaxArticleBytes) {
    *problem = {path, first_line,
                "article is too large: " + std::to_string(bytes.size()) + " bytes, limit " +
                    std::to_string(kDefaultMaxArticleBytes)};
    return std::nullopt;
  }
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    *problem = {path, LineOf(bytes, offset, first_line),
                "binary content, not an article (NUL byte)"};
    return std::nullopt;
  }
  const auto controls =
      static_cast<std::size_t>(std::count_if(bytes.begin(), bytes.end(), [](char c) {
        return IsJunkControl(static_cast<unsigned char>(c));
      }));
  // Real text has next to no control characters; a tenth of them means a binary file.
  if (controls > 0 && controls * 10 >= bytes.size()) {
    *problem = {path, first_line, "binary content, not an article (control characters)"};
    return std::nullopt;
  }
  const std::size_t invalid = FindInvalidUtf8(bytes);
  if (invalid == std::string_view::npos) return bytes;
  storage->assign(bytes);
  const Decoding decoding = DecodeToUtf8(storage, encoding);
  if (warnings != nullptr) {
    warnings->push_back({path, LineOf(bytes, invalid, first_line), decoding.Describe()});
  }
  return std::string_view(*storage);
}

}  // namespace gazette::corpus
