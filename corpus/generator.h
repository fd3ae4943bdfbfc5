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
  // Rewrites of randomly chosen articles (the same story told again), written after the
  // `count` articles; with truth_out, the stories they form are written there as
  // "<url>\t<story>" lines, one per article of a story of two or more.
  std::uint64_t rewrites = 0;
  std::string truth_out;
  // Planted bursts, written after the rewrites: per burst, articles carrying a burst
  // word ("zorbaxa", "zorbaxb", ...) dated in the two days before 2024-12-31T23:59:59Z,
  // older ones carrying it more often, and articles carrying an evergreen word
  // ("quilvexa", ...) spread over ten years.
  std::uint64_t bursts = 0;
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

// Writes options.count articles (and the rewrites and bursts) under options.out_dir in the seed
// format, 1,000 per folder (`0000/000000.md`) or per file (`part-0000.jsonl`), and the query set.
// The bytes written depend only on the options other than `threads` and `out_dir`: the same seed
// gives identical files. Errors: InvalidArgument for bad options or a
// --source without usable text, IoError (naming the path) for failed writes.
Result<GeneratorReport> GenerateCorpus(const GeneratorOptions& options);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_GENERATOR_H_
