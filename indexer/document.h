// Article -> Xapian::Document: the one place that decides what gets indexed.
#ifndef GAZETTE_INDEXER_DOCUMENT_H_
#define GAZETTE_INDEXER_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "corpus/article.h"
#include "indexer/analysis/analyzer.h"
#include "indexer/analysis/terms.h"  // IdTerm, BooleanTerm, HashBytes: the terms ToDocument adds

namespace gazette::indexer {

// Where an article came from; recorded in the document for incremental indexing.
struct DocumentOrigin {
  std::string collection = "default";
  std::string source;    // source key: absolute path, or "path:line" for JSON Lines
  std::string relative;  // path relative to the indexed root, for the id fallback
  std::uint64_t content_hash = 0;
};

// The article's identity: its own id (the mapped "id"), else its webUrl, else its
// originalUrl, else "<collection>:<relative path>" (with ":<line>" for JSON Lines and
// CSV rows, in `relative`).
std::string CanonicalId(const corpus::Article& article, const DocumentOrigin& origin);

// Builds the document for `article`: positional stemmed text for title, topics,
// excerpt, body and related titles (weighted by field, see schema.h) analysed in the
// article's language (TextLanguage: the `language` field, else detected), exact
// forms and CJK bigrams, boolean terms, value slots and the stored JSON data, whose
// "language" is the language used. Pure: touches no database. The `secured`
// field is never indexed or stored.
struct DocumentOptions {
  // The story signature and band terms (indexer/story.h); without, only the article's
  // own story label.
  bool stories = true;
  // Topic and excerpt word marks (schema::kPrefixTopicWord), which w_topics and
  // w_excerpt weigh; they add a posting per distinct topic and excerpt word.
  bool field_words = false;
};
Xapian::Document ToDocument(const corpus::Article& article, const DocumentOrigin& origin,
                            Analyzer* analyzer, const DocumentOptions& options = {});

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_DOCUMENT_H_
