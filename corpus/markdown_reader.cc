// Reading a Markdown article: YAML front matter between '---' lines, then the body.
#include <yaml-cpp/yaml.h>

#include <exception>
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

// The file line of the scalar that swallowed the sentinel, or 0.
int SwallowingLine(const YAML::Node& node, int first_line) {
  if (node.IsScalar()) {
    return node.Scalar().find(kEndKey) == std::string::npos ? 0 : first_line + node.Mark().line;
  }
  for (const auto& child : node) {
    const int line = SwallowingLine(node.IsMap() ? child.second : YAML::Node(child), first_line);
    if (line > 0) return line;
  }
  return 0;
}

Status LoadFrontMatter(std::string_view front_matter, const std::string& path, int first_line,
                       YAML::Node* root) {
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
      return LocatedError(path, line, "YAML syntax error: " + e.msg);
    }
    return Status::Ok();
  }
  if (root->IsMap() && !static_cast<const YAML::Node&>(*root)[std::string(kEndKey)]) {
    const int line = SwallowingLine(*root, first_line);
    return LocatedError(path, line > 0 ? line : first_line,
                        "YAML syntax error: quoted string is never closed");
  }
  return Status::Ok();
}

Result<Article> Parse(std::string_view bytes, const std::string& path,
                      std::vector<Diagnostic>* warnings) {
  constexpr int kOpeningLine = 1;
  std::string storage;
  Result<std::string_view> prepared =
      PrepareArticleBytes(bytes, path, kOpeningLine, &storage, warnings);
  if (!prepared.ok()) return prepared.status();
  std::string_view text = *prepared;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());

  const Line opening = LineAt(text, 0);
  if (!IsMarkerLine(opening.text, "---")) {
    return LocatedError(path, kOpeningLine,
                        "no front matter: an article starts with a '---' line, then YAML fields");
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
    return LocatedError(path, kOpeningLine,
                        "unterminated front matter: no closing '---' or '...' line");
  }

  const int first_yaml_line = kOpeningLine + 1;
  const std::string_view front_matter = text.substr(opening.next, yaml_end - opening.next);
  YAML::Node root;
  if (Status loaded = LoadFrontMatter(front_matter, path, first_yaml_line, &root); !loaded.ok()) {
    return loaded;
  }
  Result<Article> article = ArticleFromYaml(root, first_yaml_line, kOpeningLine, path);
  if (!article.ok()) return article;
  article->body = MarkdownToText(text.substr(pos));
  return article;
}

}  // namespace

Result<Article> ParseMarkdown(std::string_view bytes, const std::string& path,
                              std::vector<Diagnostic>* warnings) {
  // Library failures other than syntax errors (allocation, yaml-cpp's invalid-node
  // exceptions) must not escape: the caller skips the file and carries on.
  try {
    return Parse(bytes, path, warnings);
  } catch (const std::exception& e) {
    return Status::Internal(path + ": cannot read article: " + e.what());
  }
}

}  // namespace gazette::corpus
