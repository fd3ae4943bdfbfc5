// `gazette corpus check` (validate article files without indexing) and `gazette corpus
// generate` (write a synthetic corpus and query set).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "corpus/generator.h"
#include "corpus/reader.h"
#include "main/commands.h"

namespace gazette {
namespace {

int RunCorpusCheck(const std::vector<std::string>& paths) {
  auto files = corpus::ListInputs(paths);
  if (!files.ok()) {
    std::cerr << "gazette corpus check: " << files.status().message() << "\n";
    return kExitFatal;
  }
  std::size_t good = 0;
  std::size_t bad = 0;
  std::vector<corpus::Diagnostic> warnings;
  auto report = [&](const Result<corpus::Article>& article) {
    if (article.ok()) {
      ++good;
    } else {
      ++bad;
      std::cerr << "error: " << article.status().message() << "\n";
    }
  };
  for (const auto& file : *files) {
    auto bytes = corpus::ReadFileBytes(file.path, corpus::kDefaultMaxFileBytes);
    if (!bytes.ok()) {
      ++bad;
      std::cerr << "error: " << bytes.status().message() << "\n";
      continue;
    }
    if (file.format == corpus::InputFormat::kMarkdown) {
      report(corpus::ParseMarkdown(*bytes, file.path, &warnings));
    } else {
      for (const auto& line : corpus::SplitJsonLines(*bytes)) {
        report(corpus::ParseJsonLine(line.bytes, file.path, line.line, &warnings));
      }
    }
  }
  for (const auto& w : warnings) std::cerr << "warning: " << w.ToString() << "\n";
  std::cout << good << " articles ok, " << bad << " broken, " << warnings.size() << " warnings in "
            << files->size() << " files\n";
  return bad == 0 ? kExitOk : kExitPartial;
}

// Flags of `corpus generate`, kept alive with the CLI11 app that fills them.
struct GenerateFlags {
  corpus::GeneratorOptions options;
  std::string format = "md";
};

int RunCorpusGenerate(const GenerateFlags& flags) {
  corpus::GeneratorOptions options = flags.options;
  options.format = flags.format == "jsonl" ? corpus::GeneratedFormat::kJsonLines
                                           : corpus::GeneratedFormat::kMarkdown;
  const auto start = std::chrono::steady_clock::now();
  auto report = corpus::GenerateCorpus(options);
  if (!report.ok()) {
    std::cerr << "gazette corpus generate: " << report.status().message() << "\n";
    return report.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu articles in %llu files (%.1f MB), %llu queries, %.1f s\n",
              static_cast<unsigned long long>(report->articles),
              static_cast<unsigned long long>(report->files),
              static_cast<double>(report->bytes) / 1e6,
              static_cast<unsigned long long>(report->queries), seconds);
  return kExitOk;
}

}  // namespace

Command AddCorpusCommand(CLI::App* parent) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* corpus = parent->add_subcommand("corpus", "Work with article files");
  corpus->require_subcommand(1);
  CLI::App* check = corpus->add_subcommand("check", "Validate article files without indexing");
  check->add_option("paths", *paths, "Files or directories")->required();

  auto gen = std::make_shared<GenerateFlags>();
  CLI::App* generate =
      corpus->add_subcommand("generate", "Write a synthetic corpus (and query set) for benchmarks");
  generate->add_option("--count", gen->options.count, "Number of articles")->required();
  generate->add_option("--out", gen->options.out_dir, "Output directory");
  generate->add_option("--seed", gen->options.seed, "Random seed: same seed, same bytes");
  generate->add_option("--format", gen->format, "md (one file per article) or jsonl")
      ->check(CLI::IsMember({"md", "jsonl"}));
  generate->add_option("--source", gen->options.source_dir,
                       "Sample sentences from the articles under this directory");
  generate->add_option("--words", gen->options.mean_words, "Average body length in words");
  generate->add_option("--threads", gen->options.threads, "Writer threads (default: cores)");
  generate->add_option("--queries", gen->options.queries, "Number of queries to write");
  generate->add_option("--queries-out", gen->options.queries_out, "Query file, one per line");
  return {corpus, [paths, check, gen, generate](const Config&) {
            if (*check) return RunCorpusCheck(*paths);
            if (*generate) return RunCorpusGenerate(*gen);
            return kExitUsage;
          }};
}

}  // namespace gazette
