// The gazette command line: global options, config loading, and dispatch to the
// subcommand chosen.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "corpus/article.h"
#include "main/commands.h"

namespace gazette {

std::optional<std::int64_t> ParseDateFlag(const std::string& flag, const std::string& text,
                                          bool end_of_day) {
  if (text.empty()) return std::nullopt;
  auto t = corpus::ParseIsoDateTime(text);
  if (!t.ok()) throw CLI::ValidationError(flag, t.status().message());
  return end_of_day && text.size() == 10 ? *t + 86399 : *t;
}

}  // namespace gazette

int main(int argc, char** argv) {
  using namespace gazette;
  CLI::App app{"gazette: full-text search for news articles"};
  app.require_subcommand(1);
  app.fallthrough();
  std::string config_path;
  std::string db;
  app.add_option("--config", config_path, "Settings file (default: ./gazette.yaml if present)");
  app.add_option("--db", db, "Database directory (default: data/gazette.db)");
  const std::vector<Command> commands = {AddIndexCommand(&app),  AddSearchCommand(&app),
                                         AddStatsCommand(&app),  AddServeCommand(&app),
                                         AddCorpusCommand(&app), AddRollbackCommand(&app),
                                         AddDropCommand(&app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  Config config;
  if (config_path.empty() && std::filesystem::exists("gazette.yaml")) config_path = "gazette.yaml";
  if (!config_path.empty()) {
    auto loaded = LoadConfig(config_path);
    if (!loaded.ok()) {
      std::cerr << "gazette: " << loaded.status().message() << "\n";
      return kExitUsage;
    }
    config = *loaded;
  }
  if (!db.empty()) config.db = db;
  try {
    for (const Command& command : commands) {
      if (command.app->parsed()) return command.run(config);
    }
  } catch (const CLI::ValidationError& e) {
    std::cerr << "gazette: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
