// The indexing pipeline on scratch corpora: broken inputs, incremental runs, prune.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"
#include "tests/support/test_support.h"

namespace gazette::indexer {
namespace {

using gazette::testing::MarkdownArticle;
using gazette::testing::TempDir;

std::string Article(int n, const std::string& body = "Body text") {
  return MarkdownArticle("Article number " + std::to_string(n), body,
                         "webUrl: \"https://news.example/" + std::to_string(n) +
                             "\"\n"
                             "publishedDateTime: 2024-01-0" +
                             std::to_string(n % 9 + 1) + "T10:00:00Z\n");
}

IndexSummary Index(const TempDir& dir, const std::string& corpus, bool prune = false,
                   const std::string& collection = "default") {
  IndexOptions options;
  options.db_path = dir.Sub("db");
  options.collection = collection;
  options.prune = prune;
  options.threads = 2;
  options.batch_size = 3;  // several commits even in a small run
  auto result = IndexPaths({dir.Sub(corpus)}, options);
  REQUIRE(result.ok());
  return *result;
}

bool Names(const std::vector<corpus::Diagnostic>& diags, const std::string& file) {
  for (const auto& d : diags) {
    if (d.path.find(file) != std::string::npos && !d.message.empty()) return true;
  }
  return false;
}

TEST_CASE("Broken inputs are skipped with their reason - every good article is indexed") {
  TempDir dir;
  for (int i = 1; i <= 5; ++i) dir.Write("corpus/good" + std::to_string(i) + ".md", Article(i));
  dir.Write("corpus/bad-yaml.md", "---\ntitle: [unclosed\n---\nbody\n");
  dir.Write("corpus/bad-quality.md", MarkdownArticle("Quality", "x", "quality: \"high\"\n"));
  dir.Write("corpus/no-title.md", "---\nexcerpt: \"no title here\"\n---\nbody\n");
  dir.Write("corpus/bad-date.md",
            MarkdownArticle("Date", "x", "publishedDateTime: 2023-02-30T10:00:00Z\n"));
  dir.Write("corpus/binary.md", std::string("\x00\x01\x02\x03 junk", 9));
  dir.Write("corpus/lines.jsonl",
            "{\"title\": \"Line one\", \"webUrl\": \"https://news.example/l1\"}\n"
            "{\"title\": \"Line two\", broken\n"
            "{\"title\": \"Line three\", \"webUrl\": \"https://news.example/l3\"}\n");

  IndexSummary s = Index(dir, "corpus");
  CHECK(s.indexed == 7);
  CHECK(s.documents == 7);
  REQUIRE(s.skipped.size() == 6);
  for (const char* f :
       {"bad-yaml.md", "bad-quality.md", "no-title.md", "bad-date.md", "binary.md"}) {
    INFO(f);
    CHECK(Names(s.skipped, f));
  }
  bool line_two = false;
  for (const auto& d : s.skipped)
    line_two |= d.path.find("lines.jsonl") != std::string::npos && d.line == 2;
  CHECK(line_two);
}

TEST_CASE("A second run skips unchanged articles - updates changed ones - and prunes") {
  TempDir dir;
  for (int i = 1; i <= 4; ++i) dir.Write("corpus/a" + std::to_string(i) + ".md", Article(i));
  IndexSummary first = Index(dir, "corpus");
  CHECK(first.indexed == 4);

  IndexSummary again = Index(dir, "corpus");
  CHECK(again.indexed == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 4);

  dir.Write("corpus/a2.md", Article(2, "A corrected body"));
  std::filesystem::remove(dir.Sub("corpus/a3.md"));
  IndexSummary without_prune = Index(dir, "corpus");
  CHECK(without_prune.updated == 1);
  CHECK(without_prune.unchanged == 2);
  CHECK(without_prune.deleted == 0);
  CHECK(without_prune.documents == 4);

  IndexSummary pruned = Index(dir, "corpus", /*prune=*/true);
  CHECK(pruned.unchanged == 3);
  CHECK(pruned.deleted == 1);
  CHECK(pruned.documents == 3);
}

std::string OldestSchema(const TempDir& dir) {
  return Xapian::Database(dir.Sub("db")).get_metadata(schema::kMetaOldestSchema);
}

TEST_CASE("The oldest schema rises once every collection's articles were rewritten or checked") {
  TempDir dir;
  for (int i = 1; i <= 4; ++i) dir.Write("a/a" + std::to_string(i) + ".md", Article(i));
  for (int i = 5; i <= 6; ++i) dir.Write("b/b" + std::to_string(i) + ".md", Article(i));
  Index(dir, "a", false, "a");
  Index(dir, "b", false, "b");
  const std::string current = std::to_string(schema::kSchemaVersion);
  CHECK(OldestSchema(dir) == current);

  // As a database written before the record (and before word pairs) would look.
  auto layout = ReadLayout(dir.Sub("db"));
  REQUIRE(layout.ok());
  for (const std::string& shard : layout->shards) {
    Xapian::WritableDatabase db(shard, Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaOldestSchema, "");
    for (const char* c : {"a", "b"}) {
      db.set_metadata(std::string(schema::kMetaOldestSchema) + "." + c, "");
    }
    db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kWordPairsSince - 1));
    db.commit();
  }
  CHECK(OldestSchema(dir).empty());

