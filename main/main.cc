// The gazette command line: index, search, stats, serve, corpus check.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "corpus/article.h"
#include "main/commands.h"

namespace {

using gazette::Config;

// Parses a --since/--until style date; exits with a usage error naming the flag.
std::optional<std::int64_t> ParseDateFlag(const std::string& flag, const std::string& text,
                                          bool end_of_day) {
  if (text.empty()) return std::nullopt;
  auto t = gazette::corpus::ParseIsoDateTime(text);
  if (!t.ok()) throw CLI::ValidationError(flag, t.status().message());
  return end_of_day && text.size() == 10 ? *t + 86399 : *t;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gazette: full-text search for news articles"};
  app.require_subcommand(1);
  app.fallthrough();
  std::string config_path;
  std::string db;
  app.add_option("--config", config_path, "Settings file (default: ./gazette.yaml if present)");
  app.add_option("--db", db, "Database directory (default: data/gazette.db)");

  gazette::IndexArgs index_args;
  int threads = -1;
  auto* index = app.add_subcommand("index", "Index article files (.md, .jsonl) into the database");
  index->add_option("paths", index_args.paths, "Files or directories to index")->required();
  index->add_option("--collection", index_args.collection, "Collection to file the articles under");
  index->add_flag("--prune", index_args.prune,
                  "Delete articles of the collection whose files are gone");
  index->add_option("--threads", threads, "Parse/analyse threads (default: one per core)");
  index->add_flag("--quiet,-q", index_args.quiet, "No progress line");
  index->add_flag("--json", index_args.json, "Print the summary as JSON");

  gazette::SearchArgs search_args;
  gazette::query::SearchRequest& req = search_args.request;
  std::string since, until, sort, facets;
  std::optional<double> w_quality, w_recency, half_life;
  std::string origin;
  auto* search = app.add_subcommand("search", "Search the database");
  search->add_option("query", req.query, "Query (words, \"phrases\", AND/OR/NOT, field:value)");
  search->add_option("--topic", req.topics, "Only articles with this topic (repeatable)");
  search->add_flag("--all-topics", req.all_topics, "Require every --topic, not any");
  search->add_option("--provider", req.providers, "Only this provider (repeatable)");
  search->add_option("--site", req.sites, "Only this provider domain (repeatable)");
  search->add_option("--category", req.categories, "Only this category (repeatable)");
  search->add_option("--type", req.types, "Only this type (repeatable)");
  search->add_option("--lang", req.languages, "Only this language (repeatable)");
  search->add_option("--collection", req.collections, "Only this collection (repeatable)");
  search->add_option("--since", since, "Published on or after DATE (YYYY-MM-DD)");
  search->add_option("--until", until, "Published on or before DATE (YYYY-MM-DD)");
  search->add_option("--min-quality", req.min_quality, "Minimum quality (0-100)");
  search->add_option("--sort", sort, "relevance, newest, oldest or quality");
  search->add_option("--page", req.page, "Page number (from 1)");
  search->add_option("--per-page", req.per_page, "Hits per page");
  search->add_option("--facets", facets,
                     "Comma-separated: topic,provider,category,type,language,collection,date");
  search->add_flag("--explain", req.explain, "Show each hit's score components");
  search->add_flag("--json", search_args.json, "Print the response as JSON");
  search->add_option("--quality-weight", w_quality, "Weight of quality in the score");
  search->add_option("--recency-weight", w_recency, "Weight of recency in the score");
  search->add_option("--half-life", half_life, "Recency half-life in days");
  search->add_option("--origin", origin, "Date recency is measured from (default: now)");

  bool stats_json = false;
  auto* stats = app.add_subcommand("stats", "Describe the database");
  stats->add_flag("--json", stats_json, "Print as JSON");

  std::string listen;
  int server_threads = -1;
  auto* serve = app.add_subcommand("serve", "Serve the search page and JSON API over HTTP");
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default: 127.0.0.1:8080)");
  serve->add_option("--threads", server_threads, "Worker threads (default: one per core)");

  std::vector<std::string> check_paths;
  auto* corpus = app.add_subcommand("corpus", "Work with article files");
  corpus->require_subcommand(1);
  auto* check = corpus->add_subcommand("check", "Validate article files without indexing");
  check->add_option("paths", check_paths, "Files or directories")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? gazette::kExitOk : gazette::kExitUsage;
  }

  Config config;
  if (config_path.empty() && std::filesystem::exists("gazette.yaml")) config_path = "gazette.yaml";
  if (!config_path.empty()) {
    auto loaded = gazette::LoadConfig(config_path);
    if (!loaded.ok()) {
      std::cerr << "gazette: " << loaded.status().message() << "\n";
      return gazette::kExitUsage;
    }
    config = *loaded;
  }
  if (!db.empty()) config.db = db;
  if (threads >= 0) config.threads = threads;
  if (!listen.empty()) config.listen = listen;
  if (server_threads >= 0) config.server_threads = server_threads;

  try {
    if (*index) return gazette::RunIndex(config, index_args);
    if (*search) {
      req.since = ParseDateFlag("--since", since, false);
      req.until = ParseDateFlag("--until", until, true);
      if (!sort.empty()) {
        auto order = gazette::query::ParseSortOrder(sort);
        if (!order.ok()) throw CLI::ValidationError("--sort", order.status().message());
        req.sort = *order;
      }
      req.facets = SplitList(facets);
      req.ranking = config.ranking;
      if (w_quality) req.ranking.quality = *w_quality;
      if (w_recency) req.ranking.recency = *w_recency;
      if (half_life) req.ranking.half_life_days = *half_life;
      req.ranking.origin = ParseDateFlag("--origin", origin, false);
      return gazette::RunSearch(config, search_args);
    }
    if (*stats) return gazette::RunStats(config, stats_json);
    if (*serve) return gazette::RunServe(config);
    if (*check) return gazette::RunCorpusCheck(check_paths);
  } catch (const CLI::ValidationError& e) {
    std::cerr << "gazette: " << e.what() << "\n";
    return gazette::kExitUsage;
  }
  return gazette::kExitUsage;
}
