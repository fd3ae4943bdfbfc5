// alerts_bench: what matching saved searches adds to indexing a batch of new articles.
// Builds a base index from --base, saves --searches saved searches drawn from the words,
// phrases and topics of the base's articles (seeded), then indexes the --batch folder
// into fresh copies of the base, alternating runs without the commit hook and with it
// (AlertMatcher over the store), and prints each run's wall time, the matcher's own time
// and the matches.
//
//   alerts_bench --base DIR... --batch DIR [--searches N] [--runs R] [--work DIR]
//                [--workload realistic|broad]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
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
  std::vector<std::string> rare_topics;  // topics of at most kRareShare of the articles
  std::vector<std::string> rare_words;   // title words in 3 to kRareShare of the articles
  std::vector<std::vector<std::string>> rare_pairs;  // adjacent title words, one rare
};

// A realistic alert names something specific: a word that at most this share of the
// articles hold (1%: about 10 of a batch of 1,000).
constexpr double kRareShare = 0.01;

std::vector<std::string> TitleWords(const std::string& title) {
  std::vector<std::string> words;
  std::string word;
  for (char c : title + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 4) words.push_back(word);
      word.clear();
    }
  }
  return words;
}

Material ReadMaterial(const std::string& db_path, bool rare) {
  Material m;
  auto searcher = gazette::query::Searcher::Open(db_path);
  if (!searcher.ok()) return m;
  gazette::query::SearchRequest all;
  all.per_page = 100;
  all.facets = {"topic"};
  all.facet_size = 0;
  std::uint64_t articles = 0;
  for (int page = 1; page <= 10; ++page) {
    all.page = page;
    auto response = (*searcher)->Search(all);
    if (!response.ok()) break;
    if (page == 1) {
      articles = response->total;
      for (const auto& v : response->facets["topic"]) {
        if (m.topics.size() < 20) m.topics.push_back(v.value);
        if (v.count <= kRareShare * static_cast<double>(response->total)) {
          m.rare_topics.push_back(v.value);
        }
      }
    }
    for (const auto& hit : response->hits) {
      std::vector<std::string> words = TitleWords(hit.title);
      if (!words.empty()) m.titles.push_back(words);
    }
  }
  if (!rare) return m;
  // How many articles hold each title word, by a search of it alone.
  std::map<std::string, std::uint64_t> count;
  gazette::query::SearchRequest one;
  one.per_page = 1;
  one.collapse = false;
  const auto rare_enough = [&](const std::string& word) {
    auto [it, fresh] = count.try_emplace(word, 0);
    if (fresh) {
      one.query = word;
      auto response = (*searcher)->Search(one);
      it->second = response.ok() ? response->total : 0;
    }
    return it->second >= 3 && it->second <= kRareShare * static_cast<double>(articles);
  };
  std::set<std::string> words;
  std::set<std::vector<std::string>> pairs;
  for (const auto& title : m.titles) {
    for (std::size_t i = 0; i < title.size(); ++i) {
      if (rare_enough(title[i])) {
        words.insert(title[i]);
        if (i + 1 < title.size()) pairs.insert({title[i], title[i + 1]});
        if (i > 0) pairs.insert({title[i - 1], title[i]});
      }
    }
  }
  m.rare_words.assign(words.begin(), words.end());
  m.rare_pairs.assign(pairs.begin(), pairs.end());
  return m;
}

