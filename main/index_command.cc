// `gazette index`: progress on a terminal, a summary at the end, exit status by outcome.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "main/commands.h"

namespace gazette {
namespace {

std::string Clock(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

void ShowProgress(const indexer::IndexProgress& p) {
  const double rate = p.elapsed_s > 0 ? static_cast<double>(p.records) / p.elapsed_s : 0;
  const double fraction =
      p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                        : 0;
  std::string eta = "--:--";
  if (fraction > 0.01 && fraction < 1) eta = Clock(p.elapsed_s * (1 - fraction) / fraction);
  std::fprintf(stderr, "\r  %llu articles  %3.0f%%  %.0f art/s  ETA %s   ",
               static_cast<unsigned long long>(p.records), fraction * 100, rate, eta.c_str());
  std::fflush(stderr);
}


struct IndexArgs {
  std::vector<std::string> paths;
  std::string collection = "default";
  bool prune = false;
  bool quiet = false;
  bool json = false;
  int threads = -1;
};

int RunIndex(const Config& config, const IndexArgs& args) {
  indexer::IndexOptions options;
  options.db_path = config.db;
  options.collection = args.collection;
  options.prune = args.prune;
  options.threads = args.threads >= 0 ? args.threads : config.threads;
  options.batch_size = config.batch_size;
  const bool tty = !args.quiet && isatty(STDERR_FILENO);
  if (tty) options.on_progress = ShowProgress;

  auto result = indexer::IndexPaths(args.paths, options);
  if (tty) std::fprintf(stderr, "\r%70s\r", "");
  if (!result.ok()) {
    std::cerr << "gazette index: " << result.status().message() << "\n";
    return kExitFatal;
  }
  const indexer::IndexSummary& s = *result;
  const std::uint64_t processed = s.indexed + s.updated + s.unchanged + s.skipped.size();
  const double rate = s.elapsed_s > 0 ? static_cast<double>(processed) / s.elapsed_s : 0;
  const double mb_s = s.elapsed_s > 0 ? static_cast<double>(s.bytes) / 1e6 / s.elapsed_s : 0;
  if (args.json) {
    nlohmann::json j = {{"indexed", s.indexed},     {"updated", s.updated},
                        {"unchanged", s.unchanged}, {"deleted", s.deleted},
                        {"documents", s.documents}, {"elapsed_s", s.elapsed_s},
                        {"articles_per_s", rate},   {"mb_per_s", mb_s}};
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& d : s.skipped) {
      skipped.push_back({{"path", d.path}, {"line", d.line}, {"reason", d.message}});
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& d : s.warnings) {
      warnings.push_back({{"path", d.path}, {"line", d.line}, {"message", d.message}});
    }
    j["skipped"] = std::move(skipped);
    j["warnings"] = std::move(warnings);
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& w : s.warnings) std::cerr << "warning: " << w.ToString() << "\n";
    for (const auto& d : s.skipped) std::cerr << "skipped: " << d.ToString() << "\n";
    std::printf(
        "indexed %llu, updated %llu, unchanged %llu, skipped %zu, deleted %llu; "
        "%llu documents in %s\n",
        static_cast<unsigned long long>(s.indexed), static_cast<unsigned long long>(s.updated),
        static_cast<unsigned long long>(s.unchanged), s.skipped.size(),
        static_cast<unsigned long long>(s.deleted), static_cast<unsigned long long>(s.documents),
        config.db.c_str());
    std::printf("%.2f s, %.0f articles/s, %.1f MB/s (%.1f MB read)\n", s.elapsed_s, rate, mb_s,
                static_cast<double>(s.bytes) / 1e6);
  }
  return s.skipped.empty() ? kExitOk : kExitPartial;
}

}  // namespace

Command AddIndexCommand(CLI::App* parent) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* app =
      parent->add_subcommand("index", "Index article files (.md, .jsonl) into the database");
  app->add_option("paths", args->paths, "Files or directories to index")->required();
  app->add_option("--collection", args->collection, "Collection to file the articles under");
  app->add_flag("--prune", args->prune, "Delete articles of the collection whose files are gone");
  app->add_option("--threads", args->threads, "Parse/analyse threads (default: cores - 1)");
  app->add_flag("--quiet,-q", args->quiet, "No progress line");
  app->add_flag("--json", args->json, "Print the summary as JSON");
  return {app, [args](const Config& config) { return RunIndex(config, *args); }};
}

}  // namespace gazette
