// Legacy encodings to UTF-8 with ICU: declared, detected (ucsdet) or windows-1252.
#include "corpus/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <string_view>

#include "corpus/internal.h"
#include "corpus/reader.h"

namespace gazette::corpus {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// True when most non-ASCII bytes of `text` form valid UTF-8 sequences: UTF-8 text with
// stray bytes, not text in another encoding.
bool MostlyUtf8(std::string_view text) {
  std::size_t valid = 0, invalid = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t bad = FindInvalidUtf8(text.substr(pos));
    const std::size_t end = bad == std::string_view::npos ? text.size() : pos + bad;
    for (std::size_t i = pos; i < end; ++i) valid += static_cast<unsigned char>(text[i]) >= 0x80;
    if (end == text.size()) break;
    ++invalid;
    pos = end + 1;
  }
  return valid > 0 && invalid * 10 <= (valid + invalid);
}

// Converts `text` from `encoding` to UTF-8; false when ICU cannot.
bool Convert(const std::string& encoding, std::string* text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> from(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, ConverterCloser> to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) return false;
  std::string out(text->size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = text->data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source,
                 text->data() + text->size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(target - out.data()));
  text->swap(out);
  return true;
}

// ICU's best guess and its confidence, or "" when it has none.
std::pair<std::string, int> Detect(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return {"", 0};
  ucsdet_setText(detector.get(), text.data(), static_cast<int32_t>(text.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return {"", 0};
  const char* name = ucsdet_getName(match, &status);
  const int confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr) return {"", 0};
  return {name, confidence};
}

}  // namespace

std::string Decoding::Describe() const {
  std::string out = "not valid UTF-8; decoded as " + encoding;
  if (!reason.empty()) out += " (" + reason + ")";
  return out;
}

Decoding DecodeToUtf8(std::string* text, const std::string& declared) {
  Decoding d;
  if (IsValidUtf8(*text)) return d;
  d.changed = true;
  d.encoding = "windows-1252";
  if (MostlyUtf8(*text)) {
    EnsureUtf8(text);
    return d;
  }
  if (!declared.empty() && Convert(declared, text)) {
    d.encoding = declared;
    d.reason = "declared";
    return d;
  }
  const auto [detected, confidence] = Detect(*text);
  // Western single-byte guesses are no better than the windows-1252 fallback, which
  // also keeps any valid UTF-8 sequences.
  if (!detected.empty() && detected != "UTF-8" && detected != "ISO-8859-1" &&
      detected != "windows-1252" && confidence >= kMinDetectionConfidence &&
      Convert(detected, text)) {
    d.encoding = detected;
    d.reason = "detected, confidence " + std::to_string(confidence);
    return d;
  }
  EnsureUtf8(text);
  return d;
}

Status CheckEncoding(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || name.empty()) {
    return Status::InvalidArgument("unknown encoding \"" + name + "\"");
  }
  return Status::Ok();
}

}  // namespace gazette::corpus
