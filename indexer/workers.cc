// Worker threads of the indexing pipeline.
#include "indexer/workers.h"

#include <filesystem>

#include "indexer/analysis/analyzer.h"
#include "indexer/document.h"
#include "indexer/schema.h"
#include "indexer/share.h"

namespace gazette::indexer {
namespace {

// JSON Lines files are split into chunks of this many lines for other workers.
constexpr std::size_t kJsonLinesChunk = 256;
// Records waiting for the writer before workers block.
constexpr std::size_t kChannelCapacity = 1024;

// Title words worth suggesting: alphabetic, three characters or more.
void SpellingWords(const std::string& title, Analyzer* analyzer, std::vector<std::string>* out) {
  std::vector<Analyzer::Word> words;
  analyzer->Words(title, &words);
  for (auto& w : words) {
    if (w.text.size() < 3) continue;
    bool has_digit = false;
    for (char c : w.text) has_digit |= c >= '0' && c <= '9';
    if (!has_digit) out->push_back(std::move(w.text));
  }
}

}  // namespace

Workers::Workers(std::string collection, const IndexState& state,
                 const std::vector<corpus::InputFile>& files, corpus::ReadOptions read,
                 ShardShare share, DocumentOptions document)
    : collection_(std::move(collection)),
      read_(std::move(read)),
      share_(share),
      document_(document),
      // Documents written with other options differ: switching stories or field words
      // re-reads them.
      hash_seed_(HashBytes(collection_ + "\n" + read_.fields.ToString() + "\n" + read_.encoding +
                               (document.stories ? "" : "\nno stories") +
                               (document.field_words ? "\nfield words" : ""),
                           schema::kSchemaVersion)),
      state_(state),
      files_(files),
      channel_(kChannelCapacity) {}

Workers::~Workers() {
  for (auto& t : threads_) t.join();
}

void Workers::Start(int threads) {
  if (files_.empty()) {
    channel_.Close();
    return;
  }
  for (const auto& f : files_) tasks_.Push(Task{&f, nullptr, {}});
  running_ = threads;
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

void Workers::Loop() {
  Analyzer analyzer;
  while (auto task = tasks_.Pop()) {
    Batch batch;
    if (task->bytes) {
      for (const auto& line : task->lines) {
        batch.records.push_back(Prepare(*task->file, line.line, line.bytes, &analyzer));
      }
    } else {
      ProcessFile(*task->file, &analyzer, &batch);
    }
    const std::size_t weight = batch.records.size() + 1;
    channel_.Send(std::move(batch), weight);
    tasks_.Done();
  }
  if (--running_ == 0) channel_.Close();
}

void Workers::ProcessFile(const corpus::InputFile& file, Analyzer* analyzer, Batch* batch) {
  batch->bytes += file.size;
  Prepared unreadable;
  auto bytes = corpus::ReadFileBytes(file.path, corpus::kDefaultMaxFileBytes, &unreadable.skipped);
  if (!bytes.ok()) {
    batch->records.push_back(std::move(unreadable));
    return;
  }
  if (file.format == corpus::InputFormat::kMarkdown) {
    batch->records.push_back(Prepare(file, 0, *bytes, analyzer));
    return;
  }
  if (file.format == corpus::InputFormat::kCsv) {
    auto records = std::make_shared<std::string>();
    std::vector<corpus::Diagnostic> problems, warnings;
    Prepared unusable;
    auto lines = corpus::ReadCsvRecords(*bytes, file.path, read_, records.get(), &problems,
                                        &warnings, &unusable.skipped);
    const std::size_t start = batch->records.size();
    if (!lines) {
      batch->records.push_back(std::move(unusable));
    } else {
      for (corpus::Diagnostic& problem : problems) {
        Prepared skipped;
        skipped.path = file.path;
        skipped.line = problem.line;
        skipped.skipped = std::move(problem);
        batch->records.push_back(std::move(skipped));
      }
      ProcessRecords(file, std::move(records), std::move(*lines), analyzer, batch);
    }
    // The file's warnings (its encoding) go out with its first record, if any.
    if (batch->records.size() > start) {
      auto& first = batch->records[start].warnings;
      first.insert(first.begin(), warnings.begin(), warnings.end());
    }
    return;
  }
  auto shared = std::make_shared<const std::string>(std::move(bytes).value());
  ProcessRecords(file, shared, corpus::SplitJsonLines(*shared), analyzer, batch);
}

void Workers::ProcessRecords(const corpus::InputFile& file,
                             std::shared_ptr<const std::string> shared,
                             std::vector<corpus::JsonLine> lines, Analyzer* analyzer,
                             Batch* batch) {
  std::vector<Task> chunks;
  for (std::size_t start = kJsonLinesChunk; start < lines.size(); start += kJsonLinesChunk) {
    const std::size_t end = std::min(lines.size(), start + kJsonLinesChunk);
    chunks.push_back(Task{&file,
                          shared,
                          {lines.begin() + static_cast<std::ptrdiff_t>(start),
                           lines.begin() + static_cast<std::ptrdiff_t>(end)}});
  }
  tasks_.PushFront(std::move(chunks));
  lines.resize(std::min(lines.size(), kJsonLinesChunk));
  for (const auto& line : lines) {
    batch->records.push_back(Prepare(file, line.line, line.bytes, analyzer));
  }
}

Prepared Workers::Prepare(const corpus::InputFile& file, int line, std::string_view bytes,
                          Analyzer* analyzer) {
  Prepared p;
  p.path = file.path;
  p.line = line;
  DocumentOrigin origin;
  origin.collection = collection_;
  origin.source = std::filesystem::absolute(file.path).lexically_normal().string();
  origin.relative = file.relative;
  if (line > 0) {
    origin.source += ":" + std::to_string(line);
    origin.relative += ":" + std::to_string(line);
  }
  origin.content_hash = HashBytes(bytes, hash_seed_);
  if (const StoredRecord* stored = state_.Find(origin.source)) {
    p.previous = stored->docid;
    p.previous_shard = stored->shard;
    if (stored->content_hash == HashHex(origin.content_hash)) {
      p.kind = Prepared::Kind::kUnchanged;
      return p;
    }
  }
  try {
    auto article = file.format == corpus::InputFormat::kCsv
                       ? corpus::ParseCsvRecord(bytes, file.path, line, &p.warnings, read_)
                   : line > 0 ? corpus::ParseJsonLine(bytes, file.path, line, &p.warnings, read_)
                              : corpus::ParseMarkdown(bytes, file.path, &p.warnings, read_);
    if (!article.ok()) {
      p.skipped = article.problem();
      return p;
    }
    p.id_term = IdTerm(CanonicalId(*article, origin));
    if (!InShare(share_, HashBytes(p.id_term))) {
      p.kind = Prepared::Kind::kElsewhere;
      return p;
    }
    p.doc = ToDocument(*article, origin, analyzer, document_);
    p.topics = article->topics.size();
    SpellingWords(article->title, analyzer, &p.spelling);
    p.kind = Prepared::Kind::kDocument;
  } catch (const Xapian::Error& e) {
    p.skipped = corpus::Diagnostic{file.path, line, "cannot index: " + e.get_description()};
  } catch (const std::exception& e) {
    p.skipped = corpus::Diagnostic{file.path, line, std::string("cannot index: ") + e.what()};
  }
  return p;
}

}  // namespace gazette::indexer
