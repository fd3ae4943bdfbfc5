// `gazette corpus check`: validate article files without indexing.
#include <iostream>
#include <memory>

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

}  // namespace

Command AddCorpusCommand(CLI::App* parent) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* corpus = parent->add_subcommand("corpus", "Work with article files");
  corpus->require_subcommand(1);
  CLI::App* check = corpus->add_subcommand("check", "Validate article files without indexing");
  check->add_option("paths", *paths, "Files or directories")->required();
  return {corpus, [paths, check](const Config&) {
            if (*check) return RunCorpusCheck(*paths);
            return kExitUsage;
          }};
}

}  // namespace gazette
