// Synthetic news corpora at any scale, and query sets that match them, for benchmarks
// and tests: `gazette corpus generate`.
#ifndef GAZETTE_CORPUS_GENERATOR_H_
#define GAZETTE_CORPUS_GENERATOR_H_

#include <cstdint>
#include <string>

#include "base/status.h"

namespace gazette::corpus {

enum class GeneratedFormat { kMarkdown, kJsonLines };

struct GeneratorOptions {
  std::uint64_t count = 0;  // articles to write
  std::string out_dir;      // created if missing; existing files of the same names are replaced
  std::uint64_t seed = 1;
  GeneratedFormat format = GeneratedFormat::kMarkdown;
  // Empty: bodies from the built-in vocabulary model (Zipf over a fixed word list).
  // Otherwise: sentences sampled from the articles found under this path.
  std::string source_dir;
  int mean_words = 550;  // average body length in words
  int threads = 0;       // writer threads; 0 = one per core
  // Queries to write to queries_out (one per line); 0 = none.
  std::uint64_t queries = 0;
  std::string queries_out;
};

// What GenerateCorpus wrote.
struct GeneratorReport {
  std::uint64_t articles = 0;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t queries = 0;
};

// Writes options.count articles under options.out_dir in the seed format, 1,000 per
// folder (`0000/000000.md`) or per file (`part-0000.jsonl`), and the query set. The
// bytes written depend only on the options other than `threads` and `out_dir`: the
// same seed gives identical files. Errors: InvalidArgument for bad options or a
// --source without usable text, IoError (naming the path) for failed writes.
Result<GeneratorReport> GenerateCorpus(const GeneratorOptions& options);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_GENERATOR_H_
