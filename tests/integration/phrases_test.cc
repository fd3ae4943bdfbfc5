// Phrases filtered by word pairs (schema 4) match exactly the articles their positions
// match, on the real text of Reuters.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/analysis/analyzer.h"
#include "query/plan/term_expansion.h"
#include "query/search.h"
#include "tests/integration/shared_index.h"

namespace gazette {
namespace {

std::set<Xapian::docid> Matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::set<Xapian::docid> out;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

Xapian::Query Phrase(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                       static_cast<Xapian::termcount>(words.size()));
}

TEST_CASE("Phrases filtered by word pairs match what their positions match, on Reuters") {
  const auto* reuters = testing::IndexOf("reuters");
  Xapian::Database db(reuters->db);
  indexer::Analyzer analyzer;
  query::TermExpander with_pairs(&analyzer, {"en"}, true);
  query::TermExpander positions_only(&analyzer, {"en"}, false);

  // Phrases holding two adjacent frequent words, then phrases without.
  const std::vector<std::string> paired{"of the",
                                        "it was",
                                        "said it was",
                                        "at the end of",
                                        "has been",
                                        "will be",
                                        "one of the",
                                        "in a statement",
                                        "there is no",
                                        "for the first time",
                                        "the end of the",
                                        "he said the",
                                        "the company said it",
                                        "were not",
                                        "would have been",
                                        "it is not",
                                        "of the year",
                                        "which is",
                                        "and the",
                                        "to be",
                                        "from the",
                                        "by the end of the"};
  const std::vector<std::string> unpaired{"as well as", "is expected to", "the company",
                                          "oil prices"};
  int matched = 0;
  for (const auto* list : {&paired, &unpaired}) {
    for (const std::string& text : *list) {
      INFO("phrase: " << text);
      const Xapian::Query pairs = with_pairs.Expand(Phrase(text));
      const Xapian::Query plain = positions_only.Expand(Phrase(text));
      CHECK((pairs.get_description().find("XW") != std::string::npos) == (list == &paired));
      CHECK(plain.get_description().find("XW") == std::string::npos);
      const std::set<Xapian::docid> expected = Matches(db, plain);
      if (!expected.empty()) ++matched;
      CHECK(Matches(db, pairs) == expected);
    }
  }
  CHECK(matched >= 20);

  // End to end: a phrase of frequent words counts the same articles as a match on
  // positions alone.
  query::Limits limits;
  limits.tiered_ranking = false;
  auto searcher = query::Searcher::Open(reuters->db, limits);
  REQUIRE(searcher.ok());
  query::SearchRequest request;
  request.query = "\"it was not\"";
  auto response = (*searcher)->Search(request);
  REQUIRE(response.ok());
  CHECK(response->total_exact);
  CHECK(response->total == Matches(db, positions_only.Expand(Phrase("it was not"))).size());
  CHECK(response->total > 0);
}

}  // namespace
}  // namespace gazette