  // Collection a is checked in full, b not yet: b's articles may still be old.
  Index(dir, "a", false, "a");
  CHECK(OldestSchema(dir) == std::to_string(schema::kWordPairsSince - 1));
  Index(dir, "b", false, "b");
  CHECK(OldestSchema(dir) == current);

  // A run over part of a collection leaves it as old as it was.
  dir.Write("b2/b7.md", Article(7));
  for (const std::string& shard : layout->shards) {
    Xapian::WritableDatabase db(shard, Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaOldestSchema, "3");
    db.set_metadata(std::string(schema::kMetaOldestSchema) + ".b", "");
    db.commit();
  }
  Index(dir, "b2", false, "b");
  CHECK(OldestSchema(dir) == "3");
  Index(dir, "b", /*prune=*/true, "b");  // b7 goes, the rest is checked
  CHECK(OldestSchema(dir) == current);
}

TEST_CASE("An article whose URL changes replaces its old document") {
  TempDir dir;
  dir.Write("corpus/a.md", MarkdownArticle("Moving", "x", "webUrl: \"https://old.example/a\"\n"));
  CHECK(Index(dir, "corpus").indexed == 1);
  dir.Write("corpus/a.md", MarkdownArticle("Moving", "x", "webUrl: \"https://new.example/a\"\n"));
  IndexSummary s = Index(dir, "corpus");
  CHECK(s.updated == 1);
  CHECK(s.deleted == 1);
  CHECK(s.documents == 1);
}

TEST_CASE("Two inputs with one id keep the later one and warn") {
  TempDir dir;
  dir.Write("corpus/a.md", MarkdownArticle("First", "x", "webUrl: \"https://same.example/\"\n"));
  dir.Write("corpus/b.md", MarkdownArticle("Second", "x", "webUrl: \"https://same.example/\"\n"));
  IndexSummary s = Index(dir, "corpus");
  CHECK(s.documents == 1);
  CHECK(s.indexed + s.updated == 2);
  CHECK(s.warnings.size() == 1);
}

TEST_CASE("Fatal problems are a Status - not a summary") {
  TempDir dir;
  IndexOptions options;
  options.db_path = dir.Sub("db");
  CHECK_FALSE(IndexPaths({}, options).ok());
  auto missing = IndexPaths({dir.Sub("does-not-exist")}, options);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("does-not-exist") != std::string::npos);
}

