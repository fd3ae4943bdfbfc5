// Xapian stub files: the file a database path names when the database is made of
// shards. One reader for the writer's layout and the searcher's view.
#ifndef GAZETTE_BASE_STUB_H_
#define GAZETTE_BASE_STUB_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace gazette {

// What a database path holds, as read once.
struct Stub {
  // The stub file's text, compared to notice a switch to other shards; "" when the
  // path is a database directory.
  std::string text;
  // The local databases ("auto" and "glass" lines) in file order, resolved against the
  // stub's directory; the path itself when it is a directory.
  std::vector<std::string> shards;
  // The first line naming another kind of database (e.g. "remote"): its number
  // (1-based) and type; 0 and "" when there is none.
  int other_line = 0;
  std::string other_type;
};

// Reads the stub file or database directory at `path`. NotFound when nothing is there;
// IoError when the file cannot be read. Blank lines and '#' comments are skipped.
// Thread-safe.
Result<Stub> ReadStub(const std::string& path);

}  // namespace gazette

#endif  // GAZETTE_BASE_STUB_H_
