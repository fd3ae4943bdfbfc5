// libFuzzer target: a JSON Lines file split into records, each through the reader.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "corpus/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const gazette::corpus::JsonLine& record : gazette::corpus::SplitJsonLines(text)) {
    std::vector<gazette::corpus::Diagnostic> warnings;
    auto article =
        gazette::corpus::ParseJsonLine(record.bytes, "fuzz.jsonl", record.line, &warnings);
    if (!article.ok() && article.status().message().empty()) __builtin_trap();
  }
  return 0;
}
