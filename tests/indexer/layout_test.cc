// Database layout: stub files (base/stub.h), generations, activation, rollback and clean-up.
#include "indexer/layout.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "base/stub.h"
#include "indexer/indexer.h"
#include "tests/support/test_support.h"

namespace gazette::indexer {
namespace {

using gazette::testing::MarkdownArticle;
using gazette::testing::TempDir;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::string text, line;
  while (std::getline(in, line)) text += line + "\n";
  return text;
}

Result<IndexSummary> Index(const TempDir& dir, const std::string& corpus, bool rebuild,
                           int shards = 0) {
  IndexOptions options;
  options.db_path = dir.Sub("news.db");
  options.rebuild = rebuild;
  options.shards = shards;
  return IndexPaths({dir.Sub(corpus)}, options);
}

TEST_CASE("A new database is a stub naming generation 1 - live at once") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  auto s = Index(dir, "c", false);
  REQUIRE(s.ok());
  CHECK(s->generation == 1);
  CHECK(Slurp(dir.Sub("news.db")) == "auto news.db.generations/000001/shard-0\n");
  auto layout = ReadLayout(dir.Sub("news.db"));
  REQUIRE(layout.ok());
  CHECK(layout->generation == 1);
  REQUIRE(layout->shards.size() == 1);
  CHECK(Xapian::Database(dir.Sub("news.db")).get_doccount() == 1);
}

TEST_CASE("Rebuilds stay inactive until activated - older generations are cleaned") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  dir.Write("d/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  dir.Write("d/b.md", MarkdownArticle("B", "y", "webUrl: \"https://x.example/b\"\n"));
  REQUIRE(Index(dir, "c", false).ok());
  const std::string db = dir.Sub("news.db");

  auto rebuilt = Index(dir, "d", true, 2);
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->generation == 2);
  CHECK(rebuilt->shards == 2);
  CHECK(Xapian::Database(db).get_doccount() == 1);  // still generation 1
  CHECK(Xapian::Database(rebuilt->stub).get_doccount() == 2);

  REQUIRE(ActivateGeneration(db, 2).ok());
  CHECK(Xapian::Database(db).get_doccount() == 2);
  CHECK(ListGenerations(db) == std::vector<int>{1, 2});

  auto third = Index(dir, "c", true);
  REQUIRE(third.ok());
  CHECK(third->shards == 2);  // a rebuild keeps the shard count unless told
  REQUIRE(ActivateGeneration(db, 3).ok());
  CHECK(ListGenerations(db) == std::vector<int>{2, 3});  // generation 1 cleaned

  auto back = RollbackGeneration(db);
  REQUIRE(back.ok());
  CHECK(*back == 2);
  CHECK(Xapian::Database(db).get_doccount() == 2);
  CHECK(RollbackGeneration(db).status().code() == StatusCode::kNotFound);
}

TEST_CASE("A refused rebuild is discarded and the live index is untouched") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  std::filesystem::create_directories(dir.Sub("empty"));
  REQUIRE(Index(dir, "c", false).ok());
  const std::string before = Slurp(dir.Sub("news.db"));
  auto rebuilt = Index(dir, "empty", true);
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->documents == 0);
  DiscardGeneration(dir.Sub("news.db"), rebuilt->generation);
  CHECK(Slurp(dir.Sub("news.db")) == before);
  CHECK(ListGenerations(dir.Sub("news.db")) == std::vector<int>{1});
}

TEST_CASE("Changing the shard count of a live database needs a rebuild") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x"));
  REQUIRE(Index(dir, "c", false).ok());
  auto changed = Index(dir, "c", false, 3);
  REQUIRE_FALSE(changed.ok());
  CHECK(changed.status().message().find("--rebuild") != std::string::npos);
}

