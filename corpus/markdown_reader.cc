// Reading a Markdown article: YAML front matter between '---' lines, then the body.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "corpus/fields.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One line of text without its "\n" (the "\r" of a CRLF ending stays; callers allow it).
struct Line {
  std::string_view text;
  std::size_t next = 0;  // offset just past the line break
};

Line LineAt(std::string_view text, std::size_t pos) {
  std::size_t end = text.find('\n', pos);
  const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
  if (end == std::string_view::npos) end = text.size();
  return {text.substr(pos, end - pos), next};
}

// True if `line` is `marker` followed by nothing but spaces, tabs or a '\r'.
bool IsMarkerLine(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  return line.find_first_not_of(" \t\r", marker.size()) == std::string_view::npos;
}

// yaml-cpp 0.7 silently closes a quoted string left open at the end of its input, which
// would swallow the rest of the front matter. A sentinel key appended after the front
// matter is swallowed too in that case, and so reveals the mistake.
constexpr std::string_view kEndKey = "gazette-end-of-front-matter";

// Walks a loaded front matter once, with every alias expanded, and stops at the first
// limit it passes: nesting depth, keys in one mapping, or values (which bounds the
// work of everything that reads the tree after it, however its aliases nest).
class FrontMatterWalk {
 public:
  FrontMatterWalk(const std::string& path, int first_line, std::size_t max_values)
      : path_(path), first_line_(first_line), max_values_(max_values), budget_(max_values) {}

  // False when a limit is passed; problem() then says which, where.
  bool Walk(const YAML::Node& node, int depth) {
    if (budget_ == 0) {
      return Fail(node, "more than " + std::to_string(max_values_) +
                            " values (YAML aliases count as every value they stand for)");
    }
    --budget_;
    if (node.IsScalar()) {
      if (swallowing_line_ == 0 && node.Scalar().find(kEndKey) != std::string::npos) {
        swallowing_line_ = LineOf(node);
      }
      return true;
    }
    if (!node.IsMap() && !node.IsSequence()) return true;
    if (depth >= kMaxNestingDepth) {
      return Fail(node, "mappings and lists nested more than " + std::to_string(kMaxNestingDepth) +
                            " levels deep");
    }
    if (node.IsMap() && node.size() > kMaxKeys) {
      return Fail(node, "a mapping with more than " + std::to_string(kMaxKeys) + " keys");
    }
    for (const auto& child : node) {
      if (node.IsMap()) {
        if (!Walk(child.first, depth + 1) || !Walk(child.second, depth + 1)) return false;
      } else if (!Walk(child, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  // The file line of the scalar that swallowed the sentinel, or 0.
  int swallowing_line() const { return swallowing_line_; }
  const Diagnostic& problem() const { return problem_; }

 private:
  int LineOf(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? first_line_ : first_line_ + mark.line;
  }
  bool Fail(const YAML::Node& node, std::string reason) {
    problem_ = {path_, LineOf(node), "front matter has " + std::move(reason)};
    return false;
  }

  const std::string& path_;
  int first_line_;
  std::size_t max_values_;
  std::size_t budget_;
  int swallowing_line_ = 0;
  Diagnostic problem_;
};

// The most values a front matter of `bytes` bytes may stand for: a few per byte, as
// written out, leaves room for modest alias use and none for exponential expansion.
std::size_t ValueBudget(std::size_t bytes) { return std::min(kMaxValues, 4 * bytes + 1000); }

// Loads the front matter into *root; on failure sets *problem and returns false.
bool LoadFrontMatter(std::string_view front_matter, const std::string& path, int first_line,
                     YAML::Node* root, Diagnostic* problem) {
  std::string yaml;
  yaml.reserve(front_matter.size() + kEndKey.size() + 5);
  yaml.append(front_matter).append("\n").append(kEndKey).append(": 0\n");
  try {
    *root = YAML::Load(yaml);
  } catch (const YAML::Exception&) {
    // Let the front matter's own error (or lack of one) speak, not the sentinel's.
    try {
      *root = YAML::Load(std::string(front_matter));
    } catch (const YAML::Exception& e) {
      const int line = e.mark.is_null() ? first_line : first_line + e.mark.line;
      *problem = {path, line, "YAML syntax error: " + e.msg};
      return false;
    }
  }
  FrontMatterWalk walk(path, first_line, ValueBudget(front_matter.size()));
  if (!walk.Walk(*root, 0)) {
    *problem = walk.problem();
    return false;
  }
  if (root->IsMap() && !static_cast<const YAML::Node&>(*root)[std::string(kEndKey)]) {
    const int line = walk.swallowing_line();
    *problem = {path, line > 0 ? line : first_line,
                "YAML syntax error: quoted string is never closed"};
    return false;
  }
  return true;
}

ArticleResult Parse(std::string_view bytes, const std::string& path,
                    std::vector<Diagnostic>* warnings, const ReadOptions& options) {
  constexpr int kOpeningLine = 1;
  std::string storage;
  Diagnostic problem;
  const std::optional<std::string_view> prepared = PrepareArticleBytes(
      bytes, path, kOpeningLine, &storage, warnings, &problem, options.encoding);
  if (!prepared) return problem;
  std::string_view text = *prepared;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());

  const Line opening = LineAt(text, 0);
  if (!IsMarkerLine(opening.text, "---")) {
    return Diagnostic{path, kOpeningLine,
                      "no front matter: an article starts with a '---' line, then YAML fields"};
  }
  std::size_t pos = opening.next;
  std::size_t yaml_end = std::string_view::npos;
  while (pos < text.size()) {
    const Line line = LineAt(text, pos);
    if (IsMarkerLine(line.text, "---") || IsMarkerLine(line.text, "...")) {
      yaml_end = pos;
      pos = line.next;
      break;
    }
    pos = line.next;
  }
  if (yaml_end == std::string_view::npos) {
    return Diagnostic{path, kOpeningLine,
                      "unterminated front matter: no closing '---' or '...' line"};
  }

  const int first_yaml_line = kOpeningLine + 1;
  const std::string_view front_matter = text.substr(opening.next, yaml_end - opening.next);
  YAML::Node root;
  if (!LoadFrontMatter(front_matter, path, first_yaml_line, &root, &problem)) return problem;
  std::vector<std::string> unknown;
  MapOptions map_options;
  map_options.fields = &options.fields;
  map_options.unknown = &unknown;
  ArticleResult article = ArticleFromYaml(root, first_yaml_line, kOpeningLine, path, map_options);
  if (!article.ok()) return article;
  unknown.erase(std::remove(unknown.begin(), unknown.end(), kEndKey), unknown.end());
  WarnUnknownFields(unknown, path, warnings);
  // The Markdown after the front matter is the body; a body mapped to a front matter
  // field stands only when there is none.
  const std::string_view markdown = text.substr(pos);
  if (markdown.find_first_not_of(" \t\r\n") != std::string_view::npos || article->body.empty()) {
    article->body = MarkdownToText(markdown);
  }
  return article;
}

}  // namespace

ArticleResult ParseMarkdown(std::string_view bytes, const std::string& path,
                            std::vector<Diagnostic>* warnings, const ReadOptions& options) {
  // Library failures other than syntax errors (allocation, yaml-cpp's invalid-node
  // exceptions) must not escape: the caller skips the file and carries on.
  try {
    return Parse(bytes, path, warnings, options);
  } catch (const std::exception& e) {
    return Diagnostic{path, 0, std::string("cannot read article: ") + e.what()};
  }
}

}  // namespace gazette::corpus
