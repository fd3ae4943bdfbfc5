// Percent-encoding of URL components.
#include "base/percent.h"

namespace gazette {

std::string PercentEncode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto plain = [&](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' ||
           keep.find(static_cast<char>(c)) != std::string_view::npos;
  };
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    if (plain(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace gazette
