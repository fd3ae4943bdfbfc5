// Markdown -> plain text for indexing, driven by md4c's parser callbacks.
#include <md4c.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

struct NamedEntity {
  std::string_view name;  // without '&' and ';'
  std::string_view utf8;
};

// The entities news text actually uses; sorted by name for binary search.
constexpr NamedEntity kNamedEntities[] = {
    {"AElig", "\u00C6"},  {"Aacute", "\u00C1"}, {"Agrave", "\u00C0"}, {"Auml", "\u00C4"},
    {"Ccedil", "\u00C7"}, {"Eacute", "\u00C9"}, {"Ntilde", "\u00D1"}, {"Ouml", "\u00D6"},
    {"Uuml", "\u00DC"},   {"aacute", "\u00E1"}, {"acirc", "\u00E2"},  {"aelig", "\u00E6"},
    {"agrave", "\u00E0"}, {"amp", "&"},         {"apos", "'"},        {"aring", "\u00E5"},
    {"auml", "\u00E4"},   {"bdquo", "\u201E"},  {"bull", "\u2022"},   {"ccedil", "\u00E7"},
    {"cent", "\u00A2"},   {"copy", "\u00A9"},   {"deg", "\u00B0"},    {"divide", "\u00F7"},
    {"eacute", "\u00E9"}, {"ecirc", "\u00EA"},  {"egrave", "\u00E8"}, {"euml", "\u00EB"},
    {"euro", "\u20AC"},   {"frac12", "\u00BD"}, {"frac14", "\u00BC"}, {"frac34", "\u00BE"},
    {"gt", ">"},          {"hellip", "\u2026"}, {"iacute", "\u00ED"}, {"iexcl", "\u00A1"},
    {"iquest", "\u00BF"}, {"iuml", "\u00EF"},   {"laquo", "\u00AB"},  {"ldquo", "\u201C"},
    {"lsaquo", "\u2039"}, {"lsquo", "\u2018"},  {"lt", "<"},          {"mdash", "\u2014"},
    {"middot", "\u00B7"}, {"nbsp", "\u00A0"},   {"ndash", "\u2013"},  {"ntilde", "\u00F1"},
    {"oacute", "\u00F3"}, {"ocirc", "\u00F4"},  {"ouml", "\u00F6"},   {"para", "\u00B6"},
    {"plusmn", "\u00B1"}, {"pound", "\u00A3"},  {"quot", "\""},       {"raquo", "\u00BB"},
    {"rdquo", "\u201D"},  {"reg", "\u00AE"},    {"rsaquo", "\u203A"}, {"rsquo", "\u2019"},
    {"sbquo", "\u201A"},  {"sect", "\u00A7"},   {"shy", "\u00AD"},    {"szlig", "\u00DF"},
    {"times", "\u00D7"},  {"trade", "\u2122"},  {"uacute", "\u00FA"}, {"uuml", "\u00FC"},
    {"yen", "\u00A5"},
};

void AppendCodePoint(char32_t c, std::string* out) {
  // NUL, surrogates and out-of-range values are not characters: use U+FFFD like HTML5.
  if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Appends the text an entity such as "&amp;", "&#233;" or "&#xE9;" stands for; an
// unknown named entity is kept as written.
void AppendEntity(std::string_view entity, std::string* out) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
    out->append(entity);
    return;
  }
  const std::string_view name = entity.substr(1, entity.size() - 2);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::uint32_t value = 0;
    for (char c : name.substr(hex ? 2 : 1)) {
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        out->append(entity);
        return;
      }
      value = std::min<std::uint32_t>(value * (hex ? 16 : 10) + digit, 0x110000);
    }
    AppendCodePoint(value, out);
    return;
  }
  const auto* end = std::end(kNamedEntities);
  const auto* it =
      std::lower_bound(std::begin(kNamedEntities), end, name,
                       [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  out->append(it != end && it->name == name ? it->utf8 : entity);
}

// Collects the text of a document, putting blank lines between blocks.
class TextCollector {
 public:
  explicit TextCollector(std::size_t size_hint) { out_.reserve(size_hint); }

  void BlockBoundary() { pending_ = Pending::kParagraph; }
  void CellBoundary() {
    if (pending_ == Pending::kNone) pending_ = Pending::kSpace;
  }
  void SoftBreak() { CellBoundary(); }
  void HardBreak() {
    pending_ = Pending::kNone;
    out_.push_back('\n');
  }

  // Returns the buffer to append text to, after the separator owed to earlier blocks.
  std::string* Sink() {
    if (pending_ != Pending::kNone && !out_.empty()) {
      if (pending_ == Pending::kParagraph) {
        TrimTrailingSpace();
        out_.append("\n\n");
      } else if (out_.back() != ' ' && out_.back() != '\n') {
        out_.push_back(' ');
      }
    }
    pending_ = Pending::kNone;
    return &out_;
  }

  std::string Finish() {
    TrimTrailingSpace();
    return std::move(out_);
  }

 private:
  enum class Pending { kNone, kSpace, kParagraph };

  void TrimTrailingSpace() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n' || out_.back() == '\t')) {
      out_.pop_back();
    }
  }

  std::string out_;
  Pending pending_ = Pending::kNone;
};

TextCollector& Collector(void* userdata) { return *static_cast<TextCollector*>(userdata); }

int OnBlock(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
  switch (type) {
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      Collector(userdata).CellBoundary();
      break;
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
      break;
    default:  // paragraphs, headings, list items, quotes, code, HTML, rules, table rows
      Collector(userdata).BlockBoundary();
      break;
  }
  return 0;
}

int OnSpan(MD_SPANTYPE /*type*/, void* /*detail*/, void* /*userdata*/) { return 0; }

int OnText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  TextCollector& collector = Collector(userdata);
  const std::string_view chunk(text, size);
  switch (type) {
    case MD_TEXT_HTML:  // markup, not prose
      break;
    case MD_TEXT_SOFTBR:
      collector.SoftBreak();
      break;
    case MD_TEXT_BR:
      collector.HardBreak();
      break;
    case MD_TEXT_NULLCHAR:
      AppendCodePoint(0xFFFD, collector.Sink());
      break;
    case MD_TEXT_ENTITY:
      AppendEntity(chunk, collector.Sink());
      break;
    default:  // normal text, code, math
      collector.Sink()->append(chunk);
      break;
  }
  return 0;
}

}  // namespace

std::string MarkdownToText(std::string_view markdown) {
  // No indented code blocks: newswire text indents paragraphs by four spaces, which
  // CommonMark would otherwise read as code. Fenced code still works.
  static const MD_PARSER kParser = {
      0,
      MD_FLAG_COLLAPSEWHITESPACE | MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_TABLES |
          MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS,
      OnBlock,
      OnBlock,
      OnSpan,
      OnSpan,
      OnText,
      nullptr,
      nullptr,
  };
  TextCollector collector(markdown.size());
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &kParser, &collector) != 0) {
    // md4c only fails when out of memory; the raw text is still better than nothing.
    std::string raw(markdown);
    EnsureUtf8(&raw);
    return raw;
  }
  std::string text = collector.Finish();
  EnsureUtf8(&text);  // The input may not have been UTF-8; the output must be.
  return text;
}

}  // namespace gazette::corpus
