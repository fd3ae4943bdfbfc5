// Tests the searcher pool: waiting for a database, and picking up a reindex.
#include "web/searcher_pool.h"

#include <catch2/catch.hpp>

#include "test_db.h"

namespace gazette::web {
namespace {

using testing::IndexInto;
using testing::SamplePath;
using testing::ScratchDir;

TEST_CASE("SearcherPool answers unavailable until the database appears", "[searcher_pool]") {
  ScratchDir dir;
  const std::string db = dir.Sub("db");
  SearcherPool pool(db, query::Limits{}, 2);
  CHECK_FALSE(pool.available());
  auto none = pool.Acquire();
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == StatusCode::kUnavailable);

  IndexInto(db, {SamplePath("2023")});
  pool.Refresh();  // what the background thread does every interval
  REQUIRE(pool.available());
  CHECK(pool.reloads() == 1);
  auto lease = pool.Acquire();
  REQUIRE(lease.ok());
  CHECK((*lease)->DocumentCount() > 0);
}

TEST_CASE("SearcherPool picks up a reindex on refresh", "[searcher_pool]") {
  ScratchDir dir;
  const std::string db = dir.Sub("db");
  IndexInto(db, {SamplePath("2023")});
  SearcherPool pool(db, query::Limits{}, 2);
  REQUIRE(pool.available());
  std::uint64_t before = 0;
  {
    auto lease = pool.Acquire();
    REQUIRE(lease.ok());
    before = (*lease)->DocumentCount();
  }
  pool.Refresh();
  CHECK(pool.reloads() == 0);  // nothing changed

  IndexInto(db, {SamplePath()});
  pool.Refresh();
  CHECK(pool.reloads() == 1);
  // Every searcher in the pool sees the new revision.
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK((*a)->DocumentCount() > before);
  CHECK((*b)->DocumentCount() == (*a)->DocumentCount());
}

}  // namespace
}  // namespace gazette::web
