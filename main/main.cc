// The gazette command line: global options, config loading, and dispatch to the
// subcommand chosen.
#include <CLI/CLI.hpp>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "corpus/article.h"
#include "main/cli_choices.h"
#include "main/commands.h"

namespace gazette {

std::optional<std::int64_t> ParseDateFlag(const std::string& flag, const std::string& text,
                                          bool end_of_day) {
  if (text.empty()) return std::nullopt;
  auto t = corpus::ParseIsoDateTime(text);
  if (!t.ok()) throw CLI::ValidationError(flag, t.status().message());
  return end_of_day && text.size() == 10 ? *t + 86399 : *t;
}

namespace {

// The first word of argv that is neither an option nor a global option's value: the
// subcommand the user meant; empty when there is none.
std::string FirstCommandWord(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strcmp(arg, "--") == 0) return "";
    if (std::strcmp(arg, "--config") == 0 || std::strcmp(arg, "--db") == 0) {
      ++i;
      continue;
    }
    if (arg[0] != '-') return arg;
  }
  return "";
}

// Says what is wrong when argv names no known subcommand; true when it did.
bool ReportUnknownCommand(CLI::App* app, int argc, char** argv) {
  const std::string word = FirstCommandWord(argc, argv);
  std::string names;
  bool known = false;
  for (const CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
    known |= sub->get_name() == word;
  }
  if (known) return false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "--version") return false;
  }
  if (word.empty()) {
    std::cerr << "gazette: a command is required: " << names << "\n";
  } else {
    std::cerr << "gazette: unknown command '" << word << "'; the commands are: " << names << "\n";
  }
  std::cerr << "Run 'gazette --help' or 'gazette COMMAND --help' for more.\n";
  return true;
}

}  // namespace
}  // namespace gazette

int main(int argc, char** argv) {
  using namespace gazette;
  CLI::App app{"gazette: full-text search for news articles", "gazette"};
  app.formatter(HelpFormatter());
  app.set_version_flag("--version", std::string("gazette ") + GAZETTE_VERSION,
                       "Print the version and exit");
  app.require_subcommand(1);
  app.fallthrough();
  std::string config_path;
  std::string db;
  app.add_option("--config", config_path, "Settings file (default: ./gazette.yaml if present)")
      ->type_name("FILE");
  app.add_option("--db", db,
                 "Database: a directory, or a stub file naming shards (default: the "
                 "gazette.yaml 'database' setting, else data/gazette.db)")
      ->type_name("PATH");
  const std::vector<Command> commands = {
      AddIndexCommand(&app),     AddSearchCommand(&app), AddStatsCommand(&app),
      AddServeCommand(&app),     AddCorpusCommand(&app), AddRollbackCommand(&app),
      AddDropCommand(&app),      AddEvalCommand(&app),   AddAlertsCommand(&app),
      AddReplicateCommand(&app), AddManCommand(&app),    AddCompletionCommand(&app)};
  if (ReportUnknownCommand(&app, argc, argv)) return kExitUsage;
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
    config.path = std::filesystem::absolute(config_path).string();
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
