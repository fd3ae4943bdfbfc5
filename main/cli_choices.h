// Option validators that keep their accepted values readable, so that --help, the man
// page and the shell completions list exactly what the parser accepts.
#ifndef GAZETTE_MAIN_CLI_CHOICES_H_
#define GAZETTE_MAIN_CLI_CHOICES_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace gazette {

// Accepts exactly one of `values`; the error names them all once:
// "expected one of a, b, c; got 'x'".
CLI::Validator OneOf(std::vector<std::string> values);

// Accepts a comma-separated list whose items are each one of `values`.
CLI::Validator ListOf(std::vector<std::string> values);

// The values an option accepts (from OneOf or ListOf); empty when it takes any text.
struct Choices {
  std::vector<std::string> values;
  bool comma_list = false;
};
Choices ChoicesOf(CLI::Option* option);

// The value an option takes as help shows it: its type name and accepted choices,
// without CLI11's generic checks (":POSITIVE", ":NONNEGATIVE").
std::string DisplayType(const CLI::Option* option);

// Help that puts each default at the end of the option's description, "(default: X)".
std::shared_ptr<CLI::Formatter> HelpFormatter();

// Every subcommand of `app` (not `app` itself), depth first, in definition order.
std::vector<CLI::App*> Subcommands(CLI::App* app);

// "corpus check" for that subcommand; empty for the root.
std::string CommandPath(const CLI::App* app);

// The options of `app` a user can give, without --help and --version.
std::vector<CLI::Option*> UserOptions(CLI::App* app);

}  // namespace gazette

#endif  // GAZETTE_MAIN_CLI_CHOICES_H_
