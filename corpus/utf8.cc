// UTF-8 validation and the windows-1252 fallback for mislabelled input.
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 if there is none
// (ICU's decoder: overlong forms, surrogates and values above U+10FFFF are ill-formed).
std::size_t SequenceLength(std::string_view text, std::size_t pos) {
  // Offsets relative to pos keep ICU's int32_t indexes small in texts of any size.
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data() + pos);
  const auto end = static_cast<int32_t>(std::min<std::size_t>(text.size() - pos, U8_MAX_LENGTH));
  int32_t next = 0;
  UChar32 code_point;
  U8_NEXT(bytes, next, end, code_point);
  return code_point < 0 ? 0 : static_cast<std::size_t>(next);
}

// Length of the leading all-ASCII run, checked a word at a time.
std::size_t AsciiPrefix(std::string_view text, std::size_t pos) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  while (pos + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    if (word & kHighBits) break;
    pos += 8;
  }
  while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
  return pos;
}

void AppendUtf8(char32_t c, std::string* out) {
  std::uint8_t units[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(units, length, static_cast<UChar32>(c));
  out->append(reinterpret_cast<const char*>(units), static_cast<std::size_t>(length));
}

// UTF-8 for each byte 0x80..0xFF read as windows-1252, taken once from ICU's converter.
// Built by a thread-safe static initialiser and never written afterwards.
using HighByteTable = std::array<std::string, 128>;

HighByteTable BuildWindows1252Table() {
  HighByteTable table;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open("windows-1252", &status);
  for (int b = 0x80; b <= 0xFF; ++b) {
    char32_t code_point = static_cast<char32_t>(b);  // Latin-1, should ICU be unusable
    if (converter != nullptr && U_SUCCESS(status)) {
      const char source = static_cast<char>(b);
      UChar unit[4];
      UErrorCode convert_status = U_ZERO_ERROR;
      const int32_t n = ucnv_toUChars(converter, unit, 4, &source, 1, &convert_status);
      // windows-1252 maps every byte to one BMP character, never a surrogate pair.
      if (U_SUCCESS(convert_status) && n == 1) code_point = unit[0];
    }
    AppendUtf8(code_point, &table[b - 0x80]);
  }
  if (converter != nullptr) ucnv_close(converter);
  return table;
}

}  // namespace

std::size_t FindInvalidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (true) {
    pos = AsciiPrefix(text, pos);
    if (pos == text.size()) return std::string_view::npos;
    const std::size_t length = SequenceLength(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
}

bool EnsureUtf8(std::string* text) {
  if (IsValidUtf8(*text)) return false;
  static const HighByteTable kWindows1252 = BuildWindows1252Table();
  // Byte by byte rather than the whole text: files that are mostly UTF-8 with a stray
  // Latin-1 byte (a common mix in scraped news) keep their valid characters intact.
  std::string out;
  out.reserve(text->size() + text->size() / 8);
  const std::string_view in = *text;
  std::size_t pos = 0;
  while (pos < in.size()) {
    const std::size_t ascii_end = AsciiPrefix(in, pos);
    out.append(in, pos, ascii_end - pos);
    pos = ascii_end;
    if (pos == in.size()) break;
    const std::size_t length = SequenceLength(in, pos);
    if (length > 0) {
      out.append(in, pos, length);
      pos += length;
    } else {
      out += kWindows1252[static_cast<unsigned char>(in[pos]) - 0x80];
      ++pos;
    }
  }
  text->swap(out);
  return true;
}

}  // namespace gazette::corpus
