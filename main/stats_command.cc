// `gazette stats`: facts about the database, for people or as JSON.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "main/commands.h"

namespace gazette {
namespace {

int RunStats(const Config& config, bool json) {
  auto stats = indexer::ReadStats(config.db);
  if (!stats.ok()) {
    std::cerr << "gazette stats: " << stats.status().message() << "\n";
    return kExitFatal;
  }
  const auto& s = *stats;
  if (json) {
    nlohmann::json collections = nlohmann::json::object();
    for (const auto& [name, n] : s.collections) collections[name] = n;
    nlohmann::json j = {
        {"documents", s.documents},
        {"terms", s.terms},
        {"average_length", s.average_length},
        {"size_bytes", s.size_bytes},
        {"revision", s.revision},
        {"generation", s.generation},
        {"shards", s.shards},
        {"collections", collections},
        {"oldest", s.oldest.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.oldest)},
        {"newest", s.newest.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.newest)}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("database     %s (revision %s)\n", config.db.c_str(), s.revision.c_str());
  std::printf("documents    %llu\n", static_cast<unsigned long long>(s.documents));
  std::printf("terms        %llu\n", static_cast<unsigned long long>(s.terms));
  std::printf("avg length   %.1f terms\n", s.average_length);
  std::printf("size         %.1f MB\n", static_cast<double>(s.size_bytes) / 1e6);
  if (!s.oldest.empty()) std::printf("dates        %s .. %s\n", s.oldest.c_str(), s.newest.c_str());
  for (const auto& [name, n] : s.collections) {
    std::printf("collection   %s: %llu\n", name.c_str(), static_cast<unsigned long long>(n));
  }
  return kExitOk;
}

}  // namespace

Command AddStatsCommand(CLI::App* parent) {
  auto json = std::make_shared<bool>(false);
  CLI::App* app = parent->add_subcommand("stats", "Describe the database");
  app->add_flag("--json", *json, "Print as JSON");
  app->footer(
      "Examples:\n  gazette stats --db news.db\n  gazette stats --db news.db --json | jq "
      ".documents");
  return {app, [json](const Config& config) { return RunStats(config, *json); }};
}

}  // namespace gazette
