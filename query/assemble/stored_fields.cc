// Stored record decoding: a strict one-pass JSON reader for the fields a hit shows, and
// nlohmann::json's full parse, which it must agree with.
#include "query/assemble/stored_fields.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "indexer/schema.h"
#include "query/assemble/json_scanner.h"

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

// The fields a hit shows, read from one stored record. Each field replaces what an
// earlier member of the same key set.
class RecordReader : public JsonScanner {
 public:
  using JsonScanner::JsonScanner;

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
    return AtEnd();
  }

 private:
  // A string, or "" for any other value.
  bool StringField(std::string* out) {
    out->clear();
    return At('"') ? String(out) : Value(1, nullptr);
  }

  // A number read as an int, or none for any other value.
  bool IntField(int depth, std::optional<int>* out) {
    out->reset();
    if (At('-') || AtDigit()) {
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
