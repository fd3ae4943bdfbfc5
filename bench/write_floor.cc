// write_floor: how fast Xapian's writer can take gazette's documents when nothing else
// runs. Analyses a corpus into memory first (timed on its own), then hands the
// finished documents to writer threads that do what `gazette index` does for a fresh
// build (scratch runs without fsync, a commit every --commit-every documents, merged
// with Xapian's compactor at the end) and nothing else. The writers' rate is the
// ceiling of any indexer built on this schema and this Xapian, whatever its parsing
// or analysis costs.
//
//   write_floor --corpus DIR [--count N] [--writers W] [--no-positions] [--words-only]
//
// --no-positions keeps every term and wdf but drops positions (phrases cannot work);
// --words-only keeps only the positional word terms (no pairs, exact forms, title
// terms, boolean terms). Both show what those parts of the schema cost the writer.
// --neighbour-pairs adds a pair term for every frequent word and each word next to it
// (not only for two frequent words): what a scheme that filters phrases with one
// infrequent word would cost.
#include <time.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bench/articles.h"
#include "corpus/reader.h"
#include "indexer/analysis/analyzer.h"
#include "indexer/analysis/word_pairs.h"
#include "indexer/document.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace corpus = gazette::corpus;
namespace indexer = gazette::indexer;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Shape {
  bool positions = true;
  bool words_only = false;
  bool neighbour_pairs = false;
};

// Pair terms for each two adjacent words of `doc` of which at least one is frequent.
void AddNeighbourPairs(const Xapian::Document& doc, Xapian::Document* out) {
  std::map<Xapian::termpos, std::string> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) words[*p] = term;
  }
  for (auto it = words.begin(); it != words.end(); ++it) {
    auto next = std::next(it);
    if (next == words.end() || next->first != it->first + 1) continue;
    if (indexer::IsFrequentTerm(it->second) || indexer::IsFrequentTerm(next->second)) {
      out->add_term(indexer::WordPairTerm(it->second, next->second), 0);
    }
  }
}

// A copy of `doc` with the parts the shape leaves out removed.
Xapian::Document Reshape(const Xapian::Document& doc, const Shape& shape) {
  Xapian::Document out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const bool positional = t.positionlist_count() > 0;
    if (shape.words_only && !positional) continue;
    if (positional && shape.positions) {
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out.add_posting(*t, *p, 0);
      }
    }
    out.add_term(*t, t.get_wdf());
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    out.add_value(v.get_valueno(), *v);
  }
  if (shape.neighbour_pairs) AddNeighbourPairs(doc, &out);
  out.set_data(doc.get_data());
  return out;
}

// Reads and analyses up to `limit` articles of `dir`, in file order.
std::vector<Xapian::Document> Analyse(const std::string& dir, std::size_t limit) {
  indexer::Analyzer analyzer;
  std::vector<Xapian::Document> docs;
  const gazette::Status read = gazette::bench::ForEachArticle(
      {dir}, [&](const corpus::InputFile& f, int line, const gazette::Result<corpus::Article>& a) {
        if (docs.size() >= limit) return false;
        if (!a.ok()) return true;
        indexer::DocumentOrigin origin;
        origin.source = f.path + (line > 0 ? ":" + std::to_string(line) : "");
        origin.relative = f.relative + (line > 0 ? ":" + std::to_string(line) : "");
        docs.push_back(indexer::ToDocument(*a, origin, &analyzer));
        return true;
      });
  if (!read.ok()) throw std::runtime_error(read.message());
  return docs;
}

struct WriterResult {
  double cpu_seconds = 0;
  std::vector<std::string> runs;
};

