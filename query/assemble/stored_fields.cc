// Stored record decoding: a strict one-pass JSON reader for the fields a hit shows, and
// nlohmann::json's full parse, which it must agree with.
#include "query/assemble/stored_fields.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;
using nlohmann::json;

// ---- The full parse (the reference) ----

std::string JsonString(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void DecodeProvider(const json& j, std::string* name, std::string* domain) {
  if (auto p = j.find(schema::kDataProvider); p != j.end() && p->is_object()) {
    *name = JsonString(*p, schema::kDataProviderName);
    if (domain != nullptr) *domain = JsonString(*p, schema::kDataProviderDomain);
  }
}

std::optional<int> JsonInt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<int>();
}

// The stored images with a URL, in the source's order.
std::vector<Image> DecodeImages(const json& j) {
  std::vector<Image> out;
  auto images = j.find(schema::kDataImages);
  if (images == j.end() || !images->is_array()) return out;
  for (const auto& im : *images) {
    if (!im.is_object()) continue;
    Image one{JsonString(im, schema::kDataImageUrl),
              JsonInt(im, schema::kDataImageWidth).value_or(0),
              JsonInt(im, schema::kDataImageHeight).value_or(0)};
    if (!one.url.empty()) out.push_back(std::move(one));
  }
  return out;
}

std::vector<Related> DecodeRelated(const json& j) {
  std::vector<Related> out;
  auto r = j.find(schema::kDataRelated);
  if (r == j.end() || !r->is_array()) return out;
  for (const auto& rel : *r) {
    if (!rel.is_object()) continue;
    Related one;
    one.title = JsonString(rel, schema::kDataTitle);
    one.url = JsonString(rel, schema::kDataUrl);
    DecodeProvider(rel, &one.provider, nullptr);
    one.published = JsonString(rel, schema::kDataPublished);
    one.excerpt = JsonString(rel, schema::kDataExcerpt);
    one.type = JsonString(rel, schema::kDataType);
    one.quality = JsonInt(rel, schema::kDataQuality);
    one.images = DecodeImages(rel);
    out.push_back(std::move(one));
  }
  return out;
}

// ---- The one-pass reader ----

// Nesting deeper than this is left to the full parse.
constexpr int kMaxDepth = 256;
// Integers with more digits than this are left to the full parse (it may read them as
// floating point); so are numbers with an exponent.
constexpr int kMaxIntegerDigits = 18;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
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

// A JSON reader over one record, accepting no more than nlohmann::json's parser does
// (RFC 8259, well-formed UTF-8 per RFC 3629, paired surrogate escapes). Every method
// returns false on input it does not accept; the reader is then spent.
class RecordReader {
 public:
  explicit RecordReader(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  bool Record(StoredFields* out) {
    Hit& hit = out->hit;
    SkipSpace();
    if (!At('{')) return false;
    const bool ok = Object(0, [&](std::string_view key) {
      if (key == schema::kDataText) return StringField(&out->text);
      if (key == schema::kDataId) return StringField(&hit.id);
      if (key == schema::kDataTitle) return StringField(&hit.title);
      if (key == schema::kDataUrl) return StringField(&hit.url);
      if (key == schema::kDataExcerpt) return StringField(&hit.excerpt);
      if (key == schema::kDataProvider) return ProviderField(1, &hit.provider, &hit.site);
      if (key == schema::kDataTopics) return TopicsField(1, &hit.topics);
      if (key == schema::kDataPublished) return StringField(&hit.published);
      if (key == schema::kDataQuality) return IntField(1, &hit.quality);
      if (key == schema::kDataCategory) return StringField(&hit.category);
      if (key == schema::kDataType) return StringField(&hit.type);
      if (key == schema::kDataLanguage) return StringField(&hit.language);
      if (key == schema::kDataCollection) return StringField(&hit.collection);
      if (key == schema::kDataRelated) return RelatedField(1, &hit.related);
      if (key == schema::kDataImages) return ImagesField(1, &hit.images);
      return Value(1, nullptr);
    });
    if (!ok) return false;
    SkipSpace();
    return p_ == end_;
  }

 private:
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
    if (depth > kMaxDepth) return false;
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
    if (depth > kMaxDepth) return false;
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
  // kMaxIntegerDigits digits, and the read fails on any other number.
  bool Number(std::optional<std::int64_t>* integer) {
    const bool negative = At('-');
    if (negative) ++p_;
    if (p_ == end_ || !IsDigit(*p_)) return false;
    std::int64_t value = 0;
    int digits = 0;
    if (*p_ == '0') {
      ++p_;
      digits = 1;
    } else {
      for (; p_ != end_ && IsDigit(*p_); ++p_, ++digits) {
        if (digits < kMaxIntegerDigits) value = value * 10 + (*p_ - '0');
      }
    }
    bool fraction = false;
    if (At('.')) {
      ++p_;
      if (p_ == end_ || !IsDigit(*p_)) return false;
      while (p_ != end_ && IsDigit(*p_)) ++p_;
      fraction = true;
    }
    if (At('e') || At('E')) return false;  // may overflow in the full parse: left to it
    if (integer == nullptr) return digits <= 300;
    if (fraction || digits > kMaxIntegerDigits) return false;
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
      const int h = HexValue(p_[i]);
      if (h < 0) return false;
      v = v * 16 + h;
    }
    p_ += 4;
    *unit = v;
    return true;
  }

