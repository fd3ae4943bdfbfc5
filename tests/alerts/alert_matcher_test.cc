// The alert matcher: a committed batch's matches are recorded per saved search (saved
// searches with the same parameters alike), the compiled searches it keeps in the
// store serve the next matcher, and a damaged or outdated kept form is compiled again.
#include "alerts/alert_matcher.h"

#include <catch2/catch.hpp>
#include <set>

#include "query/request_query.h"
#include "tests/support/test_support.h"

namespace gazette::alerts {
namespace {

using indexer::CommittedDocument;

SavedSearch Named(const std::string& name, const std::string& text) {
  SavedSearch s;
  s.name = name;
  s.request.query = text;
  return s;
}

// How many articles of `db` a search for `text` finds.
std::size_t Found(const Xapian::Database& db, const std::string& text) {
  query::RequestQueries parse(db);
  query::SearchRequest request;
  request.query = text;
  Xapian::Enquire enquire(db);
  enquire.set_query(parse.Of(request).value());
  return enquire.get_mset(0, db.get_doccount()).size();
}

std::set<std::string> ArticleIds(Store& store, const std::string& search) {
  std::set<std::string> ids;
  const std::vector<Match> recent = store.Recent(search, Store::kKeptMatches).value();
  for (const Match& m : recent) ids.insert(m.article.id);
  return ids;
}

TEST_CASE("Compiled saved searches are kept for the next matcher and compiled again when stale",
          "[matcher]") {
  if (testing::SharedCorpora().empty()) {
    FAIL(GAZETTE_SHARED_CORPORA " is absent: this test needs the shared corpora");
  }
  testing::TempDir dir;
  indexer::IndexOptions options;
  options.db_path = (dir.path() / "db").string();
  REQUIRE(indexer::IndexPaths({testing::SharedCorpora() + "/reuters/03"}, options).ok());
  Xapian::Database db(options.db_path);
  auto store = Store::Open(StorePathFor(options.db_path)).value();
  const std::string cocoa = store->Create(Named("Cocoa", "cocoa")).value().id;
  const std::string cocoa_too = store->Create(Named("Cocoa again", "cocoa")).value().id;
  const std::string buffer = store->Create(Named("Buffer", "\"buffer stock\"")).value().id;
  const std::string oil = store->Create(Named("Oil", "crude oil")).value().id;

  // Every document of the index, committed as a batch.
  std::vector<Xapian::Document> docs;
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) docs.push_back(db.get_document(id));
  std::vector<CommittedDocument> batch;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    batch.push_back({CommittedDocument::Change::kAdded, "doc" + std::to_string(i), 0, &docs[i]});
  }
  const auto run = [&] {
    AlertMatcher matcher(options.db_path, store.get());
    matcher.OnCommit(batch);
    REQUIRE(matcher.status().ok());
    return matcher.totals();
  };

  const AlertMatcher::Totals first = run();
  CHECK(first.searches == 4);
  CHECK(first.documents == docs.size());
  const std::size_t cocoa_found = Found(db, "cocoa");
  REQUIRE(cocoa_found > 0);
  REQUIRE(cocoa_found < static_cast<std::size_t>(Store::kKeptMatches));
  CHECK(ArticleIds(*store, cocoa).size() == cocoa_found);
  CHECK(ArticleIds(*store, cocoa_too) == ArticleIds(*store, cocoa));
  CHECK(ArticleIds(*store, buffer).size() == Found(db, "\"buffer stock\""));
  CHECK(ArticleIds(*store, oil).size() ==
        std::min<std::size_t>(Found(db, "crude oil"), Store::kKeptMatches));
  CHECK(first.matches == 2 * cocoa_found + Found(db, "\"buffer stock\"") + Found(db, "crude oil"));
  const std::string kept = store->GetBlob("compiled searches").value();
  CHECK_FALSE(kept.empty());

  // The next matcher starts from the kept form and finds the same matches.
  const AlertMatcher::Totals second = run();
  CHECK(second.searches == 4);
  CHECK(second.matches == first.matches);
  CHECK(store->GetBlob("compiled searches").value() == kept);

  // Documents built in memory, as the indexer commits them, are matched in two halves
  // at once: the same matches.
  std::vector<Xapian::Document> fresh;
  for (const Xapian::Document& doc : docs) {
    Xapian::Document& copy = fresh.emplace_back();
    copy.set_data(doc.get_data());
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      copy.add_term(*t, 0);
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        copy.add_posting(*t, *p, 0);
      }
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      copy.add_value(v.get_valueno(), *v);
    }
  }
  REQUIRE(fresh.size() >= AlertMatcher::kSplitBatchesOf);
  for (std::size_t i = 0; i < fresh.size(); ++i) batch[i].document = &fresh[i];
  CHECK(run().matches == first.matches);
  for (std::size_t i = 0; i < docs.size(); ++i) batch[i].document = &docs[i];

  // A damaged kept form is compiled again, and replaced.
  REQUIRE(store->PutBlob("compiled searches", kept.substr(0, kept.size() / 2)).ok());
  CHECK(run().matches == first.matches);
  CHECK(store->GetBlob("compiled searches").value() == kept);

  // So is one made before the saved searches changed.
  const std::string gold = store->Create(Named("Gold", "gold")).value().id;
  const AlertMatcher::Totals after = run();
  CHECK(after.searches == 5);
  CHECK(after.matches == first.matches + Found(db, "gold"));
  CHECK(ArticleIds(*store, gold).size() ==
        std::min<std::size_t>(Found(db, "gold"), Store::kKeptMatches));
  CHECK(store->GetBlob("compiled searches").value() != kept);
}

}  // namespace
}  // namespace gazette::alerts
