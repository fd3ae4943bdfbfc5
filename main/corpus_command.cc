// `gazette corpus check` (validate article files without indexing) and `gazette corpus
// generate` (write a synthetic corpus and query set).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "corpus/generator.h"
#include "corpus/reader.h"
#include "main/cli_choices.h"
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
    corpus::ForEachArticle(
        file, *bytes, {},
        [&](const corpus::ArticleResult& article) {
          report(article);
          return true;
        },
        &warnings);
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
  check->add_option("paths", *paths, "Files or directories")->required()->type_name("PATH");
  check->footer(
      "Exit status: 0 every article parses, 3 some are broken (each listed on stderr).\n\n"
      "Examples:\n  gazette corpus check ~/articles\n  gazette corpus check feed.jsonl "
      "2>problems.txt");

  auto gen = std::make_shared<GenerateFlags>();
  CLI::App* generate =
      corpus->add_subcommand("generate", "Write a synthetic corpus (and query set) for benchmarks");
  generate->add_option("--count", gen->options.count, "Number of articles")
      ->required()
      ->type_name("N");
  generate->add_option("--out", gen->options.out_dir, "Output directory")->type_name("DIR");
  generate->add_option("--seed", gen->options.seed, "Random seed: same seed, same bytes")
      ->type_name("S")
      ->capture_default_str();
  generate->add_option("--format", gen->format, "md (one file per article) or jsonl")
      ->check(OneOf({"md", "jsonl"}))
      ->type_name("FORMAT")
      ->capture_default_str();
  generate
      ->add_option("--source", gen->options.source_dir,
                   "Sample sentences from the articles under this directory")
      ->type_name("DIR")
      ->default_str("a built-in vocabulary");
  generate->add_option("--words", gen->options.mean_words, "Average body length in words")
      ->type_name("N")
      ->capture_default_str();
  generate->add_option("--threads", gen->options.threads, "Writer threads")
      ->type_name("N")
      ->default_str("one per core");
  generate
      ->add_option("--rewrites", gen->options.rewrites,
                   "Rewrites of random articles (the same story told again), after the others")
      ->type_name("N")
      ->capture_default_str();
  generate
      ->add_option("--truth-out", gen->options.truth_out,
                   "Write the stories the rewrites form: <url> TAB <story> per line")
      ->type_name("FILE");
  generate
      ->add_option("--bursts", gen->options.bursts,
                   "Planted bursts: burst words in recent days, evergreen words spread out")
      ->type_name("N")
      ->capture_default_str();
  generate->add_option("--queries", gen->options.queries, "Number of queries to write")
      ->type_name("N")
      ->capture_default_str();
  generate->add_option("--queries-out", gen->options.queries_out, "Query file, one per line")
      ->type_name("FILE");
  generate->footer(
      "Examples:\n  gazette corpus generate --count 100000 --out /tmp/gen --seed 7\n"
      "  gazette corpus generate --count 1000 --out /tmp/gen --format jsonl --queries 200 "
      "--queries-out /tmp/gen/queries.txt\n"
      "  gazette corpus generate --count 5000 --rewrites 1000 --truth-out /tmp/truth.tsv "
      "--out /tmp/gen");
  return {corpus, [paths, check, gen, generate](const Config&) {
            if (*check) return RunCorpusCheck(*paths);
            if (*generate) return RunCorpusGenerate(*gen);
            return kExitUsage;
          }};
}

}  // namespace gazette
