// `gazette index`: progress on a terminal, a summary at the end, exit status by outcome.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "corpus/encoding.h"
#include "indexer/indexer.h"
#include "main/alerts_hook.h"
#include "main/commands.h"
#include "query/search.h"

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
  bool rebuild = false;
  int shards = 0;
  int only_shard = -1;  // --only-shard I: build shard I of --shards
  bool watch = false;   // --watch: keep indexing the folders as files land
  long commit_interval_ms = 1000;
  int threads = -1;
  int writers = -1;
  long batch_size = -1;
  long run_documents = -1;
  bool no_stories = false;
  bool field_words = false;
  std::string map;       // --map field=source,...
  std::string encoding;  // --encoding NAME
};

// Reasons the rebuilt generation at `stub` must not go live; empty when it may.
std::vector<std::string> GateFailures(const Config& config, const indexer::IndexSummary& built) {
  std::vector<std::string> failures;
  if (built.documents == 0) failures.push_back("the rebuilt index is empty");
  auto live = indexer::ReadStats(config.db);
  if (live.ok() && live->documents > 0) {
    const double old_n = static_cast<double>(live->documents);
    const double change = std::fabs(static_cast<double>(built.documents) - old_n) / old_n;
    if (change > config.gate_tolerance) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "document count changes by %.0f%% (%llu -> %llu), more than the %.0f%% allowed",
                    change * 100, static_cast<unsigned long long>(live->documents),
                    static_cast<unsigned long long>(built.documents), config.gate_tolerance * 100);
      failures.push_back(buf);
    }
  }
  if (config.canaries.empty() || built.documents == 0) return failures;
  auto searcher = query::Searcher::Open(built.stub, config.limits);
  if (!searcher.ok()) {
    failures.push_back("cannot open the rebuilt index: " + searcher.status().message());
    return failures;
  }
  for (const auto& canary : config.canaries) {
    query::SearchRequest request;
    request.query = canary.query;
    request.per_page = 20;
    request.ranking = config.ranking;
    auto response = (*searcher)->Search(request);
    bool found = false;
    if (response.ok()) {
      for (const auto& hit : response->hits) found |= hit.id == canary.expect;
    }
    if (!found)
      failures.push_back("canary '" + canary.query + "' no longer finds " + canary.expect);
  }
  return failures;
}

