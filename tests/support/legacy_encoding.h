// Text in a legacy encoding, made with ICU's converters, for tests of reading it back.
#ifndef GAZETTE_TESTS_SUPPORT_LEGACY_ENCODING_H_
#define GAZETTE_TESTS_SUPPORT_LEGACY_ENCODING_H_

#include <unicode/ucnv.h>

#include <catch2/catch.hpp>
#include <string>

namespace gazette::testing {

// `utf8` in `encoding` (an ICU converter name such as "GB18030"); fails the running
// test when ICU cannot convert it.
inline std::string Encode(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_SUPPORT_LEGACY_ENCODING_H_
