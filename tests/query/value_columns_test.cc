// Value columns: what they hold, how they follow revisions, and counts equal to
// Xapian's value-count spy.
#include "query/index/value_columns.h"

#include <xapian.h>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using gazette::testing::TempDir;

constexpr Xapian::valueno kSlot = 4;

Xapian::Document Doc(const std::string& term, const std::string& value) {
  Xapian::Document doc;
  doc.add_term(term);
  if (!value.empty()) doc.add_value(kSlot, value);
  return doc;
}

TEST_CASE("A value column holds each document's value and follows commits") {
  TempDir dir;
  const std::string path = dir.Sub("db");
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  writer.add_document(Doc("a", "Reuters"));
  writer.add_document(Doc("a", "AP"));
  writer.add_document(Doc("b", "Reuters"));
  writer.add_document(Doc("b", ""));
  writer.commit();

  Xapian::Database first(path);
  auto column = CachedColumn(first, kSlot);
  CHECK(column->distinct() == 2);
  REQUIRE(column->Code(1) != 0);
  CHECK(column->Code(1) == column->Code(3));
  CHECK(column->Value(column->Code(1)) == "Reuters");
  CHECK(column->Value(column->Code(2)) == "AP");
  CHECK(column->Code(4) == 0);
  CHECK(column->Code(99) == 0);
  CHECK(CachedColumn(first, kSlot) == column);  // cached

  writer.replace_document(2, Doc("a", "BBC"));
  writer.add_document(Doc("b", "AP"));
  writer.commit();

  Xapian::Database second(path);
  auto updated = CachedColumn(second, kSlot);
  CHECK(updated != column);
  CHECK(updated->Value(updated->Code(2)) == "BBC");
  CHECK(updated->Value(updated->Code(5)) == "AP");
  // The earlier revision keeps its own column while a searcher still reads it.
  CHECK(CachedColumn(first, kSlot) == column);
  CHECK(column->Value(column->Code(2)) == "AP");
}

TEST_CASE("Column counts equal Xapian's value counts over the same match") {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    const char* providers[] = {"Reuters", "AP", "", "BBC", "AP", "Reuters", "Reuters"};
    for (int i = 0; i < 700; ++i) {
      writer.add_document(Doc(i % 3 == 0 ? "a" : "b", providers[(i * 5) % 7]));
    }
    writer.commit();
  }
  Xapian::Database db(path);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("a"));
  ColumnCountSpy columns;
  columns.Add(CachedColumn(db, kSlot));
  Xapian::ValueCountMatchSpy values(kSlot);
  enquire.add_matchspy(&columns);
  enquire.add_matchspy(&values);
  enquire.get_mset(0, 0, db.get_doccount());

  std::map<std::string, std::uint64_t> from_columns, from_values;
  columns.Counts(0, [&](const std::string& v, std::uint64_t n) { from_columns[v] += n; });
  for (auto it = values.values_begin(); it != values.values_end(); ++it)
    from_values[*it] = it.get_termfreq();
  CHECK(from_columns.size() == 3);
  CHECK(from_columns == from_values);
}

// The matches of `query` on `db` as (docid, weight), best first.
std::vector<std::pair<Xapian::docid, double>> Ranked(const Xapian::Database& db,
                                                     const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::vector<std::pair<Xapian::docid, double>> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
  return out;
}

TEST_CASE("Column weight sources give the postings and weights of Xapian's value sources") {
  TempDir dir;
  const std::string path = dir.Sub("db");
  constexpr Xapian::valueno kQuality = 1, kDay = 2;
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    for (int i = 0; i < 500; ++i) {
      Xapian::Document doc;
      for (int k = 0; k <= i % 4; ++k) doc.add_term(i % 3 == 0 ? "a" : "b");
      doc.add_term("c", static_cast<Xapian::termcount>(1 + i % 5));
      if (i % 13 != 0) doc.add_term("d");
      if (i % 7 != 0) doc.add_value(kQuality, Xapian::sortable_serialise(i % 101));
      if (i % 11 != 0) doc.add_value(kDay, "2025010" + std::to_string(i % 9));
      writer.add_document(doc);
    }
    writer.commit();
  }
  Xapian::Database db(path);
  const std::map<std::string, double> recency = {{"20250101", 0.5}, {"20250105", 2.0}};
  auto* stock_days = new Xapian::ValueMapPostingSource(kDay);
  stock_days->set_default_weight(0);
  for (const auto& [day, w] : recency) stock_days->add_mapping(day, w);
  const Xapian::Query stock_quality((new Xapian::ValueWeightPostingSource(kQuality))->release());
  const Xapian::Query stock_recency(stock_days->release());

  const auto quality_of = std::make_shared<const ColumnWeightSource::WeightOf>(
      [](const std::string& v) { return Xapian::sortable_unserialise(v); });
  const auto recency_of =
      std::make_shared<const ColumnWeightSource::WeightOf>([&recency](const std::string& v) {
        auto it = recency.find(v);
        return it == recency.end() ? 0.0 : it->second;
      });
  const Xapian::Query column_quality((new ColumnWeightSource(kQuality, quality_of))->release());
  const Xapian::Query column_recency((new ColumnWeightSource(kDay, recency_of))->release());

  // Alone, each source lists the documents with a value, weighted alike.
  CHECK(Ranked(db, column_quality) == Ranked(db, stock_quality));
  CHECK(Ranked(db, column_recency) == Ranked(db, stock_recency));
  // As the ranking combines them with a text query (skip_to and check).
  for (const char* term : {"a", "b", "c"}) {
    INFO(term);
    auto ranked = [&](const Xapian::Query& quality, const Xapian::Query& days) {
      const Xapian::Query extras(Xapian::Query::OP_OR,
                                 Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, quality, 0.3), days);
      return Ranked(db, Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(term), extras));
    };
    const auto want = ranked(stock_quality, stock_recency);
    CHECK(want.size() > 100);
    CHECK(ranked(column_quality, column_recency) == want);
    // One source of both slots, the quality scaled in its weight function, gives the
    // same documents and weights as the OR of the scaled stock sources.
    const auto scaled_quality = std::make_shared<const ColumnWeightSource::WeightOf>(
        [](const std::string& v) { return 0.3 * Xapian::sortable_unserialise(v); });
    const Xapian::Query both(
        (new ColumnWeightSource({kQuality, scaled_quality}, {kDay, recency_of}))->release());
    CHECK(Ranked(db, Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(term), both)) ==
          want);
  }
  // Alone, the two-slot source lists every document with a value in either slot.
  {
    const Xapian::Query both(
        (new ColumnWeightSource({kQuality, quality_of}, {kDay, recency_of}))->release());
    const auto want = Ranked(db, Xapian::Query(Xapian::Query::OP_OR, stock_quality, stock_recency));
    CHECK(want.size() == 493);  // of 500 documents, i = 0, 77, ..., 462 have neither value
    CHECK(Ranked(db, both) == want);
  }
  // And as a filter: a source with fewer postings than "d" leads the AND and is moved
  // on with skip_to() past documents without "d".
  for (const char* term : {"a", "d"}) {
    INFO(term);
    for (const auto& [column, stock] : {std::make_pair(column_recency, stock_recency),
                                        std::make_pair(column_quality, stock_quality)}) {
      CHECK(Ranked(db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(term), column)) ==
            Ranked(db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(term), stock)));
    }
  }
}

}  // namespace
}  // namespace gazette::query
