// Readers: article files on disk (Markdown with YAML front matter, JSON Lines) -> Article.
#ifndef GAZETTE_CORPUS_READER_H_
#define GAZETTE_CORPUS_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "corpus/article.h"

namespace gazette::corpus {

enum class InputFormat { kMarkdown, kJsonLines };

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
  // "path:line: message", or "path: message" when line is 0.
  std::string ToString() const;
};

// Files larger than this are refused as "huge" unless the caller sets its own limit.
inline constexpr std::size_t kDefaultMaxFileBytes = 64u << 20;  // 64 MiB
// A single article (a .md file or a JSON line) larger than this is refused.
inline constexpr std::size_t kDefaultMaxArticleBytes = 8u << 20;  // 8 MiB

// Lists the .md/.markdown and .jsonl files under each path (a file or a directory,
// walked recursively; hidden entries skipped), sorted by path. A path that does not
// exist or cannot be read is NotFound/IoError naming it.
Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths);

// Reads a whole file. Files above max_bytes are InvalidArgument ("file is too large:
// N bytes, limit M"); unreadable files are IoError. Messages name the path.
Result<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes);

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
// optional Markdown body. Errors are InvalidArgument with "path:line: reason" (line is
// the file's line of the offending key or syntax error), for: no front matter, YAML
// syntax errors, duplicate keys, wrong field types (`quality: "high"`), out-of-range
// values, impossible dates, missing or empty title, binary content (NUL bytes), and
// articles over kDefaultMaxArticleBytes. Unknown fields are ignored. Non-fatal
// problems (encoding fallback) are appended to *warnings.
Result<Article> ParseMarkdown(std::string_view bytes, const std::string& path,
                              std::vector<Diagnostic>* warnings);

// Parses one JSON Lines record (one JSON object using the same field names, with the
// Markdown body in "body"). `line` is its 1-based line number, used in messages.
// Same checks and error form as ParseMarkdown.
Result<Article> ParseJsonLine(std::string_view line_bytes, const std::string& path, int line,
                              std::vector<Diagnostic>* warnings);

// One record of a JSON Lines file: its bytes (without the line break) and 1-based line.
struct JsonLine {
  std::string_view bytes;
  int line = 0;
};

// Splits JSON Lines text into records; blank lines are skipped, "\r\n" is accepted.
std::vector<JsonLine> SplitJsonLines(std::string_view text);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_READER_H_
