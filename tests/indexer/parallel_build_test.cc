// Fresh builds: parallel writers into scratch runs, merged into the shards.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "tests/support/test_support.h"

namespace gazette::indexer {
namespace {

namespace fs = std::filesystem;
using gazette::testing::MarkdownArticle;
using gazette::testing::TempDir;

const std::string kSample = std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample";

IndexSummary Build(const std::string& db, const std::vector<std::string>& paths, int writers,
                   std::size_t run_documents, int shards = 0) {
  IndexOptions options;
  options.db_path = db;
  options.threads = 2;
  options.writers = writers;
  options.run_documents = run_documents;
  options.batch_size = 4;
  options.shards = shards;
  auto result = IndexPaths(paths, options);
  REQUIRE(result.ok());
  return *result;
}

// Everything a search can see of a database, per term: (term frequency, collection
// frequency), plus the spelling dictionary and gazette's metadata.
struct Contents {
  std::map<std::string, std::pair<Xapian::doccount, Xapian::termcount>> terms;
  std::map<std::string, Xapian::doccount> spellings;
  std::string max_topics;
  Xapian::doccount documents = 0;
  Xapian::totallength length = 0;
};

Contents Read(const std::string& db_path) {
  Xapian::Database db(db_path);
  Contents c;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    c.terms[*t] = {t.get_termfreq(), db.get_collection_freq(*t)};
  }
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
    c.spellings[*s] = s.get_termfreq();
  }
  c.max_topics = db.get_metadata(schema::kMetaMaxTopics);
  c.documents = db.get_doccount();
  c.length = db.get_total_length();
  return c;
}

Xapian::doccount Matches(const std::string& db_path, const Xapian::Query& query) {
  Xapian::Enquire enquire{Xapian::Database(db_path)};
  enquire.set_query(query);
  return enquire.get_mset(0, 1000).get_matches_estimated();
}

bool LeavesNoScratch(const std::string& db_path) {
  for (const auto& e : fs::recursive_directory_iterator(db_path + ".generations")) {
    if (e.path().filename().string().find(".run-") != std::string::npos) return false;
  }
  return true;
}

TEST_CASE("Parallel writers and many merged runs build the same index as one writer") {
  TempDir dir;
  IndexSummary one = Build(dir.Sub("one.db"), {kSample}, 1, 1000000);
  IndexSummary many = Build(dir.Sub("many.db"), {kSample}, 3, 2);
  REQUIRE(one.indexed >= 40);
  CHECK(many.indexed == one.indexed);
  CHECK(many.documents == one.documents);

  const Contents a = Read(dir.Sub("one.db"));
  const Contents b = Read(dir.Sub("many.db"));
  CHECK(b.documents == a.documents);
  CHECK(b.length == a.length);
  CHECK(b.terms.size() == a.terms.size());
  CHECK(b.terms == a.terms);
  CHECK_FALSE(b.spellings.empty());
  CHECK(b.spellings == a.spellings);
  CHECK(b.max_topics == a.max_topics);
  CHECK(std::stoi(b.max_topics) >= 2);

  // Positions survive the merge: a phrase matches the same articles.
  const std::vector<Xapian::Query> words{Xapian::Query("central"), Xapian::Query("bank")};
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end());
  REQUIRE(Matches(dir.Sub("one.db"), phrase) > 0);
  CHECK(Matches(dir.Sub("many.db"), phrase) == Matches(dir.Sub("one.db"), phrase));
  CHECK(LeavesNoScratch(dir.Sub("many.db")));
}

TEST_CASE("Parallel writers split over shards by id as a live database does") {
  TempDir dir;
  IndexSummary built = Build(dir.Sub("db"), {kSample}, 4, 3, 2);
  CHECK(built.shards == 2);
  const fs::path gen = fs::path(dir.Sub("db.generations")) / "000001";
  const Xapian::doccount in0 = Xapian::Database((gen / "shard-0").string()).get_doccount();
  const Xapian::doccount in1 = Xapian::Database((gen / "shard-1").string()).get_doccount();
  CHECK(in0 > 0);
  CHECK(in1 > 0);
  CHECK(in0 + in1 == built.documents);
  // A second run into the live shards finds every article where the build put it.
  IndexSummary again = Build(dir.Sub("db"), {kSample}, 4, 3);
  CHECK(again.unchanged == built.indexed);
  CHECK(again.indexed == 0);
  CHECK(again.documents == built.documents);
  CHECK(LeavesNoScratch(dir.Sub("db")));
}

TEST_CASE("One id in several runs of a writer keeps one document and warns") {
  TempDir dir;
  for (int i = 0; i < 6; ++i) {
    dir.Write("corpus/other-" + std::to_string(i) + ".md",
              MarkdownArticle("Other " + std::to_string(i), "filler",
                              "webUrl: \"https://other.example/" + std::to_string(i) + "\"\n"));
  }
  for (const char* name : {"a", "b", "c"}) {
    dir.Write(std::string("corpus/same-") + name + ".md",
              MarkdownArticle(std::string("Copy ") + name, "shared body",
                              "webUrl: \"https://same.example/story\"\n"));
  }
  IndexSummary s = Build(dir.Sub("db"), {dir.Sub("corpus")}, 1, 1);
  CHECK(s.documents == 7);
  CHECK(s.indexed == 7);
  CHECK(s.updated == 2);
  CHECK(s.warnings.size() == 2);
  CHECK(Matches(dir.Sub("db"), Xapian::Query("Qhttps://same.example/story")) == 1);
  CHECK(Matches(dir.Sub("db"), Xapian::Query("share")) == 1);
  CHECK(LeavesNoScratch(dir.Sub("db")));
}

}  // namespace
}  // namespace gazette::indexer
