// Every article of one input file, whatever its format.
#include <string>

#include "corpus/reader.h"

namespace gazette::corpus {

void ForEachArticle(const InputFile& file, std::string_view bytes, const ReadOptions& options,
                    const std::function<bool(const ArticleResult&)>& each,
                    std::vector<Diagnostic>* warnings) {
  switch (file.format) {
    case InputFormat::kMarkdown:
      each(ParseMarkdown(bytes, file.path, warnings, options));
      return;
    case InputFormat::kJsonLines:
      for (const JsonLine& line : SplitJsonLines(bytes)) {
        if (!each(ParseJsonLine(line.bytes, file.path, line.line, warnings, options))) return;
      }
      return;
    case InputFormat::kCsv: {
      std::string records;
      std::vector<Diagnostic> problems;
      Diagnostic failure;
      auto lines =
          ReadCsvRecords(bytes, file.path, options, &records, &problems, warnings, &failure);
      if (!lines) {
        each(ArticleResult(std::move(failure)));
        return;
      }
      for (Diagnostic& problem : problems) {
        if (!each(ArticleResult(std::move(problem)))) return;
      }
      for (const JsonLine& line : *lines) {
        if (!each(ParseCsvRecord(line.bytes, file.path, line.line, warnings, options))) return;
      }
      return;
    }
  }
}

}  // namespace gazette::corpus
