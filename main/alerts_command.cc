// `gazette alerts`: recent matches of saved searches (and the searches themselves);
// the hook that makes index runs match them.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/dates.h"
#include "main/alerts_hook.h"
#include "main/commands.h"

namespace gazette {

std::unique_ptr<AlertsHook> AlertsHook::Attach(const std::string& db_path,
                                               indexer::IndexOptions* options, bool create) {
  const std::string path = alerts::StorePathFor(db_path);
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) return nullptr;
  auto store = alerts::Store::Open(path);
  if (!store.ok()) {
    std::cerr << "warning: saved searches are not matched: " << store.status().message() << "\n";
    return nullptr;
  }
  std::unique_ptr<AlertsHook> hook(new AlertsHook());
  hook->store_ = std::move(*store);
  hook->matcher_ = std::make_unique<alerts::AlertMatcher>(db_path, hook->store_.get());
  options->observer = hook->matcher_.get();
  return hook;
}

void AlertsHook::Report() const {
  const Status status = matcher_->status();
  if (!status.ok()) std::cerr << "warning: saved searches: " << status.message() << "\n";
  const alerts::AlertMatcher::Totals t = matcher_->totals();
  if (t.searches == 0) return;
  std::fprintf(stderr,
               "alerts: %llu match(es) of %zu saved search(es) in %llu article(s), %.3f s\n",
               static_cast<unsigned long long>(t.matches), t.searches,
               static_cast<unsigned long long>(t.documents), t.seconds);
}

namespace {

struct AlertsArgs {
  std::string search;
  int limit = 20;
  bool searches = false;
  bool json = false;
};

int ListSearches(alerts::Store& store, bool json) {
  auto searches = store.List();
  if (!searches.ok()) {
    std::cerr << "gazette alerts: " << searches.status().message() << "\n";
    return kExitFatal;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const alerts::SavedSearch& s : *searches) {
    if (json) {
      list.push_back(alerts::ToJson(s));
      continue;
    }
    std::printf("%s  %-24s  %s%s\n", s.id.c_str(), s.name.c_str(),
                alerts::ParamsJson(s.request).dump().c_str(),
                s.webhook.empty() ? "" : ("  -> " + s.webhook).c_str());
  }
  if (json) std::cout << nlohmann::json{{"saved_searches", list}}.dump(2) << "\n";
  return kExitOk;
}

int RunAlerts(const Config& config, const AlertsArgs& args) {
  const std::string path = alerts::StorePathFor(config.db);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cerr << "gazette alerts: no saved searches for " << config.db << " (" << path
              << " does not exist; create them through the API of gazette serve)\n";
    return kExitFatal;
  }
  auto store = alerts::Store::Open(path);
  if (!store.ok()) {
    std::cerr << "gazette alerts: " << store.status().message() << "\n";
    return kExitFatal;
  }
  if (args.searches) return ListSearches(**store, args.json);
  auto matches = (*store)->Recent(args.search, args.limit);
  if (!matches.ok()) {
    std::cerr << "gazette alerts: " << matches.status().message() << "\n";
    return kExitFatal;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const alerts::Match& m : *matches) {
    if (args.json) {
      list.push_back(alerts::ToJson(m));
      continue;
    }
    std::printf("%s  %s  %-7s  %s  %s\n", FormatIsoUtc(m.matched_at).c_str(),
                m.search_id.substr(0, 8).c_str(), m.change.c_str(), m.article.title.c_str(),
                m.article.url.empty() ? m.article.id.c_str() : m.article.url.c_str());
  }
  if (args.json) std::cout << nlohmann::json{{"matches", list}}.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

Command AddAlertsCommand(CLI::App* parent) {
  auto args = std::make_shared<AlertsArgs>();
  CLI::App* app = parent->add_subcommand(
      "alerts", "List recent matches of saved searches (newest first), or the searches");
  app->add_option("--search", args->search, "Only the matches of this saved search")
      ->type_name("ID");
  app->add_option("--limit", args->limit, "How many matches")
      ->check(CLI::Range(1, 10000))
      ->type_name("N")
      ->capture_default_str();
  app->add_flag("--searches", args->searches, "List the saved searches instead");
  app->add_flag("--json", args->json, "Print as JSON");
  app->footer(R"(Saved searches are created through the API of gazette serve (POST
/api/saved-searches, with --admin-token); every article `gazette index` adds or changes
afterwards is matched against them (docs/api.md).

Examples:
  gazette alerts --db news.db                      # the 20 newest matches
  gazette alerts --db news.db --search 3f2a... --limit 5
  gazette alerts --db news.db --searches --json)");
  return {app, [args](const Config& config) { return RunAlerts(config, *args); }};
}

}  // namespace gazette
