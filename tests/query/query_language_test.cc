// The query language, table-driven: query text -> the query Xapian runs and the
// notices that say what was rewritten, on an empty in-memory English database.
#include <catch2/catch.hpp>

#include "query/plan/query_parser.h"

namespace gazette::query {
namespace {

struct Row {
  const char* text;
  MatchMode mode;
  const char* parsed;  // Xapian's description of the scored text ("" when none)
  const char* notice;  // a part of a notice that must be there; "" when none may be
};

constexpr MatchMode kAll = MatchMode::kAll;
constexpr MatchMode kAny = MatchMode::kAny;

// The text of `p` in `mode`: `any` where the mode ORs words and it differs.
std::string Scored(const ParsedQuery& p, MatchMode mode) {
  const Xapian::Query& q = mode == kAny && !p.any.empty() ? p.any : p.text;
  return q.empty() ? std::string() : q.get_description();
}

const Row kRows[] = {
    {"cocoa", kAll, "Query(cocoa)", ""},
    {"cocoa prices", kAll, "Query((cocoa AND (prices SYNONYM price)))", ""},
    {"Cocoa PRICES", kAll, "Query((cocoa AND (prices SYNONYM price)))", ""},
    {"cocoa AND prices", kAll, "Query((cocoa AND (prices SYNONYM price)))", ""},
    {"cocoa OR coffee", kAll, "Query((cocoa OR (coffee SYNONYM coffe)))", ""},
    {"cocoa NOT coffee", kAll, "Query((cocoa AND_NOT (coffee SYNONYM coffe)))", ""},
    {"cocoa XOR coffee", kAll, "Query((cocoa XOR (coffee SYNONYM coffe)))", ""},
    {"cocoa -coffee", kAll, "Query((cocoa AND_NOT (coffee SYNONYM coffe)))", ""},
    {"+cocoa coffee", kAll, "Query((cocoa AND (coffee SYNONYM coffe)))", ""},
    {"cocoa AND (coffee OR tea)", kAll, "Query((cocoa AND ((coffee SYNONYM coffe) OR tea)))", ""},
    {"(cocoa OR coffee) AND (sugar OR tea)", kAll,
     "Query(((cocoa OR (coffee SYNONYM coffe)) AND (sugar OR tea)))", ""},
    {"\"buffer stock\"", kAll, "Query((buffer PHRASE 2 stock))", ""},
    {"\"buffer stock\" prices", kAll, "Query(((buffer PHRASE 2 stock) AND (prices SYNONYM price)))",
     ""},
    {"buffer NEAR stock", kAll, "Query((buffer NEAR 11 stock))", ""},
    {"buffer NEAR/3 stock", kAll, "Query((buffer NEAR 4 stock))", ""},
    {"buffer ADJ stock", kAll, "Query((buffer PHRASE 11 stock))", ""},
    {"buffer ADJ/3 stock", kAll, "Query((buffer PHRASE 4 stock))", ""},
    {"buffer NEAR stock NEAR pact", kAll, "Query((buffer NEAR 12 stock NEAR 12 pact))", ""},
    {"buffer NEAR/2 stock NEAR/2 pact", kAll, "Query((buffer NEAR 4 stock NEAR 4 pact))", ""},
    {"cocoa buffer NEAR stock", kAll, "Query((cocoa AND (buffer NEAR 11 stock)))", ""},
    {"buffer NEAR stock cocoa", kAll, "Query(((buffer NEAR 11 stock) AND cocoa))", ""},
    {"buffer NEAR/5 stock OR cocoa", kAll, "Query(((buffer NEAR 6 stock) OR cocoa))", ""},
    {"(buffer NEAR stock) OR cocoa", kAll, "Query(((buffer NEAR 11 stock) OR cocoa))", ""},
    {"buffer near stock", kAll, "Query((buffer AND near AND stock))", ""},
    {"buffer NEAR/x stock", kAll, "Query((buffer AND (near PHRASE 2 x) AND stock))", ""},
    {"NEAR stock", kAll, "Query((near AND stock))", ""},
    {"the cocoa", kAll, "Query(cocoa)", "common words not searched: the"},
    {"cocoa of the world", kAll, "Query((cocoa AND world))",
     "common words not searched: of and the"},
    {"microbiome OR the", kAll, "Query((microbiome SYNONYM microbiom))",
     "common words not searched: the"},
    {"the OR microbiome", kAll, "Query((microbiome SYNONYM microbiom))",
     "common words not searched: the"},
    {"the OR a", kAll, "Query((the OR a))", ""},
    {"the", kAll, "Query(the)", ""},
    {"cocoa OR the OR of", kAll, "Query(cocoa)", "common words not searched: the and of"},
    {"(cocoa OR the) AND prices", kAll, "Query((cocoa AND (prices SYNONYM price)))",
     "common words not searched: the"},
    {"\"the buffer stock\"", kAll, "Query((the PHRASE 3 buffer PHRASE 3 stock))", ""},
    {"body:cocoa", kAll, "Query(cocoa)", "no field body:"},
    {"Body:cocoa prices", kAll, "Query((cocoa AND (prices SYNONYM price)))", "no field Body:"},
    {"author:\"john smith\"", kAll, "Query((john PHRASE 2 smith))", "no field author:"},
    {"title:cocoa", kAll, "Query(Scocoa)", ""},
    {"TITLE:cocoa", kAll, "Query(Scocoa)", ""},
    {"title:\"buffer stock\"", kAll, "Query((Sbuffer PHRASE 2 Sstock))", ""},
    {"\"body:cocoa\"", kAll, "Query(((body OR bodi) PHRASE 2 cocoa))", ""},
    {"http://example.com", kAll, "Query((http PHRASE 3 (example OR exampl) PHRASE 3 com))", ""},
    {"10:30 meeting", kAll, "Query(((10 PHRASE 2 30) AND (meeting SYNONYM meet)))", ""},
    {"(((", kAll, "", "the query has no words to search for"},
    {")))", kAll, "", "the query has no words to search for"},
    {"((cocoa", kAll, "Query(cocoa)", "ignored brackets without a partner"},
    {"cocoa))", kAll, "Query(cocoa)", "ignored brackets without a partner"},
    {"(cocoa OR coffee", kAll, "Query((cocoa OR (coffee SYNONYM coffe)))",
     "ignored brackets without a partner"},
    {"cocoa OR coffee)", kAll, "Query((cocoa OR (coffee SYNONYM coffe)))",
     "ignored brackets without a partner"},
    {"((cocoa OR coffee) AND sugar", kAll, "Query(((cocoa OR (coffee SYNONYM coffe)) AND sugar))",
     "ignored brackets without a partner"},
    {"\"(cocoa\" prices", kAll, "Query((cocoa AND (prices SYNONYM price)))", ""},
    {"!!! ???", kAll, "", "the query has no words to search for"},
    {"cocoa AND", kAll, "Query(cocoa)", "query syntax error"},
    {"\"unbalanced quote", kAll, "Query(((unbalanced OR unbalanc) PHRASE 2 (quote OR quot)))", ""},
    {"U.S. economy", kAll, "Query(((u PHRASE 2 s) AND (economy SYNONYM economi)))", ""},
    {"Meta's PyTorch", kAll, "Query(((metas SYNONYM meta) AND pytorch))", ""},
    {"pyto*", kAll, "Query(WILDCARD SYNONYM pyto)", ""},
    {"topic:cocoa", kAll, "", ""},
    {"topic:cocoa prices", kAll, "Query((prices SYNONYM price))", ""},
    {"-topic:cocoa prices", kAll, "Query((prices SYNONYM price))", ""},
    {"published:2022-01-01..2022-09-30 cocoa", kAll, "Query(cocoa)", ""},
    {"economic outlook for cocoa producers in west africa", kAll,
     "Query(((economic SYNONYM econom) AND outlook AND cocoa AND (producers SYNONYM produc) AND "
     "west AND africa))",
     "common words not searched: for and in"},
    {"cocoa prices", kAny, "Query((cocoa OR (prices SYNONYM price)))", ""},
    {"cocoa AND prices", kAny, "Query((cocoa AND (prices SYNONYM price)))", ""},
    {"\"buffer stock\" prices", kAny, "Query(((buffer PHRASE 2 stock) OR (prices SYNONYM price)))",
     ""},
    {"buffer NEAR stock cocoa", kAny, "Query(((buffer NEAR 11 stock) OR cocoa))", ""},
    {"+cocoa coffee", kAny, "Query((cocoa AND_MAYBE (coffee SYNONYM coffe)))", ""},
    {"cocoa -coffee", kAny, "Query((cocoa AND_NOT (coffee SYNONYM coffe)))", ""},
    {"the cocoa prices", kAny, "Query((cocoa OR (prices SYNONYM price)))",
     "common words not searched: the"},
};

TEST_CASE("Query language: text -> parsed query and notices") {
  indexer::Analyzer analyzer;
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  QueryParser parser(&analyzer, db, {"en"}, false);
  STATIC_REQUIRE(sizeof(kRows) / sizeof(kRows[0]) >= 60);
  for (const Row& row : kRows) {
    INFO("query '" << row.text << "'");
    const ParsedQuery p = parser.Parse(row.text, {}, row.mode);
    CHECK(Scored(p, row.mode) == row.parsed);
    std::string notices;
    for (const std::string& n : p.notices) notices += n + "\n";
    INFO("notices: " << notices);
    if (*row.notice == '\0') {
      CHECK(p.notices.empty());
    } else {
      CHECK(notices.find(row.notice) != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace gazette::query
