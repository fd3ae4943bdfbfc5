// Reads the articles of a corpus with gazette's own readers, for the bench tools that
// index outside gazette's pipeline (plain_xapian, write_floor).
#ifndef GAZETTE_BENCH_ARTICLES_H_
#define GAZETTE_BENCH_ARTICLES_H_

#include <string>
#include <vector>

#include "corpus/reader.h"

namespace gazette::bench {

// Calls take(file, line, article) for every article under `paths`, in file order (line
// 0 for a Markdown file; `article` is an error for a broken one), until take returns
// false. Unreadable files are left out. Returns the error when the inputs cannot be
// listed.
template <typename Take>
Status ForEachArticle(const std::vector<std::string>& paths, Take take) {
  auto files = corpus::ListInputs(paths);
  if (!files.ok()) return files.status();
  std::vector<corpus::Diagnostic> warnings;
  for (const corpus::InputFile& f : *files) {
    auto bytes = corpus::ReadFileBytes(f.path, corpus::kDefaultMaxFileBytes);
    if (!bytes.ok()) continue;
    if (f.format == corpus::InputFormat::kMarkdown) {
      if (!take(f, 0, corpus::ParseMarkdown(*bytes, f.path, &warnings))) break;
    } else {
      bool more = true;
      for (const corpus::JsonLine& line : corpus::SplitJsonLines(*bytes)) {
        more = take(f, line.line, corpus::ParseJsonLine(line.bytes, f.path, line.line, &warnings));
        if (!more) break;
      }
      if (!more) break;
    }
    warnings.clear();
  }
  return Status::Ok();
}

}  // namespace gazette::bench

#endif  // GAZETTE_BENCH_ARTICLES_H_
