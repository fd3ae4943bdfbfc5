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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/status.h"
#include "corpus/article.h"
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

template <typename Value>
class ArticleMapper {
 public:
  explicit ArticleMapper(const std::string& path) : path_(path) {}

  // Maps a whole article. A "body" member is read as Markdown only if `body_field`.
  // On failure returns false; error() then explains.
  bool MapArticle(const Value& root, int document_line, bool body_field, Article* article) {
    const FieldPath top;
    int title_line = document_line;
    bool has_title = false;
    const bool ok =
        ForEachField(root, document_line, top, [&](std::string_view key, int line, const Value& v) {
          const FieldPath field{&top, key};
          if (key == "title") {
            has_title = true;
            title_line = line;
            return ReadString(v, line, field, &article->title);
          }
          if (key == "excerpt") return ReadString(v, line, field, &article->excerpt);
          if (key == "body" && body_field) {
            std::string markdown;
            if (!ReadString(v, line, field, &markdown)) return false;
            article->body = MarkdownToText(markdown);
            return true;
          }
          if (key == "category") return ReadString(v, line, field, &article->category);
          if (key == "type") return ReadString(v, line, field, &article->type);
          if (key == "topics") return ReadTopics(v, line, field, &article->topics);
          if (key == "provider") return ReadProvider(v, line, field, &article->provider);
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
          return true;  // unknown fields are allowed and ignored
        });
    if (!ok) return false;
    if (!has_title) return Fail(document_line, "", "missing title: every article needs one");
    if (article->title.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Fail(title_line, "title", "title is empty");
    }
    return true;
  }

  const Diagnostic& error() const { return error_; }

 private:
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
    const std::optional<double> number = v.GetNumber();
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

  // Trimmed, first occurrences only; at most kMaxTopics entries. Linear.
  bool ReadTopics(const Value& v, int line, const FieldPath& field,
                  std::vector<std::string>* topics) {
    std::unordered_set<std::string> seen;
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

  const std::string& path_;
  Diagnostic error_;
};

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_FIELD_MAPPER_H_
