// Turning article text in a legacy encoding (GB18030, Shift_JIS, EUC-KR, Big5, ...)
// into UTF-8: the encoding declared for the run, else ICU's charset detection, else
// windows-1252.
#ifndef GAZETTE_CORPUS_ENCODING_H_
#define GAZETTE_CORPUS_ENCODING_H_

#include <string>

#include "base/status.h"

namespace gazette::corpus {

// Below this ICU detection confidence (0..100) a detected encoding is not trusted.
inline constexpr int kMinDetectionConfidence = 50;

// How DecodeToUtf8 read a text.
struct Decoding {
  bool changed = false;  // false: the text was valid UTF-8 and is untouched
  // The encoding the text was read as: as declared, ICU's name of the one detected
  // ("GB18030", "Shift_JIS", "EUC-KR", "Big5"), or "windows-1252".
  std::string encoding;
  // Why, when not windows-1252: "declared" or "detected, confidence N".
  std::string reason;
  // "not valid UTF-8; decoded as GB18030 (detected, confidence 100)", or "not valid
  // UTF-8; decoded as windows-1252".
  std::string Describe() const;
};

// Makes *text valid UTF-8. Valid UTF-8 is left untouched. Text that is UTF-8 apart from
// a few stray bytes (at least 9 of 10 of its non-ASCII bytes form valid sequences) keeps
// its valid characters and reads the stray bytes as windows-1252. Other text is
// converted from `declared` when it is not empty (an encoding name ICU knows,
// CheckEncoding), else from what ICU's charset detection finds with at least
// kMinDetectionConfidence (unless a Western single-byte encoding), else its invalid
// bytes are read as windows-1252. Never fails; thread-safe.
Decoding DecodeToUtf8(std::string* text, const std::string& declared);

// InvalidArgument naming `name` unless ICU has a converter for it ("gb18030", "Big5",
// "shift_jis", "euc-kr", "windows-1252", ...).
Status CheckEncoding(const std::string& name);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_ENCODING_H_
