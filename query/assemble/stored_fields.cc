// Stored record decoding: simdjson's validating parser for the fields a hit shows, and
// nlohmann::json's full parse, which it must agree with.
#include "query/assemble/stored_fields.h"

#include <simdjson.h>

#include <cstdint>
#include <limits>
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

// ---- The reader over simdjson's validated tape ----

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// A string, or "" for any other value.
void StringField(element value, std::string* out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    out->assign(text);
  } else {
    out->clear();
  }
}

// An integer within int's range, none for a value that is not a number; false for a
// number the full parse would read differently (a fraction, an exponent, out of range).
bool IntField(element value, std::optional<int>* out) {
  out->reset();
  switch (value.type()) {
    case element_type::INT64: {
      const std::int64_t v = value.get_int64().value_unsafe();
      if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
        return false;
      }
      *out = static_cast<int>(v);
      return true;
    }
    case element_type::UINT64:
    case element_type::DOUBLE:
      return false;
    default:
      return true;
  }
}

void ProviderField(element value, std::string* name, std::string* domain) {
  name->clear();
  if (domain != nullptr) domain->clear();
  object provider;
  if (value.get_object().get(provider) != simdjson::SUCCESS) return;
  for (const auto& field : provider) {
    if (field.key == schema::kDataProviderName) StringField(field.value, name);
    if (domain != nullptr && field.key == schema::kDataProviderDomain) {
      StringField(field.value, domain);
    }
  }
}

void TopicsField(element value, std::vector<std::string>* out) {
  out->clear();
  array topics;
  if (value.get_array().get(topics) != simdjson::SUCCESS) return;
  for (element topic : topics) {
    std::string_view text;
    if (topic.get_string().get(text) == simdjson::SUCCESS) out->emplace_back(text);
  }
}

bool ImagesField(element value, std::vector<Image>* out) {
  out->clear();
  array images;
  if (value.get_array().get(images) != simdjson::SUCCESS) return true;
  for (element im : images) {
    object fields;
    if (im.get_object().get(fields) != simdjson::SUCCESS) continue;
    Image one;
    std::optional<int> width, height;
    for (const auto& field : fields) {
      if (field.key == schema::kDataImageUrl) StringField(field.value, &one.url);
      if (field.key == schema::kDataImageWidth && !IntField(field.value, &width)) return false;
      if (field.key == schema::kDataImageHeight && !IntField(field.value, &height)) return false;
    }
    one.width = width.value_or(0);
    one.height = height.value_or(0);
    if (!one.url.empty()) out->push_back(std::move(one));
  }
  return true;
}

bool RelatedOne(object fields, Related* one) {
  for (const auto& field : fields) {
    const std::string_view key = field.key;
    if (key == schema::kDataTitle) StringField(field.value, &one->title);
    if (key == schema::kDataUrl) StringField(field.value, &one->url);
    if (key == schema::kDataProvider) ProviderField(field.value, &one->provider, nullptr);
    if (key == schema::kDataPublished) StringField(field.value, &one->published);
    if (key == schema::kDataExcerpt) StringField(field.value, &one->excerpt);
    if (key == schema::kDataType) StringField(field.value, &one->type);
    if (key == schema::kDataQuality && !IntField(field.value, &one->quality)) return false;
    if (key == schema::kDataImages && !ImagesField(field.value, &one->images)) return false;
  }
  return true;
}

bool RelatedField(element value, std::vector<Related>* out) {
  out->clear();
  array related;
  if (value.get_array().get(related) != simdjson::SUCCESS) return true;
  for (element r : related) {
    object fields;
    if (r.get_object().get(fields) != simdjson::SUCCESS) continue;
    Related one;
    if (!RelatedOne(fields, &one)) return false;
    out->push_back(std::move(one));
  }
  return true;
}

// One member of the record; false where the full parse must decide. A repeated key
// replaces what its earlier member set, as in the full parse.
bool RecordField(std::string_view key, element value, StoredFields* out) {
  Hit& hit = out->hit;
  if (key == schema::kDataText) StringField(value, &out->text);
  if (key == schema::kDataId) StringField(value, &hit.id);
  if (key == schema::kDataTitle) StringField(value, &hit.title);
  if (key == schema::kDataUrl) StringField(value, &hit.url);
  if (key == schema::kDataExcerpt) StringField(value, &hit.excerpt);
  if (key == schema::kDataProvider) ProviderField(value, &hit.provider, &hit.site);
  if (key == schema::kDataTopics) TopicsField(value, &hit.topics);
  if (key == schema::kDataPublished) StringField(value, &hit.published);
  if (key == schema::kDataCategory) StringField(value, &hit.category);
  if (key == schema::kDataType) StringField(value, &hit.type);
  if (key == schema::kDataLanguage) StringField(value, &hit.language);
  if (key == schema::kDataCollection) StringField(value, &hit.collection);
  if (key == schema::kDataQuality) return IntField(value, &hit.quality);
  if (key == schema::kDataRelated) return RelatedField(value, &hit.related);
  if (key == schema::kDataImages) return ImagesField(value, &hit.images);
  return true;
}

}  // namespace

bool ReadStoredFields(std::string_view data, StoredFields* out) {
  *out = StoredFields();
  // One parser per thread: it keeps its buffers between records.
  thread_local simdjson::dom::parser parser;
  object record;
  if (parser.parse(data.data(), data.size()).get_object().get(record) != simdjson::SUCCESS) {
    return false;
  }
  for (const auto& field : record) {
    if (!RecordField(field.key, field.value, out)) return false;
  }
  return true;
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
