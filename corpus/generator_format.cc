// Writing generated articles in the seed format: Markdown with YAML front matter
// (double-quoted scalars) and JSON Lines with the same field names.
#include <string>

#include "corpus/generator_internal.h"

namespace gazette::corpus::generator {
namespace {

// A double-quoted scalar valid both as a JSON string and as a YAML double-quoted
// scalar (YAML's escapes are a superset of JSON's). REQUIRES: valid UTF-8.
void AppendQuoted(const std::string& text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  *out += '"';
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (c == '\n') {
      *out += "\\n";
    } else if (u < 0x20 || u == 0x7f) {
      *out += "\\u00";
      *out += kHex[u >> 4];
      *out += kHex[u & 15];
    } else {
      *out += c;
    }
  }
  *out += '"';
}

std::string Quoted(const std::string& text) {
  std::string s;
  AppendQuoted(text, &s);
  return s;
}

// ---- Markdown + YAML ----------------------------------------------------------------

void YamlImages(const std::vector<Image>& images, const std::string& indent, std::string* out) {
  if (images.empty()) return;
  *out += indent + "images:\n";
  for (const Image& i : images) {
    *out += indent + "  - url: " + Quoted(i.url) + "\n";
    *out += indent + "    width: " + std::to_string(i.width) + "\n";
    *out += indent + "    height: " + std::to_string(i.height) + "\n";
    *out += indent + "    isCached: " + (i.is_cached ? "true" : "false") + "\n";
  }
}

void YamlProvider(const Provider& p, const std::string& indent, std::string* out) {
  *out += indent + "provider:\n";
  *out += indent + "  name: " + Quoted(p.name) + "\n";
  *out += indent + "  domain: " + Quoted(p.domain) + "\n";
}

// ---- JSON ---------------------------------------------------------------------------

void JsonKey(const char* key, std::string* out) {
  if (out->back() != '{') *out += ", ";
  *out += '"';
  *out += key;
  *out += "\": ";
}

void JsonString(const char* key, const std::string& value, std::string* out) {
  JsonKey(key, out);
  AppendQuoted(value, out);
}

// A number or literal (true/false), written as is.
void JsonRaw(const char* key, const std::string& value, std::string* out) {
  JsonKey(key, out);
  *out += value;
}

void JsonProvider(const Provider& p, std::string* out) {
  JsonKey("provider", out);
  *out += "{\"name\": " + Quoted(p.name) + ", \"domain\": " + Quoted(p.domain) + "}";
}

void JsonImages(const std::vector<Image>& images, std::string* out) {
  if (images.empty()) return;
  JsonKey("images", out);
  *out += '[';
  for (std::size_t k = 0; k < images.size(); ++k) {
    const Image& i = images[k];
    *out += (k ? ", " : "") + std::string("{\"url\": ") + Quoted(i.url) +
            ", \"width\": " + std::to_string(i.width) +
            ", \"height\": " + std::to_string(i.height) +
            ", \"isCached\": " + (i.is_cached ? "true" : "false") + "}";
  }
  *out += ']';
}

}  // namespace

std::string ToMarkdown(const Article& a) {
  std::string out = "---\n";
  out += "category: " + a.category + "\n";
  out += "title: " + Quoted(a.title) + "\n";
  out += "excerpt: " + Quoted(a.excerpt) + "\n";
  if (a.published_at) out += "publishedDateTime: " + FormatIsoUtc(*a.published_at) + "\n";
  out += "originalUrl: " + Quoted(a.original_url) + "\n";
  out += "webUrl: " + Quoted(a.web_url) + "\n";
  out += "type: " + a.type + "\n";
  if (a.quality) out += "quality: " + std::to_string(*a.quality) + "\n";
  out += "heat: " + std::to_string(a.heat) + "\n";
  if (a.published) out += std::string("published: ") + (*a.published ? "true" : "false") + "\n";
  if (!a.language.empty()) out += "language: " + a.language + "\n";
  out += "\n";
  YamlProvider(a.provider, "", &out);
  out += "\ntopics:\n";
  for (const std::string& t : a.topics) out += "  - " + Quoted(t) + "\n";
  out += "\n";
  YamlImages(a.images, "", &out);
  if (!a.related.empty()) {
    out += "\nrelated:\n";
    for (const RelatedArticle& r : a.related) {
      out += "  - title: " + Quoted(r.title) + "\n";
      out += "    excerpt: " + Quoted(r.excerpt) + "\n";
      if (r.published_at) out += "    publishedDateTime: " + FormatIsoUtc(*r.published_at) + "\n";
      out += "    webUrl: " + Quoted(r.web_url) + "\n";
      out += "    type: " + r.type + "\n";
      YamlProvider(r.provider, "    ", &out);
      if (r.quality) out += "    quality: " + std::to_string(*r.quality) + "\n";
      YamlImages(r.images, "    ", &out);
    }
  }
  out += "\nsecured: " + Quoted(a.secured) + "\n---\n\n";
  out += a.body;
  out += "\n";
  return out;
}

std::string ToJsonLine(const Article& a) {
  std::string out = "{";
  JsonString("category", a.category, &out);
  JsonString("title", a.title, &out);
  JsonString("excerpt", a.excerpt, &out);
  if (a.published_at) JsonString("publishedDateTime", FormatIsoUtc(*a.published_at), &out);
  JsonString("originalUrl", a.original_url, &out);
  JsonString("webUrl", a.web_url, &out);
  JsonString("type", a.type, &out);
  if (a.quality) JsonRaw("quality", std::to_string(*a.quality), &out);
  JsonRaw("heat", std::to_string(a.heat), &out);
  if (a.published) JsonRaw("published", *a.published ? "true" : "false", &out);
  if (!a.language.empty()) JsonString("language", a.language, &out);
  JsonProvider(a.provider, &out);
  JsonKey("topics", &out);
  out += '[';
  for (std::size_t k = 0; k < a.topics.size(); ++k) out += (k ? ", " : "") + Quoted(a.topics[k]);
  out += ']';
  JsonImages(a.images, &out);
  if (!a.related.empty()) {
    JsonKey("related", &out);
    out += '[';
    for (std::size_t k = 0; k < a.related.size(); ++k) {
      const RelatedArticle& r = a.related[k];
      out += k ? ", {" : "{";
      JsonString("title", r.title, &out);
      JsonString("excerpt", r.excerpt, &out);
      if (r.published_at) JsonString("publishedDateTime", FormatIsoUtc(*r.published_at), &out);
      JsonString("webUrl", r.web_url, &out);
      JsonString("type", r.type, &out);
      JsonProvider(r.provider, &out);
      if (r.quality) JsonRaw("quality", std::to_string(*r.quality), &out);
      JsonImages(r.images, &out);
      out += '}';
    }
    out += ']';
  }
  JsonString("secured", a.secured, &out);
  JsonString("body", a.body, &out);
  out += '}';
  return out;
}

}  // namespace gazette::corpus::generator