// Writes every `writers`-th document from `first` on, as a ShardWriter does in a
// fresh build.
void Write(const std::vector<Xapian::Document>& docs, std::size_t first, std::size_t writers,
           const std::string& base, std::size_t commit_every, std::size_t run_documents,
           int block_size, WriterResult* result) {
  const double cpu_start = ThreadCpuSeconds();
  std::size_t in_run = 0;
  std::size_t since_commit = 0;
  auto open_run = [&] {
    result->runs.push_back(base + ".run-" + std::to_string(result->runs.size()));
    return Xapian::WritableDatabase(
        result->runs.back(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC, block_size);
  };
  Xapian::WritableDatabase db = open_run();
  for (std::size_t i = first; i < docs.size(); i += writers) {
    db.add_document(docs[i]);
    if (++in_run >= run_documents) {
      db.commit();
      db.close();
      db = open_run();
      in_run = since_commit = 0;
    } else if (++since_commit >= commit_every) {
      db.commit();
      since_commit = 0;
    }
  }
  db.commit();
  db.close();
  result->cpu_seconds = ThreadCpuSeconds() - cpu_start;
}

struct Counts {
  double terms = 0, positional = 0, positions = 0;
};

Counts CountPostings(const std::vector<Xapian::Document>& docs) {
  Counts c;
  for (const Xapian::Document& d : docs) {
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      c.terms += 1;
      const auto n = t.positionlist_count();
      c.positional += n > 0 ? 1 : 0;
      c.positions += n;
    }
  }
  const double n = docs.empty() ? 1.0 : static_cast<double>(docs.size());
  return {c.terms / n, c.positional / n, c.positions / n};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Xapian writer throughput on gazette's documents, analysis excluded"};
  std::string corpus_dir;
  std::string out = "/tmp/gazette-write-floor";
  std::size_t count = 20000;
  std::size_t writers = std::max(1u, std::thread::hardware_concurrency());
  std::size_t batch = 1000;
  std::size_t run_documents = 20000;
  int block_size = 8192;
  bool no_positions = false;
  bool words_only = false;
  bool neighbour_pairs = false;
  app.add_option("--corpus", corpus_dir, "Directory of articles (.md or .jsonl)")->required();
  app.add_option("--out", out, "Scratch path prefix (deleted afterwards)");
  app.add_option("--count", count, "Articles to analyse and write");
  app.add_option("--writers", writers, "Writer threads (default: cores)")->check(CLI::Range(1, 64));
  app.add_option("--batch", batch, "Documents per commit over all writers, as index --batch");
  app.add_option("--run-documents", run_documents, "Documents per scratch run");
  app.add_option("--block-size", block_size, "B-tree block size of the scratch runs");
  app.add_flag("--no-positions", no_positions, "Drop positions (phrases cannot work)");
  app.add_flag("--words-only", words_only, "Keep only the positional word terms");
  app.add_flag("--neighbour-pairs", neighbour_pairs,
               "Also pair every frequent word with each word next to it");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto analyse_start = Clock::now();
    const double analyse_cpu_start = ThreadCpuSeconds();
    std::vector<Xapian::Document> docs = Analyse(corpus_dir, count);
    const double analyse_cpu = ThreadCpuSeconds() - analyse_cpu_start;
    const double analyse_wall = Seconds(analyse_start);
    if (docs.empty()) {
      std::fprintf(stderr, "write_floor: no articles in %s\n", corpus_dir.c_str());
      return 1;
    }
    const Shape shape{!no_positions, words_only, neighbour_pairs};
    if (no_positions || words_only || neighbour_pairs) {
      for (Xapian::Document& d : docs) d = Reshape(d, shape);
    }
    const Counts c = CountPostings(docs);
    const double n = static_cast<double>(docs.size());
    std::printf("articles %zu  per article: %.0f terms, %.0f positional, %.0f positions%s%s%s\n",
                docs.size(), c.terms, c.positional, c.positions,
                no_positions ? "  [no positions]" : "", words_only ? "  [words only]" : "",
                neighbour_pairs ? "  [neighbour pairs]" : "");
    std::printf("analysis (1 thread): %.2f s wall, %.3f ms CPU per article, %.0f articles/s\n",
                analyse_wall, 1e3 * analyse_cpu / n, n / analyse_cpu);

    const std::size_t commit_every = std::max<std::size_t>(1, batch / writers);
    // As gazette index: Xapian flushes on our commits, not on its own count.
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(commit_every * 2 + 1).c_str(), 1);
    std::vector<WriterResult> results(writers);
    const auto write_start = Clock::now();
    std::vector<std::thread> threads;
    std::atomic<bool> failed{false};
    for (std::size_t w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        try {
          Write(docs, w, writers, out + "-" + std::to_string(w), commit_every, run_documents,
                block_size, &results[w]);
        } catch (const Xapian::Error& e) {
          std::fprintf(stderr, "writer %zu: %s\n", w, e.get_description().c_str());
          failed = true;
        }
      });
    }
    for (auto& t : threads) t.join();
    if (failed) return 1;
    const double write_wall = Seconds(write_start);
    double write_cpu = 0;
    for (const auto& r : results) write_cpu += r.cpu_seconds;

    const auto merge_start = Clock::now();
    Xapian::Database all;
    for (const auto& r : results) {
      for (const auto& run : r.runs) all.add_database(Xapian::Database(run));
    }
    all.compact(out + "-merged");
    const double merge_wall = Seconds(merge_start);

    std::printf("writers (%zu): %.2f s wall, %.3f ms CPU per article, %.0f articles/s\n", writers,
                write_wall, 1e3 * write_cpu / n, n / write_wall);
    std::printf("merge: %.2f s wall\n", merge_wall);
    std::printf("writers + merge: %.2f s, %.0f articles/s (analysis excluded)\n",
                write_wall + merge_wall, n / (write_wall + merge_wall));

    for (const auto& r : results) {
      for (const auto& run : r.runs) std::filesystem::remove_all(run);
    }
    std::filesystem::remove_all(out + "-merged");
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "write_floor: %s\n", e.get_description().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_floor: %s\n", e.what());
    return 1;
  }
  return 0;
}
