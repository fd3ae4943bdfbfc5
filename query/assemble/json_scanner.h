// A strict one-pass JSON reader: the primitives that read stored records without
// building a document tree (private to query/). Defined inline: it runs for every hit
// of every page.
#ifndef GAZETTE_QUERY_ASSEMBLE_JSON_SCANNER_H_
#define GAZETTE_QUERY_ASSEMBLE_JSON_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::query {

// Nesting deeper than this is left to the full parse.
inline constexpr int kJsonMaxDepth = 256;
// Integers with more digits than this are left to the full parse (it may read them as
// floating point); so are numbers with an exponent.
inline constexpr int kJsonMaxIntegerDigits = 18;

inline bool IsJsonDigit(char c) { return c >= '0' && c <= '9'; }

inline int JsonHexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A JSON reader over one text, accepting no more than nlohmann::json's parser does
// (RFC 8259, well-formed UTF-8 per RFC 3629, paired surrogate escapes). Every method
// returns false on input it does not accept; the scanner is then spent. Each reads at
// the current position, which the caller has moved past white space (SkipSpace).
class JsonScanner {
 public:
  explicit JsonScanner(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  // Whether the whole text has been read.
  bool AtEnd() const { return p_ == end_; }
  // Whether the next byte is a digit (a number's start, with At('-')).
  bool AtDigit() const { return p_ != end_ && IsJsonDigit(*p_); }

  void SkipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  bool At(char c) const { return p_ != end_ && *p_ == c; }

  // Consumes `c` after optional white space.
  bool Expect(char c) {
    SkipSpace();
    if (!At(c)) return false;
    ++p_;
    return true;
  }

  // An object at p_ ('{'); `member(key)` reads each member's value (the last of a
  // repeated key wins, as in the full parse).
  template <typename Member>
  bool Object(int depth, const Member& member) {
    if (depth > kJsonMaxDepth) return false;
    ++p_;
    SkipSpace();
    if (At('}')) {
      ++p_;
      return true;
    }
    for (;;) {
      SkipSpace();
      if (!At('"')) return false;
      std::string_view key;
      if (!Key(&key) || !Expect(':')) return false;
      SkipSpace();
      if (!member(key)) return false;
      SkipSpace();
      if (At(',')) {
        ++p_;
        continue;
      }
      if (At('}')) {
        ++p_;
        return true;
      }
      return false;
    }
  }

  // An array at p_ ('['); `element()` reads each element, starting at its first byte.
  template <typename Element>
  bool Array(int depth, const Element& element) {
    if (depth > kJsonMaxDepth) return false;
    ++p_;
    SkipSpace();
    if (At(']')) {
      ++p_;
      return true;
    }
    for (;;) {
      SkipSpace();
      if (!element()) return false;
      SkipSpace();
      if (At(',')) {
        ++p_;
        continue;
      }
      if (At(']')) {
        ++p_;
        return true;
      }
      return false;
    }
  }

  // Any value at p_; a plain integer's value goes to *integer when not null.
  bool Value(int depth, std::optional<std::int64_t>* integer) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return Object(depth, [&](std::string_view) { return Value(depth + 1, nullptr); });
      case '[':
        return Array(depth, [&] { return Value(depth + 1, nullptr); });
      case '"':
        return String(nullptr);
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number(integer);
    }
  }

  bool Literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // A number; *integer (when not null) gets its value when it is an integer of at most
  // kJsonMaxIntegerDigits digits, and the read fails on any other number.
  bool Number(std::optional<std::int64_t>* integer) {
    const bool negative = At('-');
    if (negative) ++p_;
    if (p_ == end_ || !IsJsonDigit(*p_)) return false;
    std::int64_t value = 0;
    int digits = 0;
    if (*p_ == '0') {
      ++p_;
      digits = 1;
    } else {
      for (; p_ != end_ && IsJsonDigit(*p_); ++p_, ++digits) {
        if (digits < kJsonMaxIntegerDigits) value = value * 10 + (*p_ - '0');
      }
    }
    bool fraction = false;
    if (At('.')) {
      ++p_;
      if (p_ == end_ || !IsJsonDigit(*p_)) return false;
      while (p_ != end_ && IsJsonDigit(*p_)) ++p_;
      fraction = true;
    }
    if (At('e') || At('E')) return false;  // may overflow in the full parse: left to it
    if (integer == nullptr) return digits <= 300;
    if (fraction || digits > kJsonMaxIntegerDigits) return false;
    *integer = negative ? -value : value;
    return true;
  }

  // A member's key, decoded (valid until the next key).
  bool Key(std::string_view* key) {
    key_.clear();
    if (!String(&key_)) return false;
    *key = key_;
    return true;
  }

  // A string at p_ ('"'), decoded into *out when not null.
  bool String(std::string* out) {
    ++p_;
    const char* run = p_;  // the start of the bytes not yet copied
    auto flush = [&](const char* to) {
      if (out != nullptr) out->append(run, static_cast<std::size_t>(to - run));
    };
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        flush(p_);
        ++p_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        flush(p_);
        if (!Escape(out)) return false;
        run = p_;
        continue;
      }
      if (c < 0x80) {
        ++p_;
        continue;
      }
      if (!Utf8Sequence()) return false;
    }
    return false;
  }

  // One multi-byte UTF-8 sequence at p_, well-formed per RFC 3629's table.
  bool Utf8Sequence() {
    const auto b = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
    const std::ptrdiff_t left = end_ - p_;
    const unsigned char c = b(0);
    auto in = [](unsigned char x, unsigned lo, unsigned hi) { return x >= lo && x <= hi; };
    int n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (in(c, 0xC2, 0xDF)) {
      n = 2;
    } else if (c == 0xE0) {
      n = 3, lo = 0xA0;
    } else if (in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF)) {
      n = 3;
    } else if (c == 0xED) {
      n = 3, hi = 0x9F;
    } else if (c == 0xF0) {
      n = 4, lo = 0x90;
    } else if (in(c, 0xF1, 0xF3)) {
      n = 4;
    } else if (c == 0xF4) {
      n = 4, hi = 0x8F;
    } else {
      return false;
    }
    if (left < n || !in(b(1), lo, hi)) return false;
    for (int i = 2; i < n; ++i) {
      if (!in(b(i), 0x80, 0xBF)) return false;
    }
    p_ += n;
    return true;
  }

  // An escape at p_ ('\\'), decoded into *out when not null.
  bool Escape(std::string* out) {
    ++p_;
    if (p_ == end_) return false;
    char decoded = 0;
    switch (*p_) {
      case '"':
        decoded = '"';
        break;
      case '\\':
        decoded = '\\';
        break;
      case '/':
        decoded = '/';
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'u': {
        ++p_;
        int unit = 0;
        if (!Hex4(&unit)) return false;
        std::uint32_t cp = static_cast<std::uint32_t>(unit);
        if (unit >= 0xDC00 && unit <= 0xDFFF) return false;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
          p_ += 2;
          int low = 0;
          if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((static_cast<std::uint32_t>(unit) - 0xD800) << 10) +
               (static_cast<std::uint32_t>(low) - 0xDC00);
        }
        if (out != nullptr) AppendUtf8(cp, out);
        return true;
      }
      default:
        return false;
    }
    ++p_;
    if (out != nullptr) out->push_back(decoded);
    return true;
  }

  bool Hex4(int* unit) {
    if (end_ - p_ < 4) return false;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = JsonHexValue(p_[i]);
      if (h < 0) return false;
      v = v * 16 + h;
    }
    p_ += 4;
    *unit = v;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
  std::string key_;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_ASSEMBLE_JSON_SCANNER_H_
