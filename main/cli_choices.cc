// OneOf/ListOf validators and the CLI tree walks used by help, man page and completion.
#include "main/cli_choices.h"

namespace gazette {
namespace {

constexpr char kChoicesName[] = "choices";

std::string Joined(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : separator) + v;
  return out;
}

std::string ListDescription(const std::vector<std::string>& values, bool comma_list) {
  return "{" + Joined(values, ",") + "}" + (comma_list ? ",..." : "");
}

std::string CheckOne(const std::vector<std::string>& values, const std::string& value) {
  for (const auto& v : values) {
    if (v == value) return "";
  }
  return "expected one of " + Joined(values, ", ") + "; got '" + value + "'";
}

}  // namespace

CLI::Validator OneOf(std::vector<std::string> values) {
  CLI::Validator v([values](std::string& value) { return CheckOne(values, value); },
                   ListDescription(values, false), kChoicesName);
  return v;
}

CLI::Validator ListOf(std::vector<std::string> values) {
  CLI::Validator v(
      [values](std::string& text) {
        for (std::size_t start = 0; start <= text.size();) {
          std::size_t comma = text.find(',', start);
          if (comma == std::string::npos) comma = text.size();
          const std::string item = text.substr(start, comma - start);
          start = comma + 1;
          if (item.empty()) continue;
          if (!CheckOne(values, item).empty()) {
            return "unknown value '" + item + "' (known: " + Joined(values, ", ") + ")";
          }
        }
        return std::string();
      },
      ListDescription(values, true), kChoicesName);
  return v;
}

Choices ChoicesOf(CLI::Option* option) {
  Choices choices;
  std::string description;
  try {
    description = option->get_validator(kChoicesName)->get_description();
  } catch (const CLI::OptionNotFound&) {
    return choices;
  }
  const std::size_t close = description.find('}');
  if (description.empty() || description[0] != '{' || close == std::string::npos) return choices;
  choices.comma_list = description.compare(close + 1, std::string::npos, ",...") == 0;
  const std::string inner = description.substr(1, close - 1);
  for (std::size_t start = 0; start <= inner.size();) {
    std::size_t comma = inner.find(',', start);
    if (comma == std::string::npos) comma = inner.size();
    if (comma > start) choices.values.push_back(inner.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

std::string DisplayType(const CLI::Option* option) {
  std::string type = option->get_type_name();
  for (const std::string generic : {":POSITIVE", ":NONNEGATIVE"}) {
    for (std::size_t at; (at = type.find(generic)) != std::string::npos;) {
      type.erase(at, generic.size());
    }
  }
  return type;
}

namespace {

class Formatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override {
    if (opt->get_type_size() == 0) return "";
    std::string out = " " + DisplayType(opt);
    if (opt->get_expected_max() > 1) out += " ...";
    if (opt->get_required()) out += " (required)";
    return out;
  }
  std::string make_option_desc(const CLI::Option* opt) const override {
    std::string desc = opt->get_description();
    if (!opt->get_default_str().empty()) desc += " (default: " + opt->get_default_str() + ")";
    return desc;
  }
};

}  // namespace

std::shared_ptr<CLI::Formatter> HelpFormatter() { return std::make_shared<Formatter>(); }

std::vector<CLI::App*> Subcommands(CLI::App* app) {
  std::vector<CLI::App*> out;
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    out.push_back(sub);
    for (CLI::App* nested : Subcommands(sub)) out.push_back(nested);
  }
  return out;
}

std::string CommandPath(const CLI::App* app) {
  std::string path;
  for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent()) {
    path = app->get_name() + (path.empty() ? "" : " " + path);
  }
  return path;
}

std::vector<CLI::Option*> UserOptions(CLI::App* app) {
  return app->get_options(
      [app](CLI::Option* o) { return o != app->get_help_ptr() && o != app->get_version_ptr(); });
}

}  // namespace gazette
