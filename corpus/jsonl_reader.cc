// Reading JSON Lines: one article object per line, the Markdown body in "body".
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/fields.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

using Json = nlohmann::json;

// Remembers the keys of each open object while nlohmann parses, because the finished
// value keeps only the last of two equal keys.
class DuplicateKeyFinder {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        if (open_ == keys_.size()) keys_.emplace_back();
        keys_[open_++].clear();
        break;
      case Json::parse_event_t::object_end:
        --open_;
        break;
      case Json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        std::vector<std::string>& seen = keys_[open_ - 1];
        for (const std::string& s : seen) {
          if (s == key && duplicate_.empty()) duplicate_ = key;
        }
        seen.push_back(key);
        break;
      }
      default:
        break;
    }
    return true;
  }

  const std::string& duplicate() const { return duplicate_; }

 private:
  std::vector<std::vector<std::string>> keys_;  // one per open object, reused
  std::size_t open_ = 0;
  std::string duplicate_;
};

// nlohmann's message without its "[json.exception...] parse error at line 1, " prefix.
std::string SyntaxReason(const Json::parse_error& e) {
  std::string_view what = e.what();
  const std::size_t column = what.find("column ");
  if (column != std::string_view::npos) what.remove_prefix(column);
  return "JSON syntax error at " + std::string(what);
}

Result<Article> Parse(std::string_view line_bytes, const std::string& path, int line,
                      std::vector<Diagnostic>* warnings) {
  std::string storage;
  Result<std::string_view> prepared =
      PrepareArticleBytes(line_bytes, path, line, &storage, warnings);
  if (!prepared.ok()) return prepared.status();
  const std::string_view text = *prepared;

  DuplicateKeyFinder finder;
  Json root;
  try {
    root = Json::parse(text.data(), text.data() + text.size(),
                       [&finder](int depth, Json::parse_event_t event, Json& parsed) {
                         return finder(depth, event, parsed);
                       });
  } catch (const Json::parse_error& e) {
    return LocatedError(path, line, SyntaxReason(e));
  }
  if (!finder.duplicate().empty()) {
    return LocatedError(path, line, "duplicate key \"" + finder.duplicate() + "\"");
  }
  return ArticleFromJson(root, line, path);
}

}  // namespace

Result<Article> ParseJsonLine(std::string_view line_bytes, const std::string& path, int line,
                              std::vector<Diagnostic>* warnings) {
  try {
    return Parse(line_bytes, path, line, warnings);
  } catch (const std::exception& e) {
    return Status::Internal(path + ":" + std::to_string(line) +
                            ": cannot read record: " + e.what());
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
