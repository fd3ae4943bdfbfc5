// The gazette subcommands: each file adds one to the command line and says what runs
// when it is chosen (private to main/).
#ifndef GAZETTE_MAIN_COMMANDS_H_
#define GAZETTE_MAIN_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "indexer/indexer.h"
#include "main/config.h"

namespace gazette {

// Exit statuses (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFatal = 1;        // nothing useful done: bad database, no input...
inline constexpr int kExitUsage = 2;        // bad command line or config
inline constexpr int kExitPartial = 3;      // some inputs skipped, the rest indexed
inline constexpr int kExitGateRefused = 4;  // a rebuild failed its gate; live index untouched

// A subcommand: its CLI11 app, and what runs (with the loaded config) when chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const Config&)> run;
};

Command AddIndexCommand(CLI::App* parent);
Command AddSearchCommand(CLI::App* parent);
Command AddStatsCommand(CLI::App* parent);
Command AddServeCommand(CLI::App* parent);
Command AddCorpusCommand(CLI::App* parent);
Command AddRollbackCommand(CLI::App* parent);
Command AddDropCommand(CLI::App* parent);
Command AddEvalCommand(CLI::App* parent);
Command AddAlertsCommand(CLI::App* parent);
Command AddReplicateCommand(CLI::App* parent);
// `man` and `completion` describe `parent` (the whole command line) itself.
Command AddManCommand(CLI::App* parent);
Command AddCompletionCommand(CLI::App* parent);

// `gazette index --watch`: indexes `paths`, then keeps indexing them as files land,
// committing within `commit_interval_ms`, until SIGINT or SIGTERM; saved searches fire.
int RunWatch(const Config& config, const std::vector<std::string>& paths,
             indexer::IndexOptions options, long commit_interval_ms, bool json);

// Writes gazette(1) in roff for the command line `root`.
void WriteManPage(CLI::App* root, const std::string& version, std::ostream& out);

// Parses a date flag (YYYY-MM-DD or ISO date-time); a date-only `end_of_day` value
// means the last second of that day. Throws CLI::ValidationError naming the flag.
std::optional<std::int64_t> ParseDateFlag(const std::string& flag, const std::string& text,
                                          bool end_of_day);

}  // namespace gazette

#endif  // GAZETTE_MAIN_COMMANDS_H_