// A broad saved search: a word (40%), two words (25%), a phrase (10%), an OR (10%), a
// word within a topic (10%), a topic alone (5%), drawn from title words whatever their
// frequency ("said", "year", "company" ...).
SavedSearch DrawBroad(const Material& m, std::mt19937_64& rng, int n) {
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

// A realistic saved search, like the alerts people keep: something specific, named by
// 1-3 words that are each in at most 1% of the articles. One rare word (35%), a
// two-word phrase of a title holding a rare word (20%), a rare word and another word of
// the same title (15%), a rare word within a topic (15%), two or three rare words
// OR-ed (10%), a topic of at most 1% of the articles alone (5%).
SavedSearch DrawRealistic(const Material& m, std::mt19937_64& rng, int n) {
  auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
  const auto& rare = m.rare_words;
  SavedSearch s;
  s.name = "search " + std::to_string(n);
  const int kind = static_cast<int>(rng() % 100);
  if (kind < 35) {
    s.request.query = rare[pick(rare.size())];
  } else if (kind < 55) {
    const auto& pair = m.rare_pairs[pick(m.rare_pairs.size())];
    s.request.query = "\"" + pair[0] + " " + pair[1] + "\"";
  } else if (kind < 70) {
    const auto& pair = m.rare_pairs[pick(m.rare_pairs.size())];
    s.request.query = pair[0] + " " + pair[1];
  } else if (kind < 85 && !m.topics.empty()) {
    s.request.query = rare[pick(rare.size())];
    s.request.topics = {m.topics[pick(m.topics.size())]};
  } else if (kind < 95 || m.rare_topics.empty()) {
    s.request.query = rare[pick(rare.size())] + " OR " + rare[pick(rare.size())];
    if (rng() % 2 == 0) s.request.query += " OR " + rare[pick(rare.size())];
  } else {
    s.request.topics = {m.rare_topics[pick(m.rare_topics.size())]};
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
  std::string workload = "realistic";
  int searches = 10000, runs = 3;
  app.add_option("--base", base_inputs, "Articles already indexed")->required();
  app.add_option("--batch", batch, "The new articles")->required();
  app.add_option("--searches", searches, "Saved searches");
  app.add_option("--runs", runs, "Runs of each kind, alternated");
  app.add_option("--work", work, "Scratch folder");
  app.add_option("--workload", workload,
                 "realistic: specific searches, each word in at most 1% of the articles; "
                 "broad: any title words")
      ->check(CLI::IsMember({"realistic", "broad"}));
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
  const bool realistic = workload == "realistic";
  const Material material = ReadMaterial(base, realistic);
  if (material.titles.empty() || (realistic && material.rare_pairs.empty())) {
    std::fprintf(stderr, "alerts_bench: %s: no titles to draw saved searches from\n", base.c_str());
    return 1;
  }
  std::mt19937_64 rng(20261207);
  for (int i = 0; i < searches; ++i) {
    const SavedSearch s = realistic ? DrawRealistic(material, rng, i) : DrawBroad(material, rng, i);
    if (!store->Create(s).ok()) return 1;
  }
  std::printf("%d %s saved searches (%zu rare words); batch %s\n", searches, workload.c_str(),
              material.rare_words.size(), batch.c_str());
  for (int r = 0; r < runs; ++r) {
    const Run plain = IndexBatch(work + "/base", work + "/run", batch, nullptr);
    const Run hooked = IndexBatch(work + "/base", work + "/run", batch, store.get());
    const auto& t = hooked.totals;
    const double percolating = t.match_seconds - t.wait_seconds;
    std::printf(
        "run %d: without alerts %.3f s; with alerts %.3f s; alerts %.3f s in commits (%.1f%% of "
        "the run without): waiting for compiling %.3f s, percolating %.3f s (%.1f%%), recording "
        "%.3f s; compiling %.3f s, ahead of the commit when the index exists; %llu articles, "
        "%llu matches, %zu unanchored\n",
        r + 1, plain.wall_s, hooked.wall_s, t.seconds, 100 * t.seconds / plain.wall_s,
        t.wait_seconds, percolating, 100 * percolating / plain.wall_s, t.seconds - t.match_seconds,
        t.compile_seconds, static_cast<unsigned long long>(t.documents),
        static_cast<unsigned long long>(t.matches), t.unanchored);
    std::fflush(stdout);
  }
  return 0;
}
