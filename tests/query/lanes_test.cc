// Lanes: the document id shares partition a match, the page floor is the merged
// page's, and merged rankings keep one match's order and folding.
#include "query/rank/lanes.h"

#include <xapian.h>
#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;

std::vector<Xapian::docid> Matching(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

// Writes shards dir/a and dir/b alike: documents 1 .. `count`, each with the term
// term_of(id) and "all"; then deletes the ids in `gone`.
template <typename TermOf>
void WriteShards(const TempDir& dir, int count, TermOf term_of,
                 const std::vector<Xapian::docid>& gone = {}) {
  for (const char* name : {"a", "b"}) {
    Xapian::WritableDatabase writer(dir.Sub(name), Xapian::DB_CREATE);
    for (int i = 1; i <= count; ++i) {
      Xapian::Document doc;
      doc.add_term(term_of(i));
      doc.add_term("all");
      writer.add_document(doc);
    }
    for (Xapian::docid id : gone) writer.delete_document(id);
    writer.commit();
  }
}

TEST_CASE("Document id shares hold each match exactly once, with gaps and in stubs") {
  TempDir dir;
  WriteShards(dir, 101, [](int i) { return i % 3 == 0 ? "three" : "other"; }, {1, 50, 51, 101});
  Xapian::Database one(dir.Sub("a"));
  Xapian::Database stub;
  stub.add_database(Xapian::Database(dir.Sub("a")));
  stub.add_database(Xapian::Database(dir.Sub("b")));
  for (const Xapian::Database& db : {one, stub}) {
    for (const char* term : {"three", "all"}) {
      const Xapian::Query text(term);
      const auto all = Matching(db, text);
      REQUIRE(!all.empty());
      for (int count : {1, 2, 3}) {
        INFO(term << " in " << count << " lanes over " << db.size() << " shards");
        std::multiset<Xapian::docid> seen;
        std::size_t largest = 0;
        for (int index = 0; index < count; ++index) {
          const Xapian::Query share((new DocidShare(Lane{index, count}))->release());
          const auto part = Matching(db, Xapian::Query(Xapian::Query::OP_FILTER, text, share));
          largest = std::max(largest, part.size());
          seen.insert(part.begin(), part.end());
        }
        CHECK(seen == std::multiset<Xapian::docid>(all.begin(), all.end()));
        // Each lane holds about its share.
        CHECK(largest <= all.size() / static_cast<std::size_t>(count) + 20);
      }
    }
  }
}

TEST_CASE("Known document ids filter a match shard by shard") {
  TempDir dir;
  WriteShards(dir, 40, [](int i) { return i % 2 == 0 ? "even" : "odd"; });
  Xapian::Database a(dir.Sub("a")), b(dir.Sub("b"));
  Xapian::Database stub;
  stub.add_database(a);
  stub.add_database(b);
  auto known = std::make_shared<KnownDocids::ByShard>();
  (*known)[a.get_uuid()] = {2, 3, 4, 17, 40};  // shard-local ids
  (*known)[b.get_uuid()] = {1, 2};
  const Xapian::Query ids((new KnownDocids(known))->release());
  // Combined ids interleave the shards: local id n of shard k is 2(n - 1) + k + 1.
  CHECK(Matching(stub, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("even"), ids)) ==
        std::vector<Xapian::docid>{3, 4, 7, 79});
  CHECK(Matching(stub, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("odd"), ids)) ==
        std::vector<Xapian::docid>{2, 5, 33});
  // A shard it knows nothing of matches nothing.
  Xapian::Database other(dir.Sub("b"));
  auto none = std::make_shared<KnownDocids::ByShard>();
  CHECK(Matching(other, Xapian::Query((new KnownDocids(none))->release())).empty());
}

TEST_CASE("The page floor is the page's last weight over every lane's report") {
  PageFloor floor(2, 3);
  double seen_by_other = 0;
  std::thread other([&] { seen_by_other = floor.Exchange(1, 0, {9, 4}); });
  // Neither lane holds three hits; together they do: the third best is 5.
  const double mine = floor.Exchange(0, 0, {7, 5});
  other.join();
  CHECK(mine == 5);
  CHECK(seen_by_other == 5);

  // A lane that left no longer holds the others up, and its report still counts.
  floor.Leave(1);
  CHECK(floor.Exchange(0, 1, {8, 7, 6}) == 7);

  PageFloor alone(1, 2);
  CHECK(alone.Exchange(0, 0, {3}) == -std::numeric_limits<double>::infinity());
  CHECK(alone.Exchange(0, 1, {3, 2, 1}) == 2);
}

Ranked Hit(Xapian::docid docid, double weight, std::string collapse = "",
           std::string sort_key = "") {
  return Ranked{docid, weight, std::move(sort_key), std::move(collapse), 0};
}

std::vector<Xapian::docid> Docids(const std::vector<Ranked>& ranked) {
  std::vector<Xapian::docid> out;
  for (const Ranked& r : ranked) out.push_back(r.docid);
  return out;
}

TEST_CASE("Merged rankings keep one match's order and fold duplicates") {
  std::vector<Ranked> out;
  // Weight descending, ties by document id.
  MergeRanked({{Hit(2, 3.0), Hit(4, 1.0)}, {Hit(7, 3.0), Hit(1, 1.0)}}, 3, true, &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{2, 7, 1});

  // A sort key first, ascending or descending, then weight.
  MergeRanked({{Hit(1, 1.0, "", "b"), Hit(2, 5.0, "", "a")}, {Hit(3, 2.0, "", "b")}}, 3, false,
              &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{2, 3, 1});
  MergeRanked({{Hit(1, 1.0, "", "b"), Hit(2, 5.0, "", "a")}, {Hit(3, 2.0, "", "b")}}, 3, true,
              &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{3, 1, 2});

  // Duplicates in two lanes fold into the best, which counts them.
  std::vector<Ranked> a{Hit(1, 4.0, "x"), Hit(2, 3.0, "y")};
  a[1].collapsed = 2;
  MergeRanked({a, {Hit(5, 3.5, "y"), Hit(6, 1.0, "z")}}, 3, true, &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{1, 5, 6});
  CHECK(out[1].collapsed == 3);

  // Folded across lanes, the keys of a full lane still fill the page.
  MergeRanked({{Hit(1, 4.0, "x"), Hit(2, 3.0, "y"), Hit(3, 2.0, "z")}, {Hit(5, 4.5, "y")}}, 3, true,
              &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{5, 1, 3});
  MergeRanked({{Hit(1, 4.0, "x")}, {Hit(5, 3.5, "x")}}, 3, true, &out);
  CHECK(Docids(out) == std::vector<Xapian::docid>{1});
}

TEST_CASE("Counts on different samples merge scaled out") {
  SampledCounts into{{{"a", 3}, {"b", 1}}, 4};
  MergeCounts(SampledCounts{{{"a", 2}}, 4}, &into);
  CHECK(into.scale == 4);
  CHECK(into.counts == ValueCounts{{"a", 5}, {"b", 1}});
  MergeCounts(SampledCounts{{{"b", 3}, {"c", 1}}, 2}, &into);
  CHECK(into.scale == 1);
  CHECK(into.counts == ValueCounts{{"a", 20}, {"b", 10}, {"c", 2}});
}

}  // namespace
}  // namespace gazette::query
