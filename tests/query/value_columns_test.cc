// Value columns: what they hold, how they follow revisions, and counts equal to
// Xapian's value-count spy.
#include "query/value_columns.h"

#include <xapian.h>
#include <catch2/catch.hpp>
#include <map>
#include <string>

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

}  // namespace
}  // namespace gazette::query
