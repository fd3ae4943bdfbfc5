// Private to corpus/: reading typed values out of a parsed YAML or JSON document with
// messages that name the file, line and field ("related[2].quality: expected a whole
// number from 0 to 100, got \"high\"").
//
// ValueReader<Value> is written against the adapter interface described in
// field_mapper.h (IsMap, GetString, ForEachMember, ...).
#ifndef GAZETTE_CORPUS_VALUE_READER_H_
#define GAZETTE_CORPUS_VALUE_READER_H_

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/dates.h"
#include "base/status.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {

// Where a value sits in the article, built only when a message needs it:
// "related[2].provider.name".
struct FieldPath {
  const FieldPath* parent = nullptr;
  std::string_view name;
  int index = -1;  // >= 0: an element of the list `name`

  std::string ToString() const {
    std::string out = parent != nullptr ? parent->ToString() : std::string();
    if (!name.empty()) {
      if (!out.empty()) out.push_back('.');
      out.append(name);
    }
    if (index >= 0) out.append("[").append(std::to_string(index)).append("]");
    return out;
  }
};

// Typed reads of document values; each returns false after recording error().
template <typename Value>
class ValueReader {
 public:
  const Diagnostic& error() const { return error_; }

 protected:
  explicit ValueReader(const std::string& path) : path_(path) {}

  // The member at the dotted `path` below `root`, or nullopt.
  static std::optional<Value> Lookup(const Value& root, std::string_view path) {
    std::optional<Value> at(root);
    while (at && !path.empty()) {
      const std::size_t dot = path.find('.');
      const std::string_view part = path.substr(0, dot);
      path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
      std::optional<Value> next;
      if (at->IsMap()) {
        at->ForEachMember([&](std::string_view key, int, const Value& v) {
          if (key != part) return true;
          next.emplace(v);
          return false;
        });
      }
      at = std::move(next);
    }
    return at;
  }

  // A number, or with text_values the number a text spells.
  std::optional<double> NumberOf(const Value& v) const {
    std::optional<double> number = v.GetNumber();
    std::string text;
    if (!number && options_.text_values && v.GetString(&text)) {
      const std::size_t begin = text.find_first_not_of(" \t");
      if (begin != std::string::npos) {
        text = text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end == text.c_str() + text.size()) number = value;
      }
    }
    return number;
  }

  bool Fail(int line, std::string_view field, std::string_view reason) {
    std::string message(field);
    if (!message.empty()) message.append(": ");
    message.append(reason);
    error_ = {path_, line, std::move(message)};
    return false;
  }
  bool Fail(int line, const FieldPath& field, std::string_view reason) {
    return Fail(line, field.ToString(), reason);
  }
  bool WrongType(int line, const FieldPath& field, std::string_view expected, const Value& v) {
    return Fail(line, field, "expected " + std::string(expected) + ", got " + v.Describe());
  }

  // Calls f(key, line, value) for each non-null member of the mapping `map`, refusing
  // duplicate keys (YAML parsers keep both, so the mapper must notice) and more than
  // kMaxKeys keys. Linear in the number of keys.
  template <typename F>
  bool ForEachField(const Value& map, int line, const FieldPath& field, F f) {
    if (!map.IsMap()) return WrongType(line, field, "a mapping of fields", map);
    std::unordered_map<std::string_view, int> seen;
    return map.ForEachMember([&](std::string_view key, int key_line, const Value& v) {
      const auto [it, first] = seen.emplace(key, key_line);
      if (!first) {
        return Fail(key_line, field,
                    "duplicate key \"" + std::string(key) + "\" (first on line " +
                        std::to_string(it->second) + ")");
      }
      if (seen.size() > kMaxKeys) {
        return Fail(key_line, field, "more than " + std::to_string(kMaxKeys) + " keys");
      }
      return v.IsNull() || f(key, key_line, v);
    });
  }

  // Calls f(index, line, item) for each non-null element of the list `list`.
  template <typename F>
  bool ForEachElement(const Value& list, int line, const FieldPath& field, std::string_view what,
                      F f) {
    if (!list.IsList()) return WrongType(line, field, what, list);
    int index = 0;
    return list.ForEachItem([&](const Value& item) {
      const int i = index++;
      return item.IsNull() || f(i, item.Line(), item);
    });
  }

  bool ReadString(const Value& v, int line, const FieldPath& field, std::string* out) {
    return v.GetString(out) || WrongType(line, field, "text", v);
  }

  bool ReadInt(const Value& v, int line, const FieldPath& field, int min, int max, int* out) {
    const std::optional<double> number = NumberOf(v);
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    if (!number || std::floor(*number) != *number) {
      return WrongType(line, field, "a whole number from " + range, v);
    }
    if (*number < min || *number > max) {
      return Fail(line, field, v.Describe() + " is out of range (" + range + ")");
    }
    *out = static_cast<int>(*number);
    return true;
  }

  bool ReadQuality(const Value& v, int line, const FieldPath& field, std::optional<int>* out) {
    int quality = 0;
    if (!ReadInt(v, line, field, 0, 100, &quality)) return false;
    *out = quality;
    return true;
  }

  bool ReadBool(const Value& v, int line, const FieldPath& field, std::optional<bool>* out) {
    *out = v.GetBool();
    std::string text;
    if (!out->has_value() && options_.text_values && v.GetString(&text)) {
      if (text == "true" || text == "TRUE" || text == "1") *out = true;
      if (text == "false" || text == "FALSE" || text == "0") *out = false;
    }
    return out->has_value() || WrongType(line, field, "true or false", v);
  }

  bool ReadDate(const Value& v, int line, const FieldPath& field,
                std::optional<std::int64_t>* out) {
    std::string text;
    if (!v.GetString(&text)) return WrongType(line, field, "an ISO-8601 date", v);
    Result<std::int64_t> seconds = ParseIsoDateTime(text);
    if (!seconds.ok()) return Fail(line, field, seconds.status().message());
    *out = *seconds;
    return true;
  }

  const std::string& path_;
  Diagnostic error_;
  MapOptions options_;
};

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_VALUE_READER_H_
