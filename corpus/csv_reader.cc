// CSV files as article records: decoded, parsed (corpus/csv.h), one JSON object per row.
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "corpus/csv.h"
#include "corpus/encoding.h"
#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {

std::optional<std::vector<JsonLine>> ReadCsvRecords(std::string_view bytes, const std::string& path,
                                                    const ReadOptions& options,
                                                    std::string* records,
                                                    std::vector<Diagnostic>* problems,
                                                    std::vector<Diagnostic>* warnings,
                                                    Diagnostic* failure) {
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
    *failure = {path, 0, "binary content, not CSV (NUL byte)"};
    return std::nullopt;
  }
  std::string text(bytes);
  const Decoding decoding = DecodeToUtf8(&text, options.encoding);
  if (decoding.changed && warnings != nullptr) {
    warnings->push_back({path, 0, decoding.Describe()});
  }
  CsvProblem fatal;
  auto table = ParseCsv(text, path, &fatal);
  if (!table.ok()) {
    *failure = {path, fatal.line, "column " + std::to_string(fatal.column) + ": " + fatal.message};
    return std::nullopt;
  }
  for (const CsvProblem& p : table->problems) {
    problems->push_back({path, p.line, "column " + std::to_string(p.column) + ": " + p.message});
  }
  records->clear();
  std::vector<std::pair<std::size_t, int>> starts;  // offset in *records, file line
  for (const CsvRow& row : table->rows) {
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (!row.fields[i].empty()) record[table->header[i]] = row.fields[i];
    }
    starts.emplace_back(records->size(), row.line);
    records->append(record.dump()).push_back('\n');
  }
  std::vector<JsonLine> lines;
  lines.reserve(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1].first : records->size();
    lines.push_back({std::string_view(*records).substr(starts[i].first, end - 1 - starts[i].first),
                     starts[i].second});
  }
  return lines;
}

}  // namespace gazette::corpus
