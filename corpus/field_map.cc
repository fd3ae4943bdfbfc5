// Gazette fields, their input-format keys, and mappings from source fields.
#include "corpus/field_map.h"

#include <array>
#include <utility>

namespace gazette::corpus {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kFields = {{
    {"id", "id"},
    {"title", "title"},
    {"excerpt", "excerpt"},
    {"body", "body"},
    {"topics", "topics"},
    {"date", "publishedDateTime"},
    {"provider", "provider"},
    {"quality", "quality"},
    {"url", "webUrl"},
    {"language", "language"},
}};

constexpr std::array<std::string_view, 18> kKnownKeys = {
    "id",          "title",    "excerpt",           "body",    "category", "type",
    "topics",      "provider", "publishedDateTime", "quality", "heat",     "published",
    "originalUrl", "webUrl",   "language",          "images",  "related",  "secured"};

}  // namespace

const std::vector<std::string>& MappableFields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> names;
    for (const auto& [field, key] : kFields) names.emplace_back(field);
    return names;
  }();
  return fields;
}

bool IsKnownInputKey(std::string_view key) {
  for (std::string_view known : kKnownKeys) {
    if (known == key) return true;
  }
  return false;
}

std::string_view InputKeyOfField(std::string_view field) {
  for (const auto& [name, key] : kFields) {
    if (name == field) return key;
  }
  return {};
}

Status FieldMap::Set(const std::string& field, const std::string& source) {
  if (InputKeyOfField(field).empty()) {
    std::string known;
    for (const std::string& f : MappableFields()) known += (known.empty() ? "" : ", ") + f;
    return Status::InvalidArgument("unknown field \"" + field + "\" (fields: " + known + ")");
  }
  if (source.empty()) return Status::InvalidArgument(field + ": no source field given");
  sources_[field] = source;
  return Status::Ok();
}

Result<FieldMap> FieldMap::Parse(std::string_view spec) {
  FieldMap map;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string_view::npos) end = spec.size();
    const std::string_view item = spec.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument("\"" + std::string(item) +
                                     "\": expected field=source, e.g. body=text");
    }
    const std::string field(item.substr(0, eq));
    if (map.sources_.count(field) > 0) {
      return Status::InvalidArgument("\"" + field + "\" is mapped twice");
    }
    Status set = map.Set(field, std::string(item.substr(eq + 1)));
    if (!set.ok()) return set;
  }
  return map;
}

std::string_view FieldMap::InputKeyOf(std::string_view key) const {
  for (const auto& [field, source] : sources_) {
    if (source == key) return InputKeyOfField(field);
  }
  for (const auto& [field, source] : sources_) {
    if (InputKeyOfField(field) == key) return {};
  }
  return key;
}

std::string FieldMap::ToString() const {
  std::string out;
  for (const auto& [field, source] : sources_) {
    out += (out.empty() ? "" : ",") + field + "=" + source;
  }
  return out;
}

}  // namespace gazette::corpus
