// Private to corpus/: the one field mapping shared by the YAML and JSON readers.
//
// ArticleMapper<Value> is written once against a small adapter interface that
// fields.cc implements for yaml-cpp nodes and for nlohmann::json values:
//   bool IsNull() / IsMap() / IsList() const;
//   int Line() const;                        // file line of the value
//   bool GetString(std::string* out) const;  // false unless a text scalar
//   std::optional<double> GetNumber() const; // unset unless a number
//   std::optional<bool> GetBool() const;     // unset unless a boolean
//   std::string Describe() const;            // "\"high\"", "a list", ... for messages
//   template <F> bool ForEachMember(F f) const;  // f(string_view key, int key_line, Value)
//   template <F> bool ForEachItem(F f) const;    // f(Value); both stop when f is false
#ifndef GAZETTE_CORPUS_FIELD_MAPPER_H_
#define GAZETTE_CORPUS_FIELD_MAPPER_H_

#include <climits>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/status.h"
#include "corpus/article.h"
#include "corpus/field_map.h"
#include "corpus/internal.h"
#include "corpus/reader.h"
#include "corpus/value_reader.h"

namespace gazette::corpus {

template <typename Value>
class ArticleMapper : public ValueReader<Value> {
  using Base = ValueReader<Value>;
  using Base::Fail;
  using Base::ForEachElement;
  using Base::ForEachField;
  using Base::Lookup;
  using Base::NumberOf;
  using Base::options_;
  using Base::ReadBool;
  using Base::ReadDate;
  using Base::ReadInt;
  using Base::ReadQuality;
  using Base::ReadString;
  using Base::WrongType;

 public:
  explicit ArticleMapper(const std::string& path) : Base(path) {}

  // Maps a whole article. A "body" member is read as Markdown only if `body_field` or
  // when the body is mapped to a source field. On failure returns false; error() then
  // explains.
  bool MapArticle(const Value& root, int document_line, bool body_field, Article* article,
                  const MapOptions& options = {}) {
    options_ = options;
    body_field_ =
        body_field || (options.fields != nullptr && options.fields->sources().count("body"));
    const FieldPath top;
    title_line_ = document_line;
    has_title_ = false;
    std::vector<std::string_view> read_keys;  // input-format keys read literally
    const bool ok =
        ForEachField(root, document_line, top, [&](std::string_view key, int line, const Value& v) {
          const std::string_view input_key =
              options.fields != nullptr ? options.fields->InputKeyOf(key) : key;
          if (IsNestedSourceRoot(key) && input_key == key) return true;
          if (input_key.empty() || !IsKnownInputKey(input_key)) {
            if (options.unknown != nullptr) options.unknown->emplace_back(key);
            return true;
          }
          read_keys.push_back(input_key);
          return ReadField(input_key, FieldPath{&top, key}, line, v, article);
        });
    if (!ok) return false;
    // Mapped sources that are paths into nested objects ("meta.title").
    if (options.fields != nullptr) {
      for (const auto& [name, source] : options.fields->sources()) {
        const std::string_view input_key = InputKeyOfField(name);
        if (source.find('.') == std::string::npos) continue;
        bool read = false;
        for (std::string_view k : read_keys) read = read || k == input_key;
        if (read) continue;  // a literal key with dots matched
        std::optional<Value> value = Lookup(root, source);
        if (value && !value->IsNull() &&
            !ReadField(input_key, FieldPath{&top, source}, value->Line(), *value, article)) {
          return false;
        }
      }
    }
    if (!has_title_) return Fail(document_line, "", "missing title: every article needs one");
    if (article->title.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Fail(title_line_, "title", "title is empty");
    }
    return true;
  }

 private:
  // Reads the value of the input-format field `key`; `field` names it in messages.
  bool ReadField(std::string_view key, const FieldPath& field, int line, const Value& v,
                 Article* article) {
    if (key == "id") return ReadId(v, line, field, &article->id);
    if (key == "title") {
      has_title_ = true;
      title_line_ = line;
      return ReadString(v, line, field, &article->title);
    }
    if (key == "excerpt") return ReadString(v, line, field, &article->excerpt);
    if (key == "body") {
      if (!body_field_) return true;
      std::string markdown;
      if (!ReadString(v, line, field, &markdown)) return false;
      article->body = MarkdownToText(markdown);
      return true;
    }
    if (key == "category") return ReadString(v, line, field, &article->category);
    if (key == "type") return ReadString(v, line, field, &article->type);
    if (key == "topics") return ReadTopics(v, line, field, &article->topics);
    if (key == "provider") {
      // A mapped provider may be just the name ("source": "Reuters").
      if (options_.fields != nullptr && options_.fields->sources().count("provider") &&
          v.GetString(&article->provider.name)) {
        return true;
      }
      return ReadProvider(v, line, field, &article->provider);
    }
    if (key == "publishedDateTime") return ReadDate(v, line, field, &article->published_at);
    if (key == "quality") return ReadQuality(v, line, field, &article->quality);
    if (key == "heat") return ReadInt(v, line, field, -1, INT_MAX, &article->heat);
    if (key == "published") return ReadBool(v, line, field, &article->published);
    if (key == "originalUrl") return ReadString(v, line, field, &article->original_url);
    if (key == "webUrl") return ReadString(v, line, field, &article->web_url);
    if (key == "language") {
      if (!ReadString(v, line, field, &article->language)) return false;
      for (char& c : article->language) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return true;
    }
    if (key == "images") return ReadImages(v, line, field, &article->images);
    if (key == "related") return ReadRelated(v, line, field, &article->related);
    // Opaque, of any type: kept only when it is text, and then never indexed.
    if (key == "secured") v.GetString(&article->secured);
    return true;
  }

