// The query language: user text -> Xapian queries, through Xapian's QueryParser fed
// with text rewritten by the indexing Analyzer, its words then expanded into index
// terms for every language (term_expansion.h) (private to query/).
#ifndef GAZETTE_QUERY_PLAN_QUERY_PARSER_H_
#define GAZETTE_QUERY_PLAN_QUERY_PARSER_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/analyzer.h"
#include "query/search.h"

namespace gazette::query {

struct ParsedQuery {
  Xapian::Query text;     // the scored part; empty when the text held no word
  Xapian::Query filter;   // field scopes and date ranges from the text; may be empty
  Xapian::Query exclude;  // -field:value scopes; may be empty
  // Field scopes found in the text, field name -> values as typed (case-folded),
  // so facets can mark them selected.
  std::map<std::string, std::vector<std::string>> scopes;
  std::vector<std::string> notices;  // every rewrite: syntax fixes, dropped words, fields
  std::string rewritten;             // what the QueryParser saw
  // The text with its words OR-ed where the text AND-s them by default (explicit
  // operators and phrases kept); parsed unless the mode is kAll, empty when the same
  // as `text`.
  Xapian::Query any;
  std::size_t words = 0;  // the words of `text`, stop words left out
  // The text held something but no word to search for ("((("): nothing matches.
  bool no_words = false;
};

// Parses queries against one database (for wildcard expansion). Not thread-safe.
class QueryParser {
 public:
  // `index_languages` are the languages present in `db` (IndexLanguages(db)) and
  // `word_pairs` whether it holds word pairs (IndexHasWordPairs(db)); callers that
  // parse many queries pass cached values instead of reading them per query.
  QueryParser(indexer::Analyzer* analyzer, const Xapian::Database& db,
              std::vector<std::string> index_languages, bool word_pairs);
  QueryParser(indexer::Analyzer* analyzer, const Xapian::Database& db);

  // Words, "phrases", AND/OR/NOT/XOR, +must -mustnot, (grouping), trailing wildcards
  // (bounded to the 64 most frequent expansions) and title:word or title:"phrase"
  // are scored. Boolean scopes (topic: provider: site: category: type: lang:
  // collection:, value quoted when it has spaces) and published:FROM..TO dates become
  // filters: values of one field are OR-ed, fields AND-ed, a leading '-' excludes.
  // Words, NEAR, NEAR/n, ADJ and ADJ/n chains are read as Xapian's QueryParser reads
  // them; stop words are dropped from AND and OR groups alike; an unknown field: is
  // searched as its words; unpaired brackets are ignored; each rewrite adds a notice.
  // Never fails: a syntax error re-parses the text as plain terms with a notice.
  // `text` AND-s words by default; unless `mode` is kAll, `any` OR-s them.
  // Words match in every language of `languages` (lang: scopes in the text are added),
  // or of the index when both are empty; stop words of those languages are dropped
  // outside phrases (docs/languages.md).
  ParsedQuery Parse(const std::string& text, const std::vector<std::string>& languages = {},
                    MatchMode mode = MatchMode::kAll);

  // Rewrites free text so each word is the Analyzer's form of it (normalised,
  // apostrophes dropped, pieces of one word joined by '-' so they form a phrase),
  // keeping the query syntax; an unknown field: is dropped with a notice (when
  // `notices` is given). Exposed for tests.
  std::string Rewrite(const std::string& text, std::vector<std::string>* notices = nullptr);

  // The database queries are parsed against.
  const Xapian::Database& database() const { return db_; }

 private:
  // The languages a query's words match in: `languages`, plus its lang: scopes, else
  // the index's. Drops an empty lang: scope from `parsed`.
  std::vector<std::string> Languages(const std::vector<std::string>& languages,
                                     ParsedQuery* parsed) const;

  // The QueryParser's query for rewritten text with `default_op` between words, stop
  // words dropped (also from OR); a syntax error re-parses it as plain words. Adds
  // notices.
  Xapian::Query ParseText(const std::string& rewritten, Xapian::Query::op default_op,
                          std::vector<std::string>* notices);

  // Drops words that are stop words in any of the query's languages.
  class Stopper : public Xapian::Stopper {
   public:
    bool operator()(const std::string& word) const override;
    std::vector<std::string> languages;
  };

  indexer::Analyzer* analyzer_;
  Xapian::Database db_;
  Xapian::QueryParser qp_;
  Stopper stopper_;
  std::vector<std::string> index_languages_;
  bool word_pairs_ = false;  // the index holds word-pair terms
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_QUERY_PARSER_H_
