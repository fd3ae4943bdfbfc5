// Private to corpus/: the checks and helpers both article readers share.
#ifndef GAZETTE_CORPUS_INTERNAL_H_
#define GAZETTE_CORPUS_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "corpus/reader.h"

namespace gazette::corpus {

class FieldMap;

// How ArticleMapper reads records beyond gazette's own input format.
struct MapOptions {
  const FieldMap* fields = nullptr;  // source field of each gazette field; null: none
  // Values are text (CSV): numbers, booleans and topic lists are read from their text.
  bool text_values = false;
  // Receives each top-level key that is neither mapped nor known (may be null).
  std::vector<std::string>* unknown = nullptr;
};

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and values above U+10FFFF are ill-formed), or npos if there is none.
std::size_t FindInvalidUtf8(std::string_view text);
inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos;
}

// Checks one article's raw bytes (size limit, binary junk) and makes them valid UTF-8
// (DecodeToUtf8, with `encoding` as declared for the run, or "").
// Returns a view of `bytes`, or of *storage when the text had to be re-encoded (a
// warning naming the encoding is then appended to *warnings, which may be null).
// `first_line` is the file line on which `bytes` starts. On failure sets *problem and
// returns nullopt.
std::optional<std::string_view> PrepareArticleBytes(std::string_view bytes, const std::string& path,
                                                    int first_line, std::string* storage,
                                                    std::vector<Diagnostic>* warnings,
                                                    Diagnostic* problem,
                                                    const std::string& encoding = "");

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_INTERNAL_H_