TEST_CASE("ReadStats reports the document count") {
  TempDir dir;
  for (int i = 1; i <= 3; ++i) dir.Write("corpus/a" + std::to_string(i) + ".md", Article(i));
  Index(dir, "corpus");
  auto stats = ReadStats(dir.Sub("db"));
  REQUIRE(stats.ok());
  CHECK(stats->documents == 3);
  CHECK(stats->oldest == "2024-01-02");
  CHECK_FALSE(ReadStats(dir.Sub("nope")).ok());
}

TEST_CASE("An article whose body is a lone combining mark is indexed - not skipped") {
  TempDir dir;
  dir.Write("corpus/mark.md", "---\ntitle: Mark\n---\n\xcb\xb6\xcc\xa2");
  const IndexSummary s = Index(dir, "corpus");
  for (const auto& d : s.skipped) INFO(d.ToString());
  CHECK(s.skipped.empty());
  CHECK(s.indexed == 1);
  CHECK(s.documents == 1);
}

// Records what a CommitObserver is told: "+id", "~id" or "-id" per document.
class Recorder : public CommitObserver {
 public:
  void OnCommit(const std::vector<CommittedDocument>& documents) override {
    for (const CommittedDocument& d : documents) {
      const char sign = d.change == CommittedDocument::Change::kAdded     ? '+'
                        : d.change == CommittedDocument::Change::kUpdated ? '~'
                                                                          : '-';
      seen.insert(sign + d.id);
      if (d.change != CommittedDocument::Change::kDeleted) {
        REQUIRE(d.document != nullptr);
        CHECK_THAT(UnpackStoredData(d.document->get_data()), Catch::Contains("\"title\""));
      } else {
        CHECK(d.document == nullptr);
      }
    }
  }
  std::multiset<std::string> seen;
};

TEST_CASE("The commit observer sees exactly the documents a run committed") {
  TempDir dir;
  for (int i = 1; i <= 4; ++i) dir.Write("corpus/a" + std::to_string(i) + ".md", Article(i));
  Recorder recorder;
  IndexOptions options;
  options.db_path = dir.Sub("db");
  options.threads = 2;
  options.batch_size = 1;  // a commit per document
  options.observer = &recorder;
  auto first = IndexPaths({dir.Sub("corpus")}, options);
  REQUIRE(first.ok());
  CHECK(recorder.seen ==
        std::multiset<std::string>{"+https://news.example/1", "+https://news.example/2",
                                   "+https://news.example/3", "+https://news.example/4"});

  // Changed, gone, unchanged, new: only the first three kinds are committed changes.
  recorder.seen.clear();
  dir.Write("corpus/a2.md", Article(2, "A new body"));
  std::filesystem::remove(dir.Sub("corpus/a3.md"));
  dir.Write("corpus/a5.md", Article(5));
  options.prune = true;
  auto second = IndexPaths({dir.Sub("corpus")}, options);
  REQUIRE(second.ok());
  CHECK(second->unchanged == 2);
  CHECK(recorder.seen == std::multiset<std::string>{"~https://news.example/2",
                                                    "-https://news.example/3",
                                                    "+https://news.example/5"});

  // A rebuild reports its whole new generation, once built.
  recorder.seen.clear();
  options.rebuild = true;
  options.shards = 2;
  auto rebuilt = IndexPaths({dir.Sub("corpus")}, options);
  REQUIRE(rebuilt.ok());
  CHECK(recorder.seen ==
        std::multiset<std::string>{"+https://news.example/1", "+https://news.example/2",
                                   "+https://news.example/4", "+https://news.example/5"});

  // A caller holding the writer lock runs as usual (the lock is shared in-process).
  recorder.seen.clear();
  options.rebuild = false;
  options.shards = 0;
  dir.Write("corpus/a6.md", Article(6));
  auto held = WriterLock::Acquire(options.db_path);
  REQUIRE(held.ok());
  CHECK(IndexPaths({dir.Sub("corpus")}, options).ok());  // same process: shared lock
  CHECK(recorder.seen == std::multiset<std::string>{"+https://news.example/6"});
}

}  // namespace
}  // namespace gazette::indexer
