// XML escaping with UTF-8 repair.
#include "web/xml.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace gazette::web {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence of an XML character at text[i] (ICU's
// decoder), or 0 when there is none; U+FFFE and U+FFFF are not XML characters, so they
// are replaced like ill-formed bytes.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  // Offsets relative to i keep ICU's int32_t indexes small in texts of any size.
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data() + i);
  const auto end = static_cast<int32_t>(std::min<std::size_t>(text.size() - i, U8_MAX_LENGTH));
  int32_t next = 0;
  UChar32 code_point;
  U8_NEXT(bytes, next, end, code_point);
  if (code_point < 0 || code_point == 0xFFFE || code_point == 0xFFFF) return 0;
  return static_cast<std::size_t>(next);
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t length = Utf8Length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '\'') {
      out += "&apos;";
    } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
      out += c;
    }
    i += length;
  }
  return out;
}

}  // namespace gazette::web
