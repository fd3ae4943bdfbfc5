// Percent-encoding of URL components (RFC 3986).
#ifndef GAZETTE_BASE_PERCENT_H_
#define GAZETTE_BASE_PERCENT_H_

#include <string>
#include <string_view>

namespace gazette {

// Percent-encodes every byte of `text` except ASCII letters, digits, the unreserved
// marks "-._~" and the characters in `keep`, with upper-case hex digits. With an empty
// `keep` this is a browser's encodeURIComponent for UTF-8 text.
std::string PercentEncode(std::string_view text, std::string_view keep = {});

}  // namespace gazette

#endif  // GAZETTE_BASE_PERCENT_H_
