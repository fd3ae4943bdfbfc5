// A scratch database built by the real indexer from Markdown articles, with a Searcher
// over it, for query tests that need a handful of hand-written articles.
#ifndef GAZETTE_TESTS_SUPPORT_SCRATCH_INDEX_H_
#define GAZETTE_TESTS_SUPPORT_SCRATCH_INDEX_H_

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "indexer/indexer.h"
#include "query/search.h"
#include "tests/support/test_support.h"

namespace gazette::testing {

struct ScratchIndex {
  TempDir dir;
  std::unique_ptr<query::Searcher> searcher;

  // `articles`: (slug, Markdown text) pairs, written as in/SLUG.md and indexed with the
  // default options into dir/db.
  explicit ScratchIndex(const std::vector<std::pair<std::string, std::string>>& articles) {
    for (const auto& [slug, text] : articles) dir.Write("in/" + slug + ".md", text);
    indexer::IndexOptions options;
    options.db_path = dir.Sub("db");
    REQUIRE(indexer::IndexPaths({dir.Sub("in")}, options).ok());
    auto opened = query::Searcher::Open(dir.Sub("db"));
    REQUIRE(opened.ok());
    searcher = std::move(opened).value();
  }
};

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_SUPPORT_SCRATCH_INDEX_H_