TEST_CASE("Articles spread over shards by id - and re-runs find them in their shard") {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.Write("c/" + std::to_string(i) + ".md",
              MarkdownArticle("Article " + std::to_string(i), "text",
                              "webUrl: \"https://x.example/" + std::to_string(i) + "\"\n"));
  }
  auto first = Index(dir, "c", false, 2);
  REQUIRE(first.ok());
  auto layout = ReadLayout(dir.Sub("news.db"));
  REQUIRE(layout->shards.size() == 2);
  const auto in0 = Xapian::Database(layout->shards[0]).get_doccount();
  const auto in1 = Xapian::Database(layout->shards[1]).get_doccount();
  CHECK(in0 + in1 == 40);
  CHECK(in0 > 5);
  CHECK(in1 > 5);

  std::filesystem::remove(dir.Sub("c/7.md"));
  dir.Write("c/8.md",
            MarkdownArticle("Article 8 corrected", "text", "webUrl: \"https://x.example/8\"\n"));
  IndexOptions options;
  options.db_path = dir.Sub("news.db");
  options.prune = true;
  auto again = IndexPaths({dir.Sub("c")}, options);
  REQUIRE(again.ok());
  CHECK(again->unchanged == 38);
  CHECK(again->updated == 1);
  CHECK(again->deleted == 1);
  CHECK(again->documents == 39);

  auto dropped = DropCollection(dir.Sub("news.db"), "default");
  REQUIRE(dropped.ok());
  CHECK(*dropped == 39);
  CHECK(Xapian::Database(dir.Sub("news.db")).get_doccount() == 0);
}

TEST_CASE("A killed rebuild's generation is never a rollback target and is cleaned up") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  dir.Write("d/b.md", MarkdownArticle("B", "y", "webUrl: \"https://x.example/b\"\n"));
  const std::string db = dir.Sub("news.db");
  REQUIRE(Index(dir, "c", false).ok());
  // What a rebuild killed before its merge leaves: a generation with a stub, scratch
  // runs and no shard.
  auto killed = CreateGeneration(db, 1);
  REQUIRE(killed.ok());
  REQUIRE(killed->generation == 2);
  dir.Write("news.db.generations/000002/shard-0.w0.run-0/junk", "partial");
  CHECK(RollbackGeneration(db).status().code() == StatusCode::kNotFound);

  auto rebuilt = Index(dir, "d", true);
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->generation == 2);  // the partial one was removed, its number reused
  REQUIRE(ActivateGeneration(db, rebuilt->generation).ok());
  CHECK(ListGenerations(db) == std::vector<int>{1, 2});
  auto back = RollbackGeneration(db);
  REQUIRE(back.ok());
  CHECK(*back == 1);
  CHECK(Xapian::Database(db).get_doccount() == 1);

  // Killed again, now above a rolled-back database: the next rebuild keeps the live
  // generation as its rollback target and drops the partial one.
  REQUIRE(CreateGeneration(db, 1).ok());  // generation 3, incomplete
  auto again = Index(dir, "d", true);
  REQUIRE(again.ok());
  REQUIRE(ActivateGeneration(db, again->generation).ok());
  CHECK(ListGenerations(db) == std::vector<int>{1, again->generation});
  CHECK(IsComplete(db, 1));
  CHECK(IsComplete(db, again->generation));
}

