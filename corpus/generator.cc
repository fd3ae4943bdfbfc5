// GenerateCorpus: builds the model once, then writers take 1,000-article chunks (one
// folder or one .jsonl file each) from a shared counter.
#include "corpus/generator.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "corpus/generator_internal.h"

namespace gazette::corpus {
namespace {

namespace fs = std::filesystem;
using generator::Model;

constexpr std::uint64_t kChunk = 1000;  // articles per folder or per .jsonl file
constexpr std::size_t kMaxSourceArticles = 50000;

Status WriteFile(const fs::path& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IoError("cannot create " + path.string());
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) return Status::IoError("cannot write " + path.string());
  return Status::Ok();
}

// Zero-padded decimal, at least `width` digits.
std::string Padded(std::uint64_t n, int width) {
  std::string s = std::to_string(n);
  return s.size() < static_cast<std::size_t>(width) ? std::string(width - s.size(), '0') + s : s;
}

int Digits(std::uint64_t n) { return static_cast<int>(std::to_string(n).size()); }

// Article `i` of everything written: the corpus, then rewrites, then planted bursts.
Article MakeAny(const Model& model, std::uint64_t i) {
  if (i < model.count) return generator::MakeArticle(model, i);
  if (i < model.count + model.rewrites) return generator::MakeRewrite(model, i - model.count, i);
  return generator::MakePlanted(model, i - model.count - model.rewrites, i);
}

std::uint64_t Total(const Model& m) {
  return m.count + m.rewrites + m.bursts * generator::kPlantedPerBurst;
}

// "<url>\t<story>" for every article of a story of two or more: an original with
// rewrites and the rewrites, the story named by the original's index.
Status WriteTruth(const Model& model, const std::string& path) {
  std::map<std::uint64_t, std::vector<std::string>> stories;
  for (std::uint64_t r = 0; r < model.rewrites; ++r) {
    const std::uint64_t original = generator::RewriteOf(model, r);
    auto& urls = stories[original];
    if (urls.empty()) urls.push_back(generator::MakeArticle(model, original).web_url);
    urls.push_back(generator::MakeRewrite(model, r, model.count + r).web_url);
  }
  std::string text;
  for (const auto& [story, urls] : stories) {
    for (const std::string& url : urls) text += url + "\t" + std::to_string(story) + "\n";
  }
  return WriteFile(path, text);
}

// Writes the articles of chunk `c`; returns bytes written via *bytes.
Status WriteChunk(const Model& model, const GeneratorOptions& options, std::uint64_t c,
                  std::uint64_t* bytes, std::uint64_t* files) {
  const std::uint64_t begin = c * kChunk;
  const std::uint64_t total = Total(model);
  const std::uint64_t end = std::min(total, begin + kChunk);
  const int chunk_width = std::max(4, Digits((total - 1) / kChunk));
  const fs::path out(options.out_dir);
  if (options.format == GeneratedFormat::kJsonLines) {
    std::string text;
    for (std::uint64_t i = begin; i < end; ++i) {
      text += generator::ToJsonLine(MakeAny(model, i));
      text += '\n';
    }
    *bytes += text.size();
    ++*files;
    return WriteFile(out / ("part-" + Padded(c, chunk_width) + ".jsonl"), text);
  }
  const fs::path dir = out / Padded(c, chunk_width);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  const int file_width = std::max(6, Digits(total - 1));
  for (std::uint64_t i = begin; i < end; ++i) {
    const std::string text = generator::ToMarkdown(MakeAny(model, i));
    *bytes += text.size();
    ++*files;
    Status s = WriteFile(dir / (Padded(i, file_width) + ".md"), text);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status WriteQueries(const Model& model, const GeneratorOptions& options) {
  std::string text;
  for (const std::string& q : generator::MakeQueries(model, options.queries)) text += q + "\n";
  return WriteFile(options.queries_out, text);
}

}  // namespace

Result<GeneratorReport> GenerateCorpus(const GeneratorOptions& options) {
  if (options.out_dir.empty() && options.count > 0) {
    return Status::InvalidArgument("no output directory given");
  }
  if (options.mean_words < 1) return Status::InvalidArgument("--words must be at least 1");
  if (options.rewrites > 0 && options.count == 0) {
    return Status::InvalidArgument("--rewrites needs --count of at least 1");
  }
  if (options.queries > 0 && options.queries_out.empty()) {
    return Status::InvalidArgument("--queries needs --queries-out FILE");
  }
  Result<generator::TextModel> text =
      options.source_dir.empty()
          ? Result<generator::TextModel>(generator::TextModel::BuiltIn())
          : generator::TextModel::FromSource(options.source_dir, kMaxSourceArticles);
  if (!text.ok()) return text.status();
  std::vector<std::string> topics = generator::TopicCatalog();
  std::vector<Provider> providers = generator::ProviderCatalog();
  const std::size_t topic_count = topics.size();
  const std::size_t provider_count = providers.size();
  const Model model{std::move(*text),
                    std::move(topics),
                    std::move(providers),
                    generator::Zipf(topic_count, 1.0),
                    generator::Zipf(provider_count, 1.0),
                    options.seed,
                    options.count,
                    options.mean_words,
                    options.rewrites,
                    options.bursts};

  GeneratorReport report;
  const std::uint64_t total = Total(model);
  if (total > 0) {
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) return Status::IoError("cannot create " + options.out_dir + ": " + ec.message());
    const std::uint64_t chunks = (total + kChunk - 1) / kChunk;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<unsigned>(std::min<std::uint64_t>(
        chunks, options.threads > 0 ? static_cast<unsigned>(options.threads) : cores));
    std::atomic<std::uint64_t> next{0};
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<std::uint64_t> files{0};
    std::mutex mu;
    Status failure;
    auto work = [&] {
      for (std::uint64_t c = next++; c < chunks; c = next++) {
        std::uint64_t b = 0;
        std::uint64_t f = 0;
        Status s = WriteChunk(model, options, c, &b, &f);
        bytes += b;
        files += f;
        if (!s.ok()) {
          const std::lock_guard<std::mutex> lock(mu);
          if (failure.ok()) failure = s;
          next = chunks;  // stop the other writers early
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (!failure.ok()) return failure;
    report.articles = total;
    report.bytes = bytes;
    report.files = files;
  }
  if (!options.truth_out.empty()) {
    Status s = WriteTruth(model, options.truth_out);
    if (!s.ok()) return s;
  }
  if (options.queries > 0) {
    Status s = WriteQueries(model, options);
    if (!s.ok()) return s;
    report.queries = options.queries;
  }
  return report;
}

}  // namespace gazette::corpus
