// RFC 4180 CSV: a header row, then one record per row; quoted fields may hold commas,
// line breaks and doubled quotes.
#ifndef GAZETTE_CORPUS_CSV_H_
#define GAZETTE_CORPUS_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace gazette::corpus {

struct CsvRow {
  int line = 0;  // file line on which the row starts
  std::vector<std::string> fields;
};

// A row that could not be read; the rows around it are kept.
struct CsvProblem {
  int line = 0;
  int column = 0;  // 1-based byte column on `line`
  std::string message;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // blank lines skipped
  std::vector<CsvProblem> problems;
};

// Parses CSV text (LF or CRLF line ends, a leading UTF-8 byte order mark skipped).
// Rows with a stray quote inside an unquoted field, text after a closing quote, or
// another number of fields than the header are reported in `problems` and left out.
// InvalidArgument "path:line:column: reason" when the file cannot be read at all: no
// header, an empty or repeated header name, or a quoted field that never closes;
// *fatal (when not null) then receives its line, column and reason.
Result<CsvTable> ParseCsv(std::string_view text, const std::string& path,
                          CsvProblem* fatal = nullptr);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_CSV_H_