  // True when `key` is the first part of a mapped nested source ("meta" of
  // "meta.title"): it is read through Lookup, not reported as unknown.
  bool IsNestedSourceRoot(std::string_view key) const {
    if (options_.fields == nullptr) return false;
    for (const auto& [name, source] : options_.fields->sources()) {
      const std::size_t dot = source.find('.');
      if (dot != std::string::npos && std::string_view(source).substr(0, dot) == key) return true;
    }
    return false;
  }

  // An id is text or a whole number (written in decimal).
  bool ReadId(const Value& v, int line, const FieldPath& field, std::string* out) {
    if (v.GetString(out)) {
      if (out->find_first_not_of(" \t\r\n") != std::string::npos) return true;
      return Fail(line, field, "id is empty");
    }
    const std::optional<double> number = v.GetNumber();
    if (number && std::floor(*number) == *number && std::fabs(*number) < 1e15) {
      *out = std::to_string(static_cast<long long>(*number));
      return true;
    }
    return WrongType(line, field, "text or a whole number", v);
  }

  // Trimmed, first occurrences only; at most kMaxTopics entries. Linear.
  bool ReadTopics(const Value& v, int line, const FieldPath& field,
                  std::vector<std::string>* topics) {
    std::unordered_set<std::string> seen;
    std::string text;
    if (options_.text_values && !v.IsList() && v.GetString(&text)) {
      // A text list of topics: "business; politics", "a|b" or "a, b".
      for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find_first_of(",;|", start);
        if (end == std::string::npos) end = text.size();
        std::string topic = text.substr(start, end - start);
        start = end + 1;
        const std::size_t begin = topic.find_first_not_of(" \t\r\n\f\v");
        if (begin == std::string::npos) continue;
        topic.erase(topic.find_last_not_of(" \t\r\n\f\v") + 1).erase(0, begin);
        if (topics->size() >= kMaxTopics) {
          return Fail(line, field, "more than " + std::to_string(kMaxTopics) + " topics");
        }
        if (seen.insert(topic).second) topics->push_back(std::move(topic));
      }
      return true;
    }
    return ForEachElement(
        v, line, field, "a list of topics", [&](int i, int item_line, const Value& item) {
          if (static_cast<std::size_t>(i) >= kMaxTopics) {
            return Fail(item_line, field, "more than " + std::to_string(kMaxTopics) + " topics");
          }
          std::string topic;
          if (!ReadString(item, item_line, FieldPath{&field, "", i}, &topic)) return false;
          const std::size_t begin = topic.find_first_not_of(" \t\r\n\f\v");
          if (begin == std::string::npos) return true;
          topic.erase(topic.find_last_not_of(" \t\r\n\f\v") + 1).erase(0, begin);
          if (!seen.insert(topic).second) return true;
          topics->push_back(std::move(topic));
          return true;
        });
  }

  bool ReadProvider(const Value& v, int line, const FieldPath& field, Provider* provider) {
    return ForEachField(v, line, field, [&](std::string_view key, int key_line, const Value& m) {
      if (key == "name") return ReadString(m, key_line, FieldPath{&field, key}, &provider->name);
      if (key == "domain") {
        return ReadString(m, key_line, FieldPath{&field, key}, &provider->domain);
      }
      return true;
    });
  }

  bool ReadImages(const Value& v, int line, const FieldPath& field, std::vector<Image>* images) {
    return ForEachElement(
        v, line, field, "a list of images", [&](int i, int item_line, const Value& item) {
          const FieldPath at{&field, "", i};
          Image image;
          const bool ok = ForEachField(
              item, item_line, at, [&](std::string_view key, int key_line, const Value& m) {
                const FieldPath sub{&at, key};
                if (key == "url") return ReadString(m, key_line, sub, &image.url);
                if (key == "width") return ReadInt(m, key_line, sub, 0, INT_MAX, &image.width);
                if (key == "height") return ReadInt(m, key_line, sub, 0, INT_MAX, &image.height);
                if (key == "isCached") {
                  std::optional<bool> cached;
                  if (!ReadBool(m, key_line, sub, &cached)) return false;
                  image.is_cached = *cached;
                }
                return true;
              });
          if (ok) images->push_back(std::move(image));
          return ok;
        });
  }

  bool ReadRelated(const Value& v, int line, const FieldPath& field,
                   std::vector<RelatedArticle>* related) {
    return ForEachElement(
        v, line, field, "a list of related articles", [&](int i, int item_line, const Value& item) {
          const FieldPath at{&field, "", i};
          RelatedArticle r;
          const bool ok = ForEachField(item, item_line, at,
                                       [&](std::string_view key, int key_line, const Value& m) {
                                         const FieldPath sub{&at, key};
                                         if (key == "title")
                                           return ReadString(m, key_line, sub, &r.title);
                                         if (key == "excerpt")
                                           return ReadString(m, key_line, sub, &r.excerpt);
                                         if (key == "publishedDateTime")
                                           return ReadDate(m, key_line, sub, &r.published_at);
                                         if (key == "webUrl")
                                           return ReadString(m, key_line, sub, &r.web_url);
                                         if (key == "type")
                                           return ReadString(m, key_line, sub, &r.type);
                                         if (key == "provider")
                                           return ReadProvider(m, key_line, sub, &r.provider);
                                         if (key == "quality")
                                           return ReadQuality(m, key_line, sub, &r.quality);
                                         if (key == "images")
                                           return ReadImages(m, key_line, sub, &r.images);
                                         return true;
                                       });
          if (ok) related->push_back(std::move(r));
          return ok;
        });
  }

  bool body_field_ = false;
  bool has_title_ = false;
  int title_line_ = 0;
};

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_FIELD_MAPPER_H_
