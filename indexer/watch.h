// Live indexing: `gazette index --watch` keeps indexing the input folders as files land
// in them (inotify), committing each batch of changes within a bounded interval
// (private to indexer/ and main/).
#ifndef GAZETTE_INDEXER_WATCH_H_
#define GAZETTE_INDEXER_WATCH_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "indexer/indexer.h"

namespace gazette::indexer {

struct WatchOptions {
  // Longest time from a file being closed (or renamed into place) to its commit, while
  // changes keep arriving.
  std::chrono::milliseconds commit_interval{1000};
  // A batch is indexed once no change has arrived for this long (or at commit_interval),
  // so a file written in several steps is usually read once, whole.
  std::chrono::milliseconds settle{50};
  // Told of each batch indexed (the first is the initial run over every path).
  std::function<void(const IndexSummary& summary)> on_batch;
  // Readable when the watch must stop (e.g. a signal's self-pipe); -1: never.
  int stop_fd = -1;
};

// Indexes every article under `paths` (directories) as IndexPaths does, then watches
// them: files created, closed after writing, or renamed into the folders (and folders
// moved in) are indexed; with options.prune, the articles of files deleted or renamed
// away are deleted. Hidden files and names that are not inputs (.md, .markdown, .jsonl,
// .csv) are ignored. Returns Ok when stop_fd becomes readable; a fatal indexing or
// inotify error otherwise. Skipped inputs are reported through on_batch, not fatal.
Status WatchPaths(const std::vector<std::string>& paths, const IndexOptions& options,
                  const WatchOptions& watch);

// Deletes the articles read from any file of `paths` (absolute or not); returns how
// many. Reports them to options.observer as deleted.
Result<std::uint64_t> DeleteSources(const std::vector<std::string>& paths,
                                    const IndexOptions& options);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_WATCH_H_