TEST_CASE("Rollback after rollback targets the generation live before the current one") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  dir.Write("d/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  dir.Write("d/b.md", MarkdownArticle("B", "y", "webUrl: \"https://x.example/b\"\n"));
  const std::string db = dir.Sub("news.db");
  REQUIRE(Index(dir, "c", false).ok());                                     // 1: one article
  REQUIRE(ActivateGeneration(db, Index(dir, "d", true)->generation).ok());  // 2: two
  REQUIRE(*RollbackGeneration(db) == 1);
  auto third = Index(dir, "d", true);
  REQUIRE(third.ok());
  CHECK(third->generation == 3);
  REQUIRE(ActivateGeneration(db, 3).ok());
  CHECK(ListGenerations(db) == std::vector<int>{1, 3});
  auto back = RollbackGeneration(db);
  REQUIRE(back.ok());
  CHECK(*back == 1);
  CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("One writer lock covers every writer of a database") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  const std::string db = dir.Sub("news.db");
  int ready[2], release[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(release) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Another process: holds the lock until the test closes `release`.
    ::close(ready[0]);
    ::close(release[1]);
    auto lock = WriterLock::Acquire(db);
    const char ok = lock.ok() ? 'y' : 'n';
    if (::write(ready[1], &ok, 1) != 1) ::_exit(2);
    char ignored;
    while (::read(release[0], &ignored, 1) > 0) {
    }
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  REQUIRE(ok == 'y');
  const std::string message =
      db + ": locked by another indexer (pid " + std::to_string(child) + ")";
  auto first_run = Index(dir, "c", false);
  CHECK(first_run.status().code() == StatusCode::kUnavailable);
  CHECK(first_run.status().message() == message);
  CHECK(Index(dir, "c", true).status().message() == message);
  CHECK(RollbackGeneration(db).status().message() == message);
  CHECK(DropCollection(db, "default").status().message() == message);
  CHECK(ActivateGeneration(db, 1).message() == message);
  CHECK_FALSE(std::filesystem::exists(db));  // nothing was written
  ::close(release[1]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);

  // Released with its holder; within one process it is shared.
  auto held = WriterLock::Acquire(db);
  REQUIRE(held.ok());
  auto run = Index(dir, "c", false);
  REQUIRE(run.ok());
  CHECK(run->indexed == 1);
}

TEST_CASE("A new database may be named in folders that do not exist yet") {
  TempDir dir;
  dir.Write("c/a.md", MarkdownArticle("A", "x", "webUrl: \"https://x.example/a\"\n"));
  IndexOptions options;
  options.db_path = dir.Sub("new/folders/news.db");
  auto s = IndexPaths({dir.Sub("c")}, options);
  INFO(s.status().message());
  REQUIRE(s.ok());
  CHECK(Xapian::Database(options.db_path).get_doccount() == 1);
}

TEST_CASE("ReadStub reads shards in order - resolved against the stub's folder") {
  TempDir dir;
  std::filesystem::create_directories(dir.Sub("plain.db"));
  const std::string stub = dir.Write("news.db",
                                     "# a comment\n\nglass news.db.generations/000002/shard-0\n"
                                     "auto /abs/shard-1\n\nauto ./x/../shard-2\n");
  auto read = ReadStub(stub);
  REQUIRE(read.ok());
  CHECK(read->shards == std::vector<std::string>{dir.Sub("news.db.generations/000002/shard-0"),
                                                 "/abs/shard-1", dir.Sub("shard-2")});
  CHECK(read->other_line == 0);
  CHECK(read->text == Slurp(stub));

  auto folder = ReadStub(dir.Sub("plain.db"));
  REQUIRE(folder.ok());
  CHECK(folder->shards == std::vector<std::string>{dir.Sub("plain.db")});
  CHECK(folder->text.empty());

  CHECK(ReadStub(dir.Sub("missing.db")).status().code() == StatusCode::kNotFound);
}

TEST_CASE("A stub naming other databases is read - and refused for writing by line") {
  TempDir dir;
  const std::string stub =
      dir.Write("mixed.db", "auto local-shard\nremote tcp host 3000\nremote tcp other 3001\n");
  auto read = ReadStub(stub);
  REQUIRE(read.ok());
  CHECK(read->shards == std::vector<std::string>{dir.Sub("local-shard")});
  CHECK(read->other_line == 2);
  CHECK(read->other_type == "remote");
  auto layout = ReadLayout(stub);
  REQUIRE_FALSE(layout.ok());
  CHECK(layout.status().code() == StatusCode::kInvalidArgument);
  CHECK(layout.status().message() == stub + ":2: 'remote' databases cannot be written by gazette");

  const std::string empty = dir.Write("empty.db", "# nothing yet\n");
  auto none = ReadLayout(empty);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == empty + ": stub lists no database");
}

}  // namespace
}  // namespace gazette::indexer
