// Reading JSON Lines: one article object per line, the Markdown body in "body".
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus/fields.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

using Json = nlohmann::json;

// Watches nlohmann's parse for what the finished value no longer shows or should
// never hold: a key repeated in one object (the value keeps only the last), objects
// with more than kMaxKeys keys, and nesting deeper than kMaxNestingDepth (such
// values are dropped as they are parsed, so memory stays bounded). Linear.
class RecordGuard {
 public:
  bool operator()(int depth, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (depth >= kMaxNestingDepth) {
          Note("objects and lists nested more than " + std::to_string(kMaxNestingDepth) +
               " levels deep");
        }
        if (event == Json::parse_event_t::object_start) {
          if (open_ == keys_.size()) keys_.emplace_back();
          keys_[open_++].clear();
        }
        break;
      case Json::parse_event_t::object_end:
        --open_;
        break;
      case Json::parse_event_t::key: {
        std::unordered_set<std::string>& seen = keys_[open_ - 1];
        if (seen.size() >= kMaxKeys) {
          Note("an object with more than " + std::to_string(kMaxKeys) + " keys");
          break;
        }
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!seen.insert(key).second) Note("duplicate key \"" + key + "\"");
        break;
      }
      default:
        break;
    }
    // Keep nothing deeper than the limit.
    return depth <= kMaxNestingDepth;
  }

  // The first problem seen, or "".
  const std::string& problem() const { return problem_; }

 private:
  void Note(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }

  std::vector<std::unordered_set<std::string>> keys_;  // one per open object, reused
  std::size_t open_ = 0;
  std::string problem_;
};

// nlohmann's message without its "[json.exception...] parse error at line 1, " prefix.
std::string SyntaxReason(const Json::parse_error& e) {
  std::string_view what = e.what();
  const std::size_t column = what.find("column ");
  if (column != std::string_view::npos) what.remove_prefix(column);
  return "JSON syntax error at " + std::string(what);
}

ArticleResult Parse(std::string_view line_bytes, const std::string& path, int line,
                    std::vector<Diagnostic>* warnings, const ReadOptions& options,
                    bool text_values) {
  std::string storage;
  Diagnostic problem;
  const std::optional<std::string_view> prepared =
      PrepareArticleBytes(line_bytes, path, line, &storage, warnings, &problem, options.encoding);
  if (!prepared) return problem;
  const std::string_view text = *prepared;

  RecordGuard guard;
  Json root;
  try {
    root = Json::parse(text.data(), text.data() + text.size(),
                       [&guard](int depth, Json::parse_event_t event, Json& parsed) {
                         return guard(depth, event, parsed);
                       });
  } catch (const Json::parse_error& e) {
    return Diagnostic{path, line, SyntaxReason(e)};
  }
  if (!guard.problem().empty()) return Diagnostic{path, line, guard.problem()};
  std::vector<std::string> unknown;
  MapOptions map_options;
  map_options.fields = &options.fields;
  map_options.text_values = text_values;
  map_options.unknown = &unknown;
  ArticleResult article = ArticleFromJson(root, line, path, map_options);
  if (article.ok()) WarnUnknownFields(unknown, path, warnings);
  return article;
}

}  // namespace

ArticleResult ParseJsonLine(std::string_view line_bytes, const std::string& path, int line,
                            std::vector<Diagnostic>* warnings, const ReadOptions& options) {
  try {
    return Parse(line_bytes, path, line, warnings, options, /*text_values=*/false);
  } catch (const std::exception& e) {
    return Diagnostic{path, line, std::string("cannot read record: ") + e.what()};
  }
}

ArticleResult ParseCsvRecord(std::string_view record, const std::string& path, int line,
                             std::vector<Diagnostic>* warnings, const ReadOptions& options) {
  try {
    return Parse(record, path, line, warnings, options, /*text_values=*/true);
  } catch (const std::exception& e) {
    return Diagnostic{path, line, std::string("cannot read record: ") + e.what()};
  }
}

std::vector<JsonLine> SplitJsonLines(std::string_view text) {
  std::vector<JsonLine> lines;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view record = text.substr(pos, end - pos);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (record.find_first_not_of(" \t\r") != std::string_view::npos) {
      lines.push_back({record, number});
    }
    pos = end + 1;
  }
  return lines;
}

}  // namespace gazette::corpus
