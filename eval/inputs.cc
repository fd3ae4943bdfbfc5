// Reading query files (TSV, BEIR JSON Lines) and judgments (TREC qrels, BEIR TSV).
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "eval/eval.h"

namespace gazette::eval {
namespace {

Status LineError(const std::string& path, int line, const std::string& reason) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + reason);
}

Result<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (in.bad()) return Status::IoError(path + ": read failed");
  return lines;
}

bool Blank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

std::vector<std::string> SplitOn(const std::string& line, bool tabs_only) {
  std::vector<std::string> fields;
  const char* separators = tabs_only ? "\t" : " \t";
  std::size_t start = tabs_only ? 0 : line.find_first_not_of(separators);
  while (start != std::string::npos && start <= line.size()) {
    std::size_t end = line.find_first_of(separators, start);
    if (end == std::string::npos) end = line.size();
    fields.push_back(line.substr(start, end - start));
    if (end == line.size()) break;
    start = tabs_only ? end + 1 : line.find_first_not_of(separators, end);
  }
  return fields;
}

bool ParseGrade(const std::string& text, int* grade) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || errno != 0 || value < -1000000 || value > 1000000) return false;
  *grade = static_cast<int>(value);
  return true;
}

}  // namespace

Result<std::vector<Query>> ReadQueries(const std::string& path) {
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  bool jsonl = false;
  for (const std::string& line : *lines) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos) {
      jsonl = line[first] == '{';
      break;
    }
  }
  std::vector<Query> queries;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    const int number = static_cast<int>(i + 1);
    if (Blank(line)) continue;
    Query q;
    if (jsonl) {
      nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object()) {
        return LineError(path, number, "not a JSON object");
      }
      auto id = record.find("_id");
      auto text = record.find("text");
      if (id == record.end() || !(id->is_string() || id->is_number_integer())) {
        return LineError(path, number, "\"_id\" missing or not a string");
      }
      if (text == record.end() || !text->is_string()) {
        return LineError(path, number, "\"text\" missing or not a string");
      }
      q.id = id->is_string() ? id->get<std::string>() : std::to_string(id->get<long long>());
      q.text = text->get<std::string>();
    } else {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) {
        return LineError(path, number, "expected `query-id<TAB>query text`");
      }
      q.id = line.substr(0, tab);
      q.text = line.substr(tab + 1);
    }
    if (q.id.empty()) return LineError(path, number, "empty query id");
    if (!seen.insert(q.id).second) {
      return LineError(path, number, "query id \"" + q.id + "\" repeated");
    }
    queries.push_back(std::move(q));
  }
  if (queries.empty()) return Status::InvalidArgument(path + ": no queries");
  return queries;
}

Result<Qrels> ReadQrels(const std::string& path) {
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  Qrels qrels;
  bool first = true;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    const int number = static_cast<int>(i + 1);
    if (Blank(line)) continue;
    // BEIR: three tab-separated columns, the first line a header; TREC: four columns.
    std::vector<std::string> fields =
        SplitOn(line, line.find('\t') != std::string::npos && SplitOn(line, true).size() == 3);
    int grade = 0;
    if (fields.size() == 3 && first && !ParseGrade(fields[2], &grade)) {
      first = false;
      continue;  // BEIR header
    }
    first = false;
    std::string qid, docid, grade_text;
    if (fields.size() == 4) {
      qid = fields[0], docid = fields[2], grade_text = fields[3];
    } else if (fields.size() == 3) {
      qid = fields[0], docid = fields[1], grade_text = fields[2];
    } else {
      return LineError(path, number,
                       "expected `query-id 0 doc-id grade` (TREC) or "
                       "`query-id<TAB>doc-id<TAB>grade` (BEIR)");
    }
    if (!ParseGrade(grade_text, &grade)) {
      return LineError(path, number, "grade \"" + grade_text + "\" is not a whole number");
    }
    if (!qrels[qid].emplace(docid, grade).second) {
      return LineError(path, number, "query " + qid + " judges document " + docid + " twice");
    }
  }
  if (qrels.empty()) return Status::InvalidArgument(path + ": no judgments");
  return qrels;
}

}  // namespace gazette::eval
