// Private to corpus/: maps a parsed YAML front matter or JSON object onto an Article.
#ifndef GAZETTE_CORPUS_FIELDS_H_
#define GAZETTE_CORPUS_FIELDS_H_

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "base/status.h"
#include "corpus/article.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace YAML {
class Node;
}  // namespace YAML

namespace gazette::corpus {

// Maps a front matter node to an Article (body left empty). `first_line` is the file
// line of the YAML text's first line; `opening_line` that of the opening '---', which
// is blamed for a missing title. Type, range, date and duplicate-key errors are
// Diagnostics "field: reason" at the line at fault. May throw yaml-cpp exceptions.
ArticleResult ArticleFromYaml(const YAML::Node& root, int first_line, int opening_line,
                              const std::string& path, const MapOptions& options = {});

// Maps one JSON Lines record to an Article; its "body" member is Markdown and is
// converted to text. Every error names `line`. Duplicate keys must be caught while
// parsing: the json value no longer has them.
ArticleResult ArticleFromJson(const nlohmann::json& root, int line, const std::string& path,
                              const MapOptions& options = {});

// Appends a line-0 warning to *warnings (when not null) for each of `unknown`, the
// fields neither mapped nor known.
void WarnUnknownFields(const std::vector<std::string>& unknown, const std::string& path,
                       std::vector<Diagnostic>* warnings);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_FIELDS_H_