int RunIndex(const Config& config, const IndexArgs& args) {
  indexer::IndexOptions options;
  options.db_path = config.db;
  options.collection = args.collection;
  options.prune = args.prune;
  options.threads = args.threads >= 0 ? args.threads : config.threads;
  options.rebuild = args.rebuild;
  options.shards = args.shards;
  if (args.only_shard >= 0) {
    if (args.only_shard >= args.shards) {
      throw CLI::ValidationError("--only-shard",
                                 "must be below --shards (" + std::to_string(args.shards) + ")");
    }
    options.share = {args.shards, args.only_shard};
  }
  options.writers = args.writers >= 0 ? args.writers : config.writers;
  options.batch_size =
      args.batch_size > 0 ? static_cast<std::size_t>(args.batch_size) : config.batch_size;
  options.read.fields = config.fields;
  options.read.encoding = args.encoding.empty() ? config.encoding : args.encoding;
  if (!args.map.empty()) {
    auto map = corpus::FieldMap::Parse(args.map);
    if (!map.ok()) throw CLI::ValidationError("--map", map.status().message());
    for (const auto& [field, source] : map->sources()) options.read.fields.Set(field, source);
  }
  if (Status known = corpus::CheckEncoding(options.read.encoding);
      !options.read.encoding.empty() && !known.ok()) {
    throw CLI::ValidationError("--encoding", known.message());
  }
  options.run_documents =
      args.run_documents > 0 ? static_cast<std::size_t>(args.run_documents) : config.run_documents;
  options.stories = config.stories && !args.no_stories;
  options.field_words = config.field_words || args.field_words;
  const bool tty = !args.quiet && isatty(STDERR_FILENO);
  if (tty) options.on_progress = ShowProgress;
  if (args.watch) {
    if (args.rebuild || args.only_shard >= 0) {
      throw CLI::ValidationError("--watch", "cannot be combined with --rebuild or --only-shard");
    }
    return RunWatch(config, args.paths, options, args.commit_interval_ms, args.json);
  }
  // Held from the first write to the switch, so that no other writer runs between a
  // rebuild, its gate and its activation.
  auto lock = indexer::WriterLock::Acquire(config.db);
  if (!lock.ok()) {
    std::cerr << "gazette index: " << lock.status().message() << "\n";
    return kExitFatal;
  }

  // A rebuild re-indexes known articles: only new and changed ones fire saved searches.
  auto alerts = args.rebuild ? nullptr : AlertsHook::Attach(config.db, &options);
  auto result = indexer::IndexPaths(args.paths, options);
  if (tty) std::fprintf(stderr, "\r%70s\r", "");
  if (alerts) alerts->Report();
  if (!result.ok()) {
    std::cerr << "gazette index: " << result.status().message() << "\n";
    return kExitFatal;
  }
  const indexer::IndexSummary& s = *result;
  if (args.rebuild) {
    const std::vector<std::string> failures = GateFailures(config, s);
    if (!failures.empty()) {
      indexer::DiscardGeneration(config.db, s.generation);
      for (const auto& f : failures) std::cerr << "gate: " << f << "\n";
      std::cerr << "gazette index: the rebuild was refused; the live index is unchanged\n";
      return kExitGateRefused;
    }
    Status activated = indexer::ActivateGeneration(config.db, s.generation);
    if (!activated.ok()) {
      std::cerr << "gazette index: " << activated.message() << "\n";
      return kExitFatal;
    }
    if (!args.json) {
      std::cerr << "generation " << s.generation << " is live (" << s.shards
                << " shard(s)); the previous one is kept for `gazette rollback`\n";
    }
  }
  const std::uint64_t processed = s.indexed + s.updated + s.unchanged + s.skipped.size();
  const double rate = s.elapsed_s > 0 ? static_cast<double>(processed) / s.elapsed_s : 0;
  const double mb_s = s.elapsed_s > 0 ? static_cast<double>(s.bytes) / 1e6 / s.elapsed_s : 0;
  if (args.json) {
    nlohmann::json j = {
        {"indexed", s.indexed},
        {"updated", s.updated},
        {"unchanged", s.unchanged},
        {"deleted", s.deleted},
        {"documents", s.documents},
        {"elapsed_s", s.elapsed_s},
        {"articles_per_s", rate},
        {"mb_per_s", mb_s},
        {"stories",
         {{"articles", s.story_articles}, {"stories", s.stories}, {"elapsed_s", s.story_s}}}};
    if (s.share.active()) j["other_shards"] = s.elsewhere;
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
    if (s.share.active()) {
      std::printf("shard %d of %d: %llu articles belong to other shards\n", s.share.index,
                  s.share.count, static_cast<unsigned long long>(s.elsewhere));
    }
    std::printf("%.2f s, %.0f articles/s, %.1f MB/s (%.1f MB read)\n", s.elapsed_s, rate, mb_s,
                static_cast<double>(s.bytes) / 1e6);
    std::printf("stories: %llu articles in %llu stories of two or more (%.2f s)\n",
                static_cast<unsigned long long>(s.story_articles),
                static_cast<unsigned long long>(s.stories), s.story_s);
  }
  return s.skipped.empty() ? kExitOk : kExitPartial;
}

}  // namespace

