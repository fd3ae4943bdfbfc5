// Database layout on disk: the path users name is a Xapian stub file listing the
// shards of the live generation; generations sit beside it so a rebuild can be built,
// checked, switched to atomically and rolled back.
//
//   news.db                          stub: "auto news.db.generations/000002/shard-0" ...
//   news.db.lock                     the writer lock (indexer.h WriterLock)
//   news.db.generations/000001/      the previous generation (kept for rollback)
//   news.db.generations/000002/      the live generation: shard-0 ... shard-N-1, stub
//
// A generation holds a "complete" file once it has gone live (after its gate). One
// without it, newer than the live one, is a build that was killed or is running: it
// is never a rollback target, and the next writer (holding the lock) removes it.
//
// A plain Xapian database directory (or a stub written by hand, e.g. of remote shards)
// at the path is also accepted for reading and, with one local shard, for writing.
#ifndef GAZETTE_INDEXER_LAYOUT_H_
#define GAZETTE_INDEXER_LAYOUT_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace gazette::indexer {

struct Layout {
  std::string path;                 // what users name (--db)
  int generation = 0;               // 0: not a generation layout
  std::vector<std::string> shards;  // local shard directories, in stub order
};

// Reads the layout at `path`. NotFound when nothing is there; InvalidArgument when the
// stub lists something gazette cannot write to (e.g. remote shards).
Result<Layout> ReadLayout(const std::string& path);

// Creates generation `generation` (the next free number when 0) with `shards` empty
// shard directories and its own stub, without making it live.
Result<Layout> CreateGeneration(const std::string& path, int shards);

// The stub file of a generation, which opens it whether or not it is live.
std::string GenerationStub(const std::string& path, int generation);

// Marks `layout` complete and makes it the live generation by writing a new stub
// beside `path` and renaming it over `path` (atomic); then deletes every generation
// but the new one and the one live before it.
Status Activate(const Layout& layout);

// Makes the newest complete generation older than the live one (the one live before
// it) live again, after checking that it opens. NotFound when there is none.
Result<Layout> Rollback(const std::string& path);

// Removes the generations a killed build left: those without the "complete" mark
// that are newer than the live one (all of them when none is live). REQUIRES: the
// writer lock is held.
void RemoveIncomplete(const std::string& path);

// True when generation `generation` beside `path` has gone live once (is complete).
bool IsComplete(const std::string& path, int generation);

// Deletes a generation that never went live (a rebuild the gate refused).
void Discard(const Layout& layout);

// Generation numbers present beside `path`, ascending.
std::vector<int> ListGenerations(const std::string& path);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_LAYOUT_H_
