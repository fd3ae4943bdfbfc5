// query_bench: query latency percentiles on an existing index, with a deterministic
// mix of 1-3 word queries drawn from the index's own title vocabulary, or the queries
// of a file (one per line, e.g. from `gazette corpus generate --queries-out`). Also
// profiles the stages of a search (--stages), gives percentiles of the CPU time of a
// search (--cpu), and writes each query's total and top ids (--results) for
// bench/compare_results.sh.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>

#include "bench/clients.h"
#include "corpus/article.h"
#include "query/json.h"
#include "query/search.h"
#include "query/stages.h"

namespace {

// Words of the spelling dictionary weighted by frequency, so common and rare words
// both appear, as in real traffic.
std::vector<std::string> MakeQueries(const std::string& db_path, int count, unsigned seed) {
  Xapian::Database db(db_path);
  std::vector<std::string> words;
  std::vector<double> weights;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (it.get_termfreq() < 2) continue;
    words.push_back(*it);
    weights.push_back(std::sqrt(static_cast<double>(it.get_termfreq())));
  }
  std::vector<std::string> queries;
  if (words.empty()) return queries;
  std::mt19937 rng(seed);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::uniform_int_distribution<int> length(1, 3);
  for (int i = 0; i < count; ++i) {
    std::string q;
    for (int n = length(rng); n > 0; --n) q += (q.empty() ? "" : " ") + words[pick(rng)];
    queries.push_back(q);
  }
  return queries;
}

// The non-empty lines of `path`; empty if it cannot be read.
std::vector<std::string> ReadQueries(const std::string& path) {
  std::vector<std::string> queries;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  return queries;
}

namespace query = gazette::query;

// What the clients record besides latency: stage times of the measured pass, and each
// query's total and hit ids.
struct Recorder {
  std::mutex mutex;
  query::StageTimes stages;
  std::uint64_t searches = 0;
  std::map<std::string, std::string> results;  // query -> "total<TAB>id id ..."
  std::vector<double> cpu_ms;                  // each measured search's CPU time

  void Cpu(double ms) {
    std::lock_guard<std::mutex> lock(mutex);
    cpu_ms.push_back(ms);
  }

  void Add(const query::StageTimes& t, std::uint64_t n) {
    std::lock_guard<std::mutex> lock(mutex);
    for (int i = 0; i < query::kStageCount; ++i) {
      stages.ns[i] += t.ns[i];
      stages.calls[i] += t.calls[i];
    }
    searches += n;
  }
  void Result(const std::string& q, const query::SearchResponse& r) {
    std::string line = std::to_string(r.total) + "\t";
    for (const query::Hit& h : r.hits) line += (line.back() == '\t' ? "" : " ") + h.id;
    std::lock_guard<std::mutex> lock(mutex);
    results[q] = line;
  }
};

// The mean CPU time per search of each stage, with its share of the whole.
void PrintStages(const Recorder& rec) {
  std::int64_t all = 0;
  for (std::int64_t ns : rec.stages.ns) all += ns;
  const double n = static_cast<double>(std::max<std::uint64_t>(1, rec.searches));
  std::printf("stage CPU time per search (%llu searches):\n",
              static_cast<unsigned long long>(rec.searches));
  for (int i = 0; i < query::kStageCount; ++i) {
    std::printf(
        "  %-11s %9.1f us  %5.1f%%  (%.2f entries)\n",
        query::StageName(static_cast<query::Stage>(i)),
        static_cast<double>(rec.stages.ns[i]) / n / 1e3,
        all > 0 ? 100.0 * static_cast<double>(rec.stages.ns[i]) / static_cast<double>(all) : 0.0,
        static_cast<double>(rec.stages.calls[i]) / n);
  }
  std::printf("  %-11s %9.1f us\n", "all", static_cast<double>(all) / n / 1e3);
}

// The process's CPU time in ms (every thread's: a search's lanes included).
double ProcessCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Percentiles of the CPU time of a search: what each costs a core whatever the load, the
// latency of one lane on an otherwise idle core.
void PrintCpu(std::vector<double> ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) {
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size()))) - 1;
    return ms[std::min(i, ms.size() - 1)];
  };
  double sum = 0;
  for (double v : ms) sum += v;
  std::printf(
      "CPU per search (%zu searches): mean %.3f ms  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max "
      "%.3f ms\n",
      ms.size(), sum / static_cast<double>(ms.size()), at(0.50), at(0.95), at(0.99), ms.back());
}

// Writes "query<TAB>total<TAB>ids" per query of the list, in its order.
bool WriteResults(const Recorder& rec, const std::vector<std::string>& queries,
                  const std::string& path) {
  std::ofstream out(path);
  for (const std::string& q : queries) {
    auto it = rec.results.find(q);
    out << q << '\t' << (it == rec.results.end() ? std::string("error") : it->second) << '\n';
  }
  return static_cast<bool>(out);
}

// What the clients measure besides latency.
struct Measure {
  bool stages = false;   // stage times
  bool to_json = false;  // encode each response
  bool record = false;   // each query's total and ids
  bool cpu = false;      // each search's CPU time (one client: the process's)
  std::size_t warm = 0;  // searches of a client's warm pass
};