Command AddIndexCommand(CLI::App* parent) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* app =
      parent->add_subcommand("index", "Index article files (.md, .jsonl, .csv) into the database");
  app->add_option("paths", args->paths, "Files or directories to index")
      ->required()
      ->type_name("PATH");
  app->add_option("--collection", args->collection, "Collection to file the articles under")
      ->type_name("NAME")
      ->capture_default_str();
  app->add_flag("--prune", args->prune, "Delete articles of the collection whose files are gone");
  app->add_flag("--rebuild", args->rebuild,
                "Build a new generation beside the live one, gate it, then switch atomically");
  CLI::Option* shards =
      app->add_option("--shards", args->shards,
                      "Shards for a new database or a rebuild (built in parallel); with "
                      "--only-shard, the shard count of the whole cluster")
          ->check(CLI::Range(1, 64))
          ->type_name("N")
          ->default_str("1 for a new database; a rebuild keeps the live count");
  app->add_option("--only-shard", args->only_shard,
                  "Build only shard I of --shards N from the full input (the articles whose "
                  "id hashes to I), into a database of one shard: one host's share of a "
                  "cluster; later runs keep it")
      ->needs(shards)
      ->check(CLI::Range(0, 63))
      ->type_name("I");
  app->add_option("--map", args->map,
                  "Source field of gazette fields, e.g. id=_id,body=text,date=meta.published "
                  "(over index.fields; docs/importing.md)")
      ->type_name("FIELD=SOURCE,...");
  app->add_option("--encoding", args->encoding,
                  "Encoding of inputs that are not UTF-8, e.g. gb18030 (over index.encoding)")
      ->type_name("NAME")
      ->default_str("detected, else windows-1252");
  app->add_flag("--watch", args->watch,
                "Stay running: index files as they are written, renamed or (with --prune) "
                "deleted in the PATH folders (inotify)");
  app->add_option("--commit-interval", args->commit_interval_ms,
                  "With --watch: most milliseconds from a file's arrival to its commit")
      ->check(CLI::Range(10L, 3600000L))
      ->type_name("MS")
      ->capture_default_str();
  app->add_flag("--quiet,-q", args->quiet, "No progress line");
  app->add_flag("--json", args->json, "Print the summary as JSON");
  app->option_defaults()->group("Write path (index.* in gazette.yaml)");
  app->add_option("--threads", args->threads, "Parse/analyse threads")
      ->type_name("N")
      ->default_str("the cores the writers leave, at least 1");
  app->add_option("--writers", args->writers, "Writer threads for a new database or a rebuild")
      ->check(CLI::Range(0, 256))
      ->type_name("N")
      ->default_str("one per core");
  app->add_option("--batch-size", args->batch_size, "Documents per commit over all writers")
      ->check(CLI::Range(1L, 10000000L))
      ->type_name("N")
      ->default_str("1000");
  app->add_option("--run-documents", args->run_documents,
                  "Documents per scratch database of a writer in a fresh build")
      ->check(CLI::Range(1L, 100000000L))
      ->type_name("N")
      ->default_str("20000");
  app->add_flag("--field-words", args->field_words,
                "Mark topic and excerpt words, so that w_topics and w_excerpt weigh them "
                "(index.field_words: true; costs indexing time)");
  app->add_flag("--no-stories", args->no_stories,
                "Index without story clustering: every article written is a story alone "
                "(index.stories: false)");
  app->footer(R"(Exit status: 0 all indexed, 3 some inputs skipped (each listed), 4 a --rebuild
refused by its gate (live index untouched), 1 fatal, 2 bad command line.

Examples:
  gazette index --db news.db ~/articles            # incremental: unchanged files skipped
  gazette index --db news.db --prune ~/articles    # ...and articles whose files are gone
  gazette index --db news.db --watch --prune ~/inbox   # live: index files as they land
  gazette index --db news.db --rebuild --shards 2 ~/articles   # new generation, swapped in
  gazette index --db shard1.db --shards 3 --only-shard 1 ~/articles  # host 1 of a 3-host cluster)");
  return {app, [args](const Config& config) { return RunIndex(config, *args); }};
}

}  // namespace gazette
