// Readers: article files on disk (Markdown with YAML front matter, JSON Lines) -> Article.
#ifndef GAZETTE_CORPUS_READER_H_
#define GAZETTE_CORPUS_READER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "corpus/article.h"
#include "corpus/field_map.h"

namespace gazette::corpus {

enum class InputFormat { kMarkdown, kJsonLines, kCsv };

// One input file found under a path given on the command line.
struct InputFile {
  std::string path;      // usable with open(): the root argument joined with `relative`
  std::string relative;  // path relative to the root argument ("" parts joined by '/')
  InputFormat format;
  std::uintmax_t size = 0;
};

// A problem with one input, named by file and line (line 0: the file as a whole).
struct Diagnostic {
  std::string path;
  int line = 0;
  std::string message;
  // "path:line: message", or "path: message" when line is 0. Control characters,
  // backslashes and bytes that are not UTF-8 in the path are escaped (\n, \x1b, \\),
  // so a file name cannot forge or garble a line of output.
  std::string ToString() const;
};

// An Article, or the Diagnostic saying why the input is not one (the reader's
// structured reason; status() carries it as InvalidArgument "path:line: reason").
class ArticleResult : public Result<Article> {
 public:
  ArticleResult(Article article)  // NOLINT: implicit by design
      : Result<Article>(std::move(article)) {}
  ArticleResult(Diagnostic problem)  // NOLINT: implicit by design
      : Result<Article>(Status::InvalidArgument(problem.ToString())),
        problem_(std::move(problem)) {}
  // REQUIRES: !ok()
  const Diagnostic& problem() const { return problem_; }

 private:
  Diagnostic problem_;
};

// Limits on one input; past them it is skipped with a Diagnostic naming the limit.
// Parsing time and memory per article are linear in its size within them.
// Files larger than this are refused as "huge" unless the caller sets its own limit.
inline constexpr std::size_t kDefaultMaxFileBytes = 64u << 20;  // 64 MiB
// A single article (a .md file or a JSON line) larger than this is refused.
inline constexpr std::size_t kDefaultMaxArticleBytes = 8u << 20;  // 8 MiB
// Mappings and lists nested deeper than this (front matter or JSON record).
inline constexpr int kMaxNestingDepth = 32;
// Values in one article, counting each YAML alias as every value it stands for
// (so a "billion laughs" of nested aliases is refused, not expanded).
inline constexpr std::size_t kMaxValues = 1000000;
// Keys in one mapping (the front matter, a JSON object, a provider, an image).
inline constexpr std::size_t kMaxKeys = 10000;
// Entries in an article's topics list.
inline constexpr std::size_t kMaxTopics = 10000;

// One record of a JSON Lines file: its bytes (without the line break) and 1-based line.
struct JsonLine {
  std::string_view bytes;
  int line = 0;
};

// How a run reads its inputs beyond gazette's own input format.
struct ReadOptions {
  FieldMap fields;       // the source field of each gazette field (index.fields, --map)
  std::string encoding;  // of inputs that are not UTF-8 (index.encoding, --encoding); "": detect
};

// Lists the .md/.markdown, .jsonl and .csv files under each path (a file or a directory,
// walked recursively; hidden entries skipped), sorted by path. A path given that does
// not exist or cannot be read is NotFound/IoError naming it. Below a given directory,
// subdirectories that cannot be read and input-named symbolic links that lead nowhere
// (dangling, looping) are appended to *skipped (when not null) and the walk goes on.
Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths,
                                          std::vector<Diagnostic>* skipped = nullptr);

// Reads a whole file. Files above max_bytes are InvalidArgument ("file is too large:
// N bytes, limit M"); unreadable files are IoError. Messages name the path; *problem
// (when not null) receives the same failure as a Diagnostic.
Result<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes,
                                  Diagnostic* problem = nullptr);

// Makes `text` valid UTF-8. Valid input is left untouched and false is returned.
// Otherwise every byte that is not part of a well-formed UTF-8 sequence is decoded as
// windows-1252 (ICU converter) -- the usual encoding of mislabelled Western news text
// -- while valid sequences are kept, and true is returned so the caller can warn.
// Never fails. Thread-safe.
bool EnsureUtf8(std::string* text);

// Turns a Markdown body into plain text with md4c: markup dropped, link and image
// text kept, paragraphs and list items separated by blank lines.
std::string MarkdownToText(std::string_view markdown);

// Parses one Markdown article: a YAML front matter block between '---' lines, then an
// optional Markdown body. Errors are a Diagnostic (path, line, reason; line is the
// file's line of the offending key or syntax error), for: no front matter, YAML
// syntax errors, duplicate keys, wrong field types (`quality: "high"`), out-of-range
// values, impossible dates, missing or empty title, binary content (NUL bytes), and
// any limit above. Fields are read through options.fields; `secured` is kept only
// when it is text (it is opaque: never indexed, never returned). Non-fatal problems
// are appended to *warnings: the encoding text that is not UTF-8 was decoded as
// (options.encoding, else detected, else windows-1252), and one warning per field
// that is neither mapped nor known (line 0: "field "x" is neither mapped nor known:
// ignored"), which callers report once per file.
ArticleResult ParseMarkdown(std::string_view bytes, const std::string& path,
                            std::vector<Diagnostic>* warnings, const ReadOptions& options = {});

// Parses one JSON Lines record (one JSON object using the same field names, with the
// Markdown body in "body"). `line` is its 1-based line number, used in messages.
// Same checks, options, warnings and error form as ParseMarkdown.
ArticleResult ParseJsonLine(std::string_view line_bytes, const std::string& path, int line,
                            std::vector<Diagnostic>* warnings, const ReadOptions& options = {});

// Reads a CSV file (RFC 4180, a header row naming the fields; decoded as ParseMarkdown
// decodes, with one warning for the file) into one JSON object per row, {header:
// value} with empty cells left out, written to *records (one per line) and returned as
// JsonLines tagged with the row's first file line. Rows that cannot be read are
// appended to *problems ("column N: reason"). When the file cannot be read at all (no
// usable header, a quoted field that never closes, binary content) returns nullopt
// and sets *failure (line, "column N: reason").
std::optional<std::vector<JsonLine>> ReadCsvRecords(std::string_view bytes, const std::string& path,
                                                    const ReadOptions& options,
                                                    std::string* records,
                                                    std::vector<Diagnostic>* problems,
                                                    std::vector<Diagnostic>* warnings,
                                                    Diagnostic* failure);

// Parses one record from ReadCsvRecords as ParseJsonLine does, its values being text:
// numbers (quality), true/false (published) and topic lists ("a; b", "a|b", "a, b")
// are read from it.
ArticleResult ParseCsvRecord(std::string_view record, const std::string& path, int line,
                             std::vector<Diagnostic>* warnings, const ReadOptions& options = {});

// Reads every article of `file` (its `bytes`, in any input format) through `options`,
// calling each(ArticleResult) per article or per record that cannot be read (a CSV
// file that cannot be read at all is one failed result); warnings are appended.
// Stops when each returns false.
void ForEachArticle(const InputFile& file, std::string_view bytes, const ReadOptions& options,
                    const std::function<bool(const ArticleResult&)>& each,
                    std::vector<Diagnostic>* warnings);

// Splits JSON Lines text into records; blank lines are skipped, "\r\n" is accepted.
std::vector<JsonLine> SplitJsonLines(std::string_view text);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_READER_H_
