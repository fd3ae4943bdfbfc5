// One host's share of a cluster: --only-shard builds exactly the shard a whole build
// would, and the database remembers its share.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/schema.h"
#include "tests/support/test_support.h"

namespace gazette::indexer {
namespace {

using gazette::testing::TempDir;

const std::string kSample = std::string(GAZETTE_SOURCE_DIR) + "/corpus/sample";

Result<IndexSummary> Build(const std::string& db, int shards, int only_shard, int writers,
                           bool rebuild = false) {
  IndexOptions options;
  options.db_path = db;
  options.threads = 2;
  options.writers = writers;
  options.run_documents = 5;
  options.rebuild = rebuild;
  options.shards = shards;
  if (only_shard >= 0) options.share = {shards, only_shard};
  return IndexPaths({kSample}, options);
}

// The ids (Q terms) of the database at `path`.
std::set<std::string> Ids(const std::string& path) {
  Xapian::Database db(path);
  std::set<std::string> ids;
  for (auto t = db.allterms_begin(schema::kPrefixId); t != db.allterms_end(schema::kPrefixId);
       ++t) {
    ids.insert(*t);
  }
  return ids;
}

TEST_CASE("Each --only-shard build holds exactly the shard a whole build routes there") {
  TempDir dir;
  auto whole = Build(dir.Sub("whole.db"), 3, -1, 2);
  REQUIRE(whole.ok());
  auto layout = ReadLayout(dir.Sub("whole.db"));
  REQUIRE(layout.ok());
  REQUIRE(layout->shards.size() == 3);
  std::size_t total = 0;
  for (int i = 0; i < 3; ++i) {
    INFO("shard " << i);
    // Writers that share a factor with the shard count still all get articles.
    const std::string db = dir.Sub("host" + std::to_string(i) + ".db");
    auto part = Build(db, 3, i, 3);
    REQUIRE(part.ok());
    CHECK(part->skipped.empty());
    CHECK(part->share == ShardShare{3, i});
    const std::set<std::string> ids = Ids(db);
    CHECK(ids == Ids(layout->shards[static_cast<std::size_t>(i)]));
    CHECK_FALSE(ids.empty());
    CHECK(part->documents == ids.size());
    CHECK(part->elsewhere + part->indexed == whole->indexed);
    CHECK(Xapian::Database(db).get_metadata(schema::kMetaShare) == std::to_string(i) + "/3");
    total += ids.size();
  }
  CHECK(total == whole->documents);
}

TEST_CASE("A share database keeps its share and refuses another unless rebuilt") {
  TempDir dir;
  const std::string db = dir.Sub("host.db");
  auto first = Build(db, 2, 1, 1);
  REQUIRE(first.ok());
  const std::set<std::string> ids = Ids(db);

  // A run without flags keeps the stored share: nothing changes.
  auto again = Build(db, 0, -1, 1);
  REQUIRE(again.ok());
  CHECK(again->share == ShardShare{2, 1});
  CHECK(again->indexed == 0);
  CHECK(again->unchanged == ids.size());
  CHECK(Ids(db) == ids);

  auto other = Build(db, 2, 0, 1);
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().code() == StatusCode::kInvalidArgument);
  CHECK(other.status().message().find("holds shard 1 of 2") != std::string::npos);

  // A rebuild keeps the share too, and may change it.
  auto rebuilt = Build(db, 0, -1, 1, /*rebuild=*/true);
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->share == ShardShare{2, 1});
  CHECK(Ids(rebuilt->stub) == ids);
  auto moved = Build(db, 2, 0, 1, /*rebuild=*/true);
  REQUIRE(moved.ok());
  CHECK(Ids(moved->stub).size() + ids.size() == first->indexed + first->elsewhere);
}

TEST_CASE("A whole database refuses an incremental --only-shard run") {
  TempDir dir;
  const std::string db = dir.Sub("whole.db");
  REQUIRE(Build(db, 1, -1, 1).ok());
  auto share = Build(db, 2, 0, 1);
  REQUIRE_FALSE(share.ok());
  CHECK(share.status().message().find("holds the whole input") != std::string::npos);
}

}  // namespace
}  // namespace gazette::indexer
