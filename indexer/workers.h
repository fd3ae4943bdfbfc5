// The parallel half of the indexing pipeline: read, hash, parse and analyse inputs
// on several threads, sending prepared documents to the single writer (private).
#ifndef GAZETTE_INDEXER_WORKERS_H_
#define GAZETTE_INDEXER_WORKERS_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "corpus/reader.h"
#include "indexer/document.h"
#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/work_queue.h"

namespace gazette::indexer {

class Analyzer;

// One record's outcome.
struct Prepared {
  // kElsewhere: an article of another shard's share (IndexOptions::share).
  enum class Kind { kDocument, kUnchanged, kSkipped, kElsewhere } kind = Kind::kSkipped;
  Xapian::Document doc;
  std::string id_term;
  std::string path;            // input file
  int line = 0;                // JSON Lines record, or 0
  Xapian::docid previous = 0;  // the record's document before this run, if any
  int previous_shard = 0;      // ... and the shard holding it
  std::size_t topics = 0;
  std::vector<std::string> spelling;  // title words for the spelling dictionary
  std::vector<corpus::Diagnostic> warnings;
  corpus::Diagnostic skipped;
};

// The records of one task, plus the input bytes it accounts for.
struct Batch {
  std::vector<Prepared> records;
  std::uint64_t bytes = 0;
};

// Runs `threads` workers over `files`; their output arrives on channel(), which is
// closed when every record has been sent. The referenced state and files must
// outlive the workers.
class Workers {
 public:
  // `read` says how inputs are read (field mapping, declared encoding); it is part of
  // every record's content hash, so a changed mapping re-reads unchanged files. Articles
  // outside `share` are parsed for their id but not analysed.
  Workers(std::string collection, const IndexState& state,
          const std::vector<corpus::InputFile>& files, corpus::ReadOptions read = {},
          ShardShare share = {}, DocumentOptions document = {});
  ~Workers();  // joins
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void Start(int threads);
  Channel<Batch>& channel() { return channel_; }

 private:
  struct Task {
    const corpus::InputFile* file = nullptr;
    std::shared_ptr<const std::string> bytes;  // set for chunks of a JSON Lines file
    std::vector<corpus::JsonLine> lines;
  };
  void Loop();
  void ProcessFile(const corpus::InputFile& file, Analyzer* analyzer, Batch* batch);
  // Queues a shared file's records in chunks for other workers and prepares the first.
  void ProcessRecords(const corpus::InputFile& file, std::shared_ptr<const std::string> bytes,
                      std::vector<corpus::JsonLine> lines, Analyzer* analyzer, Batch* batch);
  Prepared Prepare(const corpus::InputFile& file, int line, std::string_view bytes,
                   Analyzer* analyzer);

  std::string collection_;
  corpus::ReadOptions read_;
  ShardShare share_;
  DocumentOptions document_;  // ToDocument's options
  std::uint64_t hash_seed_ = 0;
  const IndexState& state_;
  const std::vector<corpus::InputFile>& files_;
  TaskQueue<Task> tasks_;
  Channel<Batch> channel_;
  std::vector<std::thread> threads_;
  std::atomic<int> running_{0};
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_WORKERS_H_