// A client with a Searcher of its own that records into *rec what `measure` asks for,
// over the measured pass only.
gazette::bench::Client MakeClient(const std::string& db, const query::Limits& limits,
                                  query::SearchRequest request, query::Load load,
                                  const Measure& measure, Recorder* rec) {
  std::shared_ptr<query::Searcher> searcher(std::move(query::Searcher::Open(db, limits)).value());
  auto times = std::make_shared<query::StageTimes>();
  auto done = std::make_shared<std::size_t>(0);  // searches made
  return [=](const std::string& q, std::uint64_t* hits) mutable {
    request.query = q;
    const bool measured = *done >= measure.warm;
    if (measure.stages && measured) query::CollectStages(times.get());
    const double cpu_start = measure.cpu ? ProcessCpuMs() : 0;
    auto r = searcher->Search(request, load);
    bool encoded = true;
    if (r.ok() && measure.to_json) {
      query::StageClock clock(query::Stage::kJson);
      encoded = !query::ToJson(*r).dump().empty();
    }
    query::CollectStages(nullptr);
    if (measure.cpu && measured) rec->Cpu(ProcessCpuMs() - cpu_start);
    ++*done;
    if (!r.ok()) return false;
    *hits += r->total;
    if (measure.record && measured) rec->Result(q, *r);
    if (measure.stages && measured) {
      rec->Add(*times, 1);
      *times = query::StageTimes{};
    }
    return encoded;
  };
}

// The request every query shares; false (after saying why) when --origin is bad.
bool FillRequest(int per_page, const std::string& origin, const std::string& facets,
                 query::SearchRequest* request) {
  request->per_page = per_page;
  if (!origin.empty()) {
    auto parsed = gazette::corpus::ParseIsoDateTime(origin);
    if (!parsed.ok()) {
      std::fprintf(stderr, "--origin: %s\n", parsed.status().message().c_str());
      return false;
    }
    request->ranking.origin = *parsed;
  }
  for (std::size_t s = 0, e; s < facets.size(); s = e + 1) {
    e = facets.find(',', s);
    if (e == std::string::npos) e = facets.size();
    request->facets.push_back(facets.substr(s, e - s));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Query latency on an existing gazette index"};
  std::string db;
  int count = 1000;
  unsigned seed = 1;
  std::string facets;
  int per_page = 10;
  app.add_option("--db", db, "Database")->required();
  app.add_option("--count", count, "Number of queries");
  app.add_option("--seed", seed, "Seed of the query mix");
  app.add_option("--facets", facets, "Facets to compute, e.g. topic,provider,date");
  app.add_option("--per-page", per_page, "Hits per query");
  std::string queries_file;
  app.add_option("--queries", queries_file, "Read the queries from this file, one per line");
  std::string origin;
  app.add_option("--origin", origin,
                 "Recency origin (\"now\" of the ranking), YYYY-MM-DD; default: now");
  bool full_match = false;
  std::uint64_t sample_above = gazette::query::Limits{}.facet_sample_above;
  app.add_option("--facet-sample-above", sample_above,
                 "Count facets on a sample above this many matches (0: never)");
  app.add_flag("--full-match", full_match,
               "Always match every candidate: no best-bounded tiers (Limits::tiered_ranking off)");
  std::uint64_t parallel_above = gazette::query::Limits{}.parallel_above;
  app.add_option("--parallel-above", parallel_above,
                 "Split searches of larger databases into two lanes (0: never)");
  int slowest = 0;
  app.add_option("--slowest", slowest, "Also list this many slowest queries");
  int clients = 1;
  app.add_option("--clients", clients, "Concurrent clients, each with its own Searcher")
      ->check(CLI::Range(1, 256));
  bool stages = false;
  app.add_flag("--stages", stages, "Also print the CPU time of each stage of a search");
  bool cpu = false;
  app.add_flag("--cpu", cpu,
               "Also print percentiles of the CPU time of a search (its lanes included; "
               "one client only)");
  bool to_json = false;
  app.add_flag("--json", to_json, "Also encode each response as JSON, as the HTTP API does");
  std::string results_file;
  app.add_option("--results", results_file,
                 "Write each query's total and hit ids to this file (bench/compare_results.sh)");
  CLI11_PARSE(app, argc, argv);
  if (cpu && clients != 1) {
    std::fprintf(stderr, "--cpu: needs --clients 1 (it reads the process's CPU time)\n");
    return 2;
  }

  auto probe = gazette::query::Searcher::Open(db);
  if (!probe.ok()) {
    std::fprintf(stderr, "%s\n", probe.status().message().c_str());
    return 1;
  }
  const auto queries =
      queries_file.empty() ? MakeQueries(db, count, seed) : ReadQueries(queries_file);
  if (queries.empty()) {
    std::fprintf(stderr, "no queries\n");
    return 1;
  }
  gazette::query::SearchRequest request;
  if (!FillRequest(per_page, origin, facets, &request)) return 2;
  gazette::query::Limits limits;
  limits.tiered_ranking = !full_match;
  limits.facet_sample_above = sample_above;
  limits.parallel_above = parallel_above;
  Recorder rec;
  const Measure measure{stages, to_json, stages || !results_file.empty(), cpu, queries.size()};
  auto result = gazette::bench::RunClients(queries, clients, [&] {
    // Every client searches at once: two lanes only while they leave a core idle.
    gazette::query::Load load;
    load.running = clients;
    return MakeClient(db, limits, request, load, measure, &rec);
  });
  gazette::bench::PrintResult(result, clients, "facets [" + facets + "]  ");
  gazette::bench::PrintSlowest(result, queries, slowest);
  if (stages) PrintStages(rec);
  if (cpu) PrintCpu(rec.cpu_ms);
  if (!results_file.empty() && !WriteResults(rec, queries, results_file)) {
    std::fprintf(stderr, "cannot write %s\n", results_file.c_str());
    return 1;
  }
  return 0;
}
