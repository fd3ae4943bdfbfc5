// The RFC 4180 CSV parser.
#include "corpus/csv.h"

#include <set>

namespace gazette::corpus {
namespace {

class CsvParser {
 public:
  explicit CsvParser(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  int line() const { return line_; }

  // One row read; when !ok, `problem` says why (the parser then stands at the next row,
  // unless `unterminated`: a quoted field never closed).
  struct Row {
    std::vector<std::string> fields;
    bool ok = true;
    bool unterminated = false;
    CsvProblem problem;
  };

  Row ReadRow() {
    Row row;
    bool& ok = row.ok;
    CsvProblem* problem = &row.problem;
    while (true) {
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const int open_line = line_, open_column = Column();
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            *problem = {open_line, open_column, "quoted field never closes"};
            row.unterminated = true;
            row.ok = false;
            return row;
          }
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field.push_back('"');
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') NewLine();
          field.push_back(c);
        }
        if (pos_ < text_.size() && !AtFieldEnd()) {
          if (ok) *problem = {line_, Column(), "text after a closing quote"};
          ok = false;
          SkipToFieldEnd();
        }
      } else {
        while (pos_ < text_.size() && !AtFieldEnd()) {
          if (text_[pos_] == '"' && ok) {
            *problem = {line_, Column(), "quote inside an unquoted field"};
            ok = false;
          }
          field.push_back(text_[pos_++]);
        }
      }
      row.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return row;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      // Line end: "\n" or "\r\n" (a lone "\r" ends the row too).
      if (text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      NewLine();
      return row;
    }
  }

  // True when the rest of the current line is empty; skips it.
  bool SkipBlankLine() {
    std::size_t p = pos_;
    if (p < text_.size() && text_[p] == '\r') ++p;
    if (p < text_.size() && text_[p] == '\n') {
      pos_ = p + 1;
      NewLine();
      return true;
    }
    return p >= text_.size();
  }

 private:
  bool AtFieldEnd() const {
    const char c = text_[pos_];
    return c == ',' || c == '\n' || c == '\r';
  }
  void SkipToFieldEnd() {
    while (pos_ < text_.size() && !AtFieldEnd()) ++pos_;
  }
  void NewLine() {
    ++line_;
    line_start_ = pos_;
  }
  int Column() const { return static_cast<int>(pos_ - line_start_) + 1; }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

Status Error(const std::string& path, int line, int column, const std::string& reason,
             CsvProblem* fatal) {
  if (fatal != nullptr) *fatal = {line, column, reason};
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                 ": " + reason);
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, const std::string& path, CsvProblem* fatal) {
  CsvParser parser(text);
  CsvTable table;
  while (!parser.AtEnd() && parser.SkipBlankLine()) {
  }
  if (parser.AtEnd()) return Error(path, parser.line(), 1, "no header row", fatal);
  const int header_line = parser.line();
  CsvParser::Row header = parser.ReadRow();
  if (!header.ok) {
    return Error(path, header.problem.line, header.problem.column,
                 "header: " + header.problem.message, fatal);
  }
  table.header = std::move(header.fields);
  std::set<std::string> names;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string& name = table.header[i];
    if (name.empty()) {
      return Error(path, header_line, 1, "header: column " + std::to_string(i + 1) + " has no name",
                   fatal);
    }
    if (!names.insert(name).second) {
      return Error(path, header_line, 1, "header: \"" + name + "\" repeated", fatal);
    }
  }
  while (!parser.AtEnd()) {
    if (parser.SkipBlankLine()) continue;
    CsvRow row;
    row.line = parser.line();
    CsvParser::Row read = parser.ReadRow();
    if (!read.ok) {
      if (read.unterminated) {
        return Error(path, read.problem.line, read.problem.column, read.problem.message, fatal);
      }
      table.problems.push_back(read.problem);
      continue;
    }
    row.fields = std::move(read.fields);
    if (row.fields.size() != table.header.size()) {
      table.problems.push_back({row.line, 1,
                                std::to_string(row.fields.size()) + " fields, the header has " +
                                    std::to_string(table.header.size())});
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace gazette::corpus
