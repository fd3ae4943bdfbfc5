// The gazette subcommands, each wired to CLI11 by main.cc (private to main/).
#ifndef GAZETTE_MAIN_COMMANDS_H_
#define GAZETTE_MAIN_COMMANDS_H_

#include <string>
#include <vector>

#include "main/config.h"

namespace gazette {

// Exit statuses (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFatal = 1;    // nothing useful done: bad database, no input...
inline constexpr int kExitUsage = 2;    // bad command line or config
inline constexpr int kExitPartial = 3;  // some inputs skipped, the rest indexed

struct IndexArgs {
  std::vector<std::string> paths;
  std::string collection = "default";
  bool prune = false;
  bool quiet = false;
  bool json = false;
};
int RunIndex(const Config& config, const IndexArgs& args);

struct SearchArgs {
  query::SearchRequest request;
  bool json = false;
};
int RunSearch(const Config& config, const SearchArgs& args);

int RunStats(const Config& config, bool json);
int RunServe(const Config& config);
int RunCorpusCheck(const std::vector<std::string>& paths);

}  // namespace gazette

#endif  // GAZETTE_MAIN_COMMANDS_H_
