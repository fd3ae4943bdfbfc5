// alerts_bench: what matching saved searches adds to indexing a batch of new articles.
// Builds a base index from --base, saves --searches saved searches drawn from the words,
// phrases and topics of the base's articles (seeded), then indexes the --batch folder
// into fresh copies of the base, alternating runs without the commit hook and with it
// (AlertMatcher over the store), and prints each run's wall time, the matcher's own time
// and the matches.
//
//   alerts_bench --base DIR... --batch DIR [--searches N] [--runs R] [--work DIR]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "alerts/alert_matcher.h"
#include "alerts/store.h"
#include "indexer/indexer.h"
#include "query/search.h"

namespace {

namespace fs = std::filesystem;
using gazette::alerts::SavedSearch;

// Title words and topics of the base, the material saved searches are drawn from.
struct Material {
  std::vector<std::vector<std::string>> titles;  // lower-cased words of 4+ letters
  std::vector<std::string> topics;
};

Material ReadMaterial(const std::string& db_path) {
  Material m;
  auto searcher = gazette::query::Searcher::Open(db_path);
  if (!searcher.ok()) return m;
  gazette::query::SearchRequest all;
  all.per_page = 100;
  all.facets = {"topic"};
  for (int page = 1; page <= 10; ++page) {
    all.page = page;
    auto response = (*searcher)->Search(all);
    if (!response.ok()) break;
    if (page == 1) {
      for (const auto& v : response->facets["topic"]) m.topics.push_back(v.value);
    }
    for (const auto& hit : response->hits) {
      std::vector<std::string> words;
      std::string word;
      for (char c : hit.title + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
          word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          if (word.size() >= 4) words.push_back(word);
          word.clear();
        }
      }
      if (!words.empty()) m.titles.push_back(words);
    }
  }
  return m;
}

// One saved search: a word (40%), two words (25%), a phrase (10%), an OR (10%), a
// word within a topic (10%), a topic alone (5%).
SavedSearch Draw(const Material& m, std::mt19937_64& rng, int n) {
  auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
  const auto& title = m.titles[pick(m.titles.size())];
  const std::string& a = title[pick(title.size())];
  const std::string& b = title[pick(title.size())];
  SavedSearch s;
  s.name = "search " + std::to_string(n);
  const int kind = static_cast<int>(rng() % 100);
  if (kind < 40) {
    s.request.query = a;
  } else if (kind < 65) {
    s.request.query = a + " " + b;
  } else if (kind < 75 && title.size() >= 2) {
    const std::size_t i = pick(title.size() - 1);
    s.request.query = "\"" + title[i] + " " + title[i + 1] + "\"";
  } else if (kind < 85) {
    s.request.query = a + " OR " + m.titles[pick(m.titles.size())].front();
  } else if (kind < 95 && !m.topics.empty()) {
    s.request.query = a;
    s.request.topics = {m.topics[pick(m.topics.size())]};
  } else if (!m.topics.empty()) {
    s.request.topics = {m.topics[pick(m.topics.size())]};
  } else {
    s.request.query = a;
  }
  return s;
}

struct Run {
  double wall_s = 0;
  gazette::alerts::AlertMatcher::Totals totals;
};

// Indexes `batch` into a copy of the folder `base_dir` (the database and its
// generations, which its stub names relatively).
Run IndexBatch(const std::string& base_dir, const std::string& run_dir, const std::string& batch,
               gazette::alerts::Store* store) {
  fs::remove_all(run_dir);
  fs::copy(base_dir, run_dir, fs::copy_options::recursive);
  const std::string db = run_dir + "/db";
  gazette::indexer::IndexOptions options;
  options.db_path = db;
  options.collection = "batch";
  std::unique_ptr<gazette::alerts::AlertMatcher> matcher;
  if (store != nullptr) {
    matcher = std::make_unique<gazette::alerts::AlertMatcher>(db, store);
    options.observer = matcher.get();
  }
  const auto start = std::chrono::steady_clock::now();
  auto summary = gazette::indexer::IndexPaths({batch}, options);
  Run run;
  run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!summary.ok()) {
    std::fprintf(stderr, "alerts_bench: %s\n", summary.status().message().c_str());
    std::exit(1);
  }
  if (matcher) run.totals = matcher->totals();
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Matching saved searches against a batch of new articles"};
  std::vector<std::string> base_inputs;
  std::string batch, work = "/tmp/alerts-bench";
  int searches = 10000, runs = 3;
  app.add_option("--base", base_inputs, "Articles already indexed")->required();
  app.add_option("--batch", batch, "The new articles")->required();
  app.add_option("--searches", searches, "Saved searches");
  app.add_option("--runs", runs, "Runs of each kind, alternated");
  app.add_option("--work", work, "Scratch folder");
  CLI11_PARSE(app, argc, argv);
  fs::create_directories(work);
  const std::string base = work + "/base/db";
  if (!fs::exists(base)) {
    fs::create_directories(work + "/base");
    gazette::indexer::IndexOptions options;
    options.db_path = base;
    if (!gazette::indexer::IndexPaths(base_inputs, options).ok()) return 1;
  }
  fs::remove(work + "/store");
  auto store = gazette::alerts::Store::Open(work + "/store").value();
  const Material material = ReadMaterial(base);
  std::mt19937_64 rng(20261207);
  for (int i = 0; i < searches; ++i) {
    if (!store->Create(Draw(material, rng, i)).ok()) return 1;
  }
  std::printf("%d saved searches; batch %s\n", searches, batch.c_str());
  for (int r = 0; r < runs; ++r) {
    const Run plain = IndexBatch(work + "/base", work + "/run", batch, nullptr);
    const Run hooked = IndexBatch(work + "/base", work + "/run", batch, store.get());
    const auto& t = hooked.totals;
    std::printf(
        "run %d: without alerts %.3f s; with alerts %.3f s; alerts %.3f s in all (%.1f%% of "
        "the run without): compiling %.3f s, percolating %.3f s (%.1f%%), recording %.3f s; "
        "%llu articles, %llu matches, %zu unanchored\n",
        r + 1, plain.wall_s, hooked.wall_s, t.seconds, 100 * t.seconds / plain.wall_s,
        t.compile_seconds, t.match_seconds - t.compile_seconds,
        100 * (t.match_seconds - t.compile_seconds) / plain.wall_s, t.seconds - t.match_seconds,
        static_cast<unsigned long long>(t.documents), static_cast<unsigned long long>(t.matches),
        t.unanchored);
    std::fflush(stdout);
  }
  return 0;
}