  // ---- Fields: each replaces what an earlier member of the same key set ----

  // A string, or "" for any other value.
  bool StringField(std::string* out) {
    out->clear();
    return At('"') ? String(out) : Value(1, nullptr);
  }

  // A number read as an int, or none for any other value.
  bool IntField(int depth, std::optional<int>* out) {
    out->reset();
    if (At('-') || (p_ != end_ && IsDigit(*p_))) {
      std::optional<std::int64_t> v;
      if (!Number(&v)) return false;
      *out = static_cast<int>(*v);
      return true;
    }
    return Value(depth, nullptr);
  }

  bool ProviderField(int depth, std::string* name, std::string* domain) {
    name->clear();
    if (domain != nullptr) domain->clear();
    if (!At('{')) return Value(depth, nullptr);
    return Object(depth, [&](std::string_view key) {
      if (key == schema::kDataProviderName) return StringField(name);
      if (domain != nullptr && key == schema::kDataProviderDomain) return StringField(domain);
      return Value(depth + 1, nullptr);
    });
  }

  bool TopicsField(int depth, std::vector<std::string>* out) {
    out->clear();
    if (!At('[')) return Value(depth, nullptr);
    return Array(depth, [&] {
      if (!At('"')) return Value(depth + 1, nullptr);
      out->emplace_back();
      return String(&out->back());
    });
  }

  bool ImagesField(int depth, std::vector<Image>* out) {
    out->clear();
    if (!At('[')) return Value(depth, nullptr);
    return Array(depth, [&] {
      if (!At('{')) return Value(depth + 1, nullptr);
      Image one;
      std::optional<int> width, height;
      const bool ok = Object(depth + 1, [&](std::string_view key) {
        if (key == schema::kDataImageUrl) return StringField(&one.url);
        if (key == schema::kDataImageWidth) return IntField(depth + 2, &width);
        if (key == schema::kDataImageHeight) return IntField(depth + 2, &height);
        return Value(depth + 2, nullptr);
      });
      one.width = width.value_or(0);
      one.height = height.value_or(0);
      if (ok && !one.url.empty()) out->push_back(std::move(one));
      return ok;
    });
  }

  bool RelatedField(int depth, std::vector<Related>* out) {
    out->clear();
    if (!At('[')) return Value(depth, nullptr);
    return Array(depth, [&] {
      if (!At('{')) return Value(depth + 1, nullptr);
      Related one;
      const bool ok = Object(depth + 1, [&](std::string_view key) {
        if (key == schema::kDataTitle) return StringField(&one.title);
        if (key == schema::kDataUrl) return StringField(&one.url);
        if (key == schema::kDataProvider) return ProviderField(depth + 2, &one.provider, nullptr);
        if (key == schema::kDataPublished) return StringField(&one.published);
        if (key == schema::kDataExcerpt) return StringField(&one.excerpt);
        if (key == schema::kDataType) return StringField(&one.type);
        if (key == schema::kDataQuality) return IntField(depth + 2, &one.quality);
        if (key == schema::kDataImages) return ImagesField(depth + 2, &one.images);
        return Value(depth + 2, nullptr);
      });
      if (ok) out->push_back(std::move(one));
      return ok;
    });
  }

  const char* p_;
  const char* end_;
  std::string key_;
};

}  // namespace

bool ReadStoredFields(std::string_view data, StoredFields* out) {
  *out = StoredFields();
  return RecordReader(data).Record(out);
}

StoredFields ParseStoredFields(const std::string& data) {
  StoredFields out;
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) return out;
  Hit& hit = out.hit;
  hit.id = JsonString(j, schema::kDataId);
  hit.title = JsonString(j, schema::kDataTitle);
  hit.url = JsonString(j, schema::kDataUrl);
  hit.excerpt = JsonString(j, schema::kDataExcerpt);
  DecodeProvider(j, &hit.provider, &hit.site);
  if (auto t = j.find(schema::kDataTopics); t != j.end() && t->is_array()) {
    for (const auto& v : *t) {
      if (v.is_string()) hit.topics.push_back(v.get<std::string>());
    }
  }
  hit.published = JsonString(j, schema::kDataPublished);
  hit.quality = JsonInt(j, schema::kDataQuality);
  hit.category = JsonString(j, schema::kDataCategory);
  hit.type = JsonString(j, schema::kDataType);
  hit.language = JsonString(j, schema::kDataLanguage);
  hit.collection = JsonString(j, schema::kDataCollection);
  hit.related = DecodeRelated(j);
  hit.images = DecodeImages(j);
  out.text = JsonString(j, schema::kDataText);
  return out;
}

StoredFields DecodeStoredFields(const std::string& data) {
  StoredFields out;
  if (ReadStoredFields(data, &out)) return out;
  return ParseStoredFields(data);
}

}  // namespace gazette::query
