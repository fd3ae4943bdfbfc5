// The YAML and JSON adapters for ArticleMapper, and the two entry points using them.
#include "corpus/fields.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "corpus/field_mapper.h"

namespace gazette::corpus {
namespace {

constexpr std::size_t kQuoteLimit = 40;

// `text` in double quotes, cut (at a character boundary) if long.
std::string Quote(std::string_view text) {
  if (text.size() > kQuoteLimit) {
    std::size_t cut = kQuoteLimit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "\"" + std::string(text.substr(0, cut)) + "...\"";
  }
  return "\"" + std::string(text) + "\"";
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// A yaml-cpp node. Plain scalars are typed by their text; quoted ones are always text.
class YamlValue {
 public:
  YamlValue(YAML::Node node, int first_line, int fallback_line)
      : node_(std::move(node)), first_line_(first_line) {
    const YAML::Mark mark = node_.Mark();
    line_ = mark.is_null() ? fallback_line : first_line_ + mark.line;
  }

  bool IsNull() const { return node_.IsNull(); }
  bool IsMap() const { return node_.IsMap(); }
  bool IsList() const { return node_.IsSequence(); }
  int Line() const { return line_; }

  bool GetString(std::string* out) const {
    if (!node_.IsScalar()) return false;
    *out = node_.Scalar();
    return true;
  }
  std::optional<double> GetNumber() const {
    if (!IsPlainScalar()) return std::nullopt;
    return ParseNumber(node_.Scalar());
  }
  std::optional<bool> GetBool() const {
    bool value = false;
    if (!IsPlainScalar() || !YAML::convert<bool>::decode(node_, value)) return std::nullopt;
    return value;
  }
  std::string Describe() const {
    if (node_.IsMap()) return "a mapping";
    if (node_.IsSequence()) return "a list";
    if (GetNumber()) return node_.Scalar();
    return Quote(node_.Scalar());
  }

  template <typename F>
  bool ForEachMember(F f) const {
    for (const auto& member : node_) {
      // A non-text key ("? [a, b]") cannot name a field; it is as good as unknown.
      if (!member.first.IsScalar()) continue;
      const YamlValue key(member.first, first_line_, line_);
      if (!f(std::string_view(member.first.Scalar()), key.Line(),
             YamlValue(member.second, first_line_, key.Line()))) {
        return false;
      }
    }
    return true;
  }
  template <typename F>
  bool ForEachItem(F f) const {
    for (const auto& item : node_) {
      if (!f(YamlValue(item, first_line_, line_))) return false;
    }
    return true;
  }

 private:
  // yaml-cpp tags quoted and block scalars "!" and plain ones "?".
  bool IsPlainScalar() const { return node_.IsScalar() && node_.Tag() != "!"; }

  YAML::Node node_;
  int first_line_;
  int line_;
};

// A value in a JSON record; every value is on the record's line.
class JsonValue {
 public:
  JsonValue(const nlohmann::json& json, int line) : json_(&json), line_(line) {}

  bool IsNull() const { return json_->is_null(); }
  bool IsMap() const { return json_->is_object(); }
  bool IsList() const { return json_->is_array(); }
  int Line() const { return line_; }

  bool GetString(std::string* out) const {
    if (!json_->is_string()) return false;
    *out = json_->get_ref<const std::string&>();
    return true;
  }
  std::optional<double> GetNumber() const {
    if (!json_->is_number()) return std::nullopt;
    return json_->get<double>();
  }
  std::optional<bool> GetBool() const {
    if (!json_->is_boolean()) return std::nullopt;
    return json_->get<bool>();
  }
  std::string Describe() const {
    if (json_->is_object()) return "an object";
    if (json_->is_array()) return "a list";
    if (json_->is_string()) return Quote(json_->get_ref<const std::string&>());
    return json_->dump();
  }

  template <typename F>
  bool ForEachMember(F f) const {
    for (auto it = json_->begin(); it != json_->end(); ++it) {
      if (!f(std::string_view(it.key()), line_, JsonValue(it.value(), line_))) return false;
    }
    return true;
  }
  template <typename F>
  bool ForEachItem(F f) const {
    for (const nlohmann::json& item : *json_) {
      if (!f(JsonValue(item, line_))) return false;
    }
    return true;
  }

 private:
  const nlohmann::json* json_;
  int line_;
};

}  // namespace

ArticleResult ArticleFromYaml(const YAML::Node& root, int first_line, int opening_line,
                              const std::string& path, const MapOptions& options) {
  const YamlValue value(root, first_line, opening_line);
  Article article;
  if (root.IsNull()) {
    return Diagnostic{path, opening_line, "missing title: the front matter is empty"};
  }
  if (!root.IsMap()) {
    return Diagnostic{path, value.Line(),
                      "front matter is " + value.Describe() + ", not a mapping of fields"};
  }
  ArticleMapper<YamlValue> mapper(path);
  if (!mapper.MapArticle(value, opening_line, /*body_field=*/false, &article, options)) {
    return mapper.error();
  }
  return article;
}

ArticleResult ArticleFromJson(const nlohmann::json& root, int line, const std::string& path,
                              const MapOptions& options) {
  const JsonValue value(root, line);
  if (!root.is_object()) {
    return Diagnostic{path, line, "record is " + value.Describe() + ", not a JSON object"};
  }
  Article article;
  ArticleMapper<JsonValue> mapper(path);
  if (!mapper.MapArticle(value, line, /*body_field=*/true, &article, options)) {
    return mapper.error();
  }
  return article;
}

void WarnUnknownFields(const std::vector<std::string>& unknown, const std::string& path,
                       std::vector<Diagnostic>* warnings) {
  if (warnings == nullptr) return;
  for (const std::string& key : unknown) {
    warnings->push_back({path, 0,
                         "field " + Quote(key) +
                             " is neither mapped nor known: ignored (map it with --map or "
                             "index.fields)"});
  }
}

}  // namespace gazette::corpus
