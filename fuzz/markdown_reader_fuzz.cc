// libFuzzer target: one Markdown article (YAML front matter and body) through the reader.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "corpus/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<gazette::corpus::Diagnostic> warnings;
  auto article = gazette::corpus::ParseMarkdown(bytes, "fuzz.md", &warnings);
  if (!article.ok() && article.status().message().empty()) __builtin_trap();
  return 0;
}
