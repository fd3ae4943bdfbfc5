// The percolator matches exactly what Xapian matches: for a table of saved searches
// (words, phrases, boolean operators, wildcards, field scopes, filters, dates, browse
// filters alone) over 1,000 Reuters articles, the (search, article) pairs it finds in
// the batch equal those an Enquire over the same documents finds.
#include "alerts/percolator.h"

#include <catch2/catch.hpp>
#include <set>

#include "indexer/indexer.h"
#include "query/request_query.h"
#include "tests/support/test_support.h"

namespace gazette::alerts {
namespace {

struct Case {
  const char* query;
  std::vector<std::string> topics;
  std::optional<std::int64_t> since;
  std::optional<int> min_quality;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"cocoa", {}, {}, {}},
      {"cocoa buffer", {}, {}, {}},
      {"\"buffer stock\"", {}, {}, {}},
      {"\"buffer stock manager\"", {}, {}, {}},
      {"\"crude oil prices\"", {}, {}, {}},
      {"\"pct to\" \"the company said\"", {}, {}, {}},
      {"title:\"oil prices\"", {}, {}, {}},
      {"\"prices prices\"", {}, {}, {}},
      {"oil OR gas", {}, {}, {}},
      {"bank -interest", {}, {}, {}},
      {"wheat AND NOT corn", {}, {}, {}},
      {"export*", {}, {}, {}},
      {"title:coffee", {}, {}, {}},
      {"topic:grain", {}, {}, {}},
      {"sugar", {"sugar", "cocoa"}, {}, {}},
      {"", {"crude"}, {}, {}},
      {"", {}, 543000000, {}},  // a date filter alone: no anchor term
      {"prices", {}, {}, 60},
      {"(gold OR silver) NEAR/3 prices", {}, {}, {}},
      {"\"of the\"", {}, {}, {}},
      {"dollar XOR yen", {}, {}, {}},
      {"zzzunknownword", {}, {}, {}},
      {"trade published:1987-03-01..1987-03-05", {}, {}, {}},
  };
  return cases;
}

std::set<std::pair<std::size_t, Xapian::docid>> ByXapian(
    const Xapian::Database& db, const std::vector<Xapian::Query>& queries) {
  std::set<std::pair<std::size_t, Xapian::docid>> found;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(queries[q]);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) found.emplace(q, *m);
  }
  return found;
}

TEST_CASE("The percolator finds exactly Xapian's matches on Reuters articles", "[percolator]") {
  if (testing::SharedCorpora().empty()) {
    FAIL(GAZETTE_SHARED_CORPORA " is absent: this test needs the shared corpora");
  }
  testing::TempDir dir;
  indexer::IndexOptions options;
  options.db_path = (dir.path() / "db").string();
  auto built = indexer::IndexPaths({testing::SharedCorpora() + "/reuters/03"}, options);
  REQUIRE(built.ok());
  Xapian::Database db(options.db_path);
  REQUIRE(db.get_doccount() == 1000);

  query::RequestQueries parse(db);
  std::vector<Xapian::Query> queries;
  for (const Case& c : Cases()) {
    query::SearchRequest request;
    request.query = c.query;
    request.topics = c.topics;
    request.since = c.since;
    request.min_quality = c.min_quality;
    auto q = parse.Of(request);
    REQUIRE(q.ok());
    queries.push_back(*q);
  }
  Percolator percolator(queries, [&db](const std::string& t) { return db.get_termfreq(t); });
  CHECK(percolator.unanchored() == 2);  // the date filter alone, and the wildcard
  CHECK(percolator.phrases() >= 5);     // checked on positions, not by Xapian

  std::vector<Xapian::Document> docs;
  std::vector<const Xapian::Document*> batch;
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) docs.push_back(db.get_document(id));
  for (const Xapian::Document& doc : docs) batch.push_back(&doc);
  std::set<std::pair<std::size_t, Xapian::docid>> found;
  for (const auto& [query, doc] : percolator.Match(batch)) {
    found.emplace(query, static_cast<Xapian::docid>(doc + 1));
  }
  const auto expected = ByXapian(db, queries);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    std::size_t mine = 0, theirs = 0;
    for (const auto& [query, doc] : found) mine += query == q;
    for (const auto& [query, doc] : expected) theirs += query == q;
    INFO(Cases()[q].query << ": percolator " << mine << ", Xapian " << theirs);
    CHECK(mine == theirs);
  }
  CHECK(found == expected);
  // The table exercises matches and misses alike.
  CHECK(expected.size() > 200);

  // Documents built in memory, as the indexer commits them, not read back: the same.
  std::vector<Xapian::Document> fresh;
  for (const Xapian::Document& doc : docs) {
    Xapian::Document copy;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      copy.add_term(*t, 0);
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        copy.add_posting(*t, *p, 0);
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      copy.add_value(v.get_valueno(), *v);
    fresh.push_back(std::move(copy));
  }
  std::vector<const Xapian::Document*> fresh_batch;
  for (const Xapian::Document& doc : fresh) fresh_batch.push_back(&doc);
  std::set<std::pair<std::size_t, Xapian::docid>> fresh_found;
  for (const auto& [query, doc] : percolator.Match(fresh_batch)) {
    fresh_found.emplace(query, static_cast<Xapian::docid>(doc + 1));
  }
  CHECK(fresh_found == expected);
}

TEST_CASE("A batch matched in pieces gives the same pairs as matched whole", "[percolator]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<Xapian::Document> docs(4);
  docs[0].add_term("cocoa");
  docs[1].add_term("cocoa");
  docs[1].add_term("sugar");
  docs[2].add_term("sugar");
  for (const auto& d : docs) db.add_document(d);
  using Q = Xapian::Query;
  const std::vector<Q> queries = {Q("cocoa"), Q(Q::OP_AND_NOT, Q("sugar"), Q("cocoa")),
                                  Q(Q::OP_OR, Q("cocoa"), Q("sugar")), Q::MatchAll,
                                  Q::MatchNothing};
  Percolator percolator(queries, [&db](const std::string& t) { return db.get_termfreq(t); });
  const std::vector<const Xapian::Document*> whole = {&docs[0], &docs[1], &docs[2], &docs[3]};
  using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(percolator.Match(whole) ==
        Pairs{{0, 0}, {2, 0}, {3, 0}, {0, 1}, {2, 1}, {3, 1}, {1, 2}, {2, 2}, {3, 2}, {3, 3}});
  CHECK(percolator.Match({&docs[2]}) == Pairs{{1, 0}, {2, 0}, {3, 0}});
  CHECK(percolator.Match({}).empty());
}

}  // namespace
}  // namespace gazette::alerts
