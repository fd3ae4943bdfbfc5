// Converting the Cranfield collection from SMART format.
#include "eval/cranfield.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <vector>

namespace gazette::eval {
namespace {

// One SMART record: its .I number and the text of each field (.T, .W, ...), lines
// joined by single spaces.
struct SmartRecord {
  std::string number;
  int line = 0;
  std::map<char, std::string> fields;
};

Status LineError(const std::string& path, int line, const std::string& reason) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + reason);
}

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string Trim(const std::string& s) {
  const std::size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r") + 1 - begin);
}

// A field marker is a line ".X" or ".I <n>" with X an upper-case letter.
bool IsMarker(const std::string& line) {
  return line.size() >= 2 && line[0] == '.' && std::isupper(static_cast<unsigned char>(line[1])) &&
         (line.size() == 2 || line[2] == ' ');
}

Result<std::vector<SmartRecord>> ReadSmart(const std::string& path) {
  auto bytes = ReadAll(path);
  if (!bytes.ok()) return bytes.status();
  std::vector<SmartRecord> records;
  std::istringstream in(*bytes);
  char field = 0;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsMarker(line)) {
      field = line[1];
      if (field == 'I') {
        SmartRecord record;
        record.number = Trim(line.substr(2));
        record.line = number;
        if (record.number.empty()) return LineError(path, number, ".I without a number");
        records.push_back(std::move(record));
      } else if (records.empty()) {
        return LineError(path, number, "field ." + std::string(1, field) + " before any .I");
      }
      continue;
    }
    const std::string text = Trim(line);
    if (text.empty()) continue;
    if (records.empty() || field == 'I') {
      return LineError(path, number, "text outside a field");
    }
    std::string& value = records.back().fields[field];
    if (!value.empty()) value.push_back(' ');
    value += text;
  }
  return records;
}

// Escapes the characters that Markdown would read as markup, so the body is indexed as
// the text it is.
std::string EscapeMarkdown(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::strchr("\\`*_{}[]<>#+-.!|", c) != nullptr) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError(path.string() + ": cannot write: " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

int CranfieldGrade(int code) {
  if (code == -1) return 0;
  if (code >= 1 && code <= 4) return 5 - code;
  return -1;
}

Result<CranfieldCounts> ConvertCranfield(const std::string& source_dir,
                                         const std::string& out_dir) {
  namespace fs = std::filesystem;
  const fs::path source(source_dir);
  const std::string docs_path = (source / "cran.all.1400").string();
  const std::string queries_path = (source / "cran.qry").string();
  const std::string qrels_path = (source / "cranqrel").string();
  auto docs = ReadSmart(docs_path);
  if (!docs.ok()) return docs.status();
  auto queries = ReadSmart(queries_path);
  if (!queries.ok()) return queries.status();
  auto qrels = ReadAll(qrels_path);
  if (!qrels.ok()) return qrels.status();

  CranfieldCounts counts;
  std::set<std::string> doc_numbers;
  std::string articles;
  for (const SmartRecord& d : *docs) {
    if (!doc_numbers.insert(d.number).second) {
      return LineError(docs_path, d.line, "document " + d.number + " repeated");
    }
    auto title = d.fields.find('T');
    auto text = d.fields.find('W');
    if (title == d.fields.end() || text == d.fields.end()) {
      ++counts.empty;
      continue;
    }
    nlohmann::ordered_json article = {
        {"id", d.number}, {"title", title->second}, {"body", EscapeMarkdown(text->second)}};
    articles += article.dump() + "\n";
    ++counts.documents;
  }

  std::string query_lines;
  for (const SmartRecord& q : *queries) {
    auto text = q.fields.find('W');
    if (text == q.fields.end()) return LineError(queries_path, q.line, "query without .W");
    query_lines += std::to_string(++counts.queries) + "\t" + text->second + "\n";
  }

  std::string judgments;
  std::set<std::pair<int, std::string>> judged;
  std::istringstream in(*qrels);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (Trim(line).empty()) continue;
    std::istringstream fields(line);
    int qid = 0, code = 0;
    std::string docid, rest;
    if (!(fields >> qid >> docid >> code) || (fields >> rest)) {
      return LineError(qrels_path, number, "expected `query document code`");
    }
    if (qid < 1 || qid > counts.queries) {
      return LineError(qrels_path, number,
                       "query " + std::to_string(qid) + " is not one of the " +
                           std::to_string(counts.queries) + " queries");
    }
    if (doc_numbers.count(docid) == 0) {
      return LineError(qrels_path, number, "unknown document " + docid);
    }
    const int grade = CranfieldGrade(code);
    if (grade < 0) {
      return LineError(qrels_path, number,
                       "relevance code " + std::to_string(code) + " is not 1..4 or -1");
    }
    if (!judged.emplace(qid, docid).second) {
      return LineError(qrels_path, number,
                       "query " + std::to_string(qid) + " judges document " + docid + " twice");
    }
    judgments += std::to_string(qid) + " 0 " + docid + " " + std::to_string(grade) + "\n";
    ++counts.judgments;
  }

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError(out_dir + ": cannot create: " + ec.message());
  for (const auto& [name, bytes] :
       {std::pair<const char*, const std::string&>{"cranfield.jsonl", articles},
        {"queries.tsv", query_lines},
        {"qrels.txt", judgments}}) {
    Status written = WriteFile(fs::path(out_dir) / name, bytes);
    if (!written.ok()) return written;
  }
  return counts;
}

}  // namespace gazette::eval
