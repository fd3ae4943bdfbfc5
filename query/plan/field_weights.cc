// Field weights as scaled subqueries of per-field (prefixed) terms.
#include "query/plan/field_weights.h"

#include <string>
#include <vector>

#include "indexer/schema.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// Whether `term` is a free-text word (unprefixed: prefixes start with a capital).
bool IsWord(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// The words of `text` in the field of `prefix`, any of them, scaled by `weight`; an
// empty query when there are none or the weight is 0.
Xapian::Query FieldPart(const Xapian::Query& text, const char* prefix, double weight) {
  if (weight <= 0) return Xapian::Query();
  std::vector<Xapian::Query> words;
  for (auto it = text.get_unique_terms_begin(); it != text.get_unique_terms_end(); ++it) {
    if (IsWord(*it)) words.emplace_back(prefix + *it);
  }
  if (words.empty()) return Xapian::Query();
  const Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  return weight == 1 ? any : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, weight);
}

// For every word of `text`, its own text score again where it is also a word of the
// field marked by `prefix` (its BM25 score filtered by the boolean mark), any of them,
// scaled by `weight`; an empty query when there are none or the weight is 0.
Xapian::Query MarkedWords(const Xapian::Query& text, const char* prefix, double weight) {
  if (weight <= 0) return Xapian::Query();
  std::vector<Xapian::Query> words;
  for (auto it = text.get_unique_terms_begin(); it != text.get_unique_terms_end(); ++it) {
    if (!IsWord(*it)) continue;
    words.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(*it), Xapian::Query(prefix + *it));
  }
  if (words.empty()) return Xapian::Query();
  const Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  return weight == 1 ? any : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, weight);
}

}  // namespace

Xapian::Query WeighFields(const Xapian::Query& text, const FieldWeights& weights) {
  if (text.empty() || TextAlone(weights)) return text;
  Xapian::Query scored = text;
  if (weights.body != 1) scored = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, text, weights.body);
  std::vector<Xapian::Query> parts;
  for (const Xapian::Query& part :
       {FieldPart(text, schema::kPrefixTitle, weights.title),
        MarkedWords(text, schema::kPrefixTopicWord, weights.topics),
        MarkedWords(text, schema::kPrefixExcerptWord, weights.excerpt)}) {
    if (!part.empty()) parts.push_back(part);
  }
  if (parts.empty()) return scored;
  const Xapian::Query added = parts.size() == 1
                                  ? parts[0]
                                  : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, added);
}

Xapian::BM25Weight TextWeighting(const Bm25& bm25) {
  return Xapian::BM25Weight(bm25.k1, 0, 1, bm25.b, 0.5);
}

bool TextAlone(const FieldWeights& f) {
  return f.title == 0 && f.excerpt == 0 && f.topics == 0 && f.body == 1;
}

bool FieldWordsAsked(const FieldWeights& f) { return f.excerpt != 0 || f.topics != 0; }

std::optional<std::string> FieldWordsNotice(bool all_marked, bool some_marked,
                                            const FieldWeights& weights) {
  if (all_marked || !FieldWordsAsked(weights)) return std::nullopt;
  if (some_marked) {
    return "w_topics and w_excerpt weigh only the articles of shards indexed with field words; "
           "reindex the others with index.field_words: true (gazette index --field-words) to "
           "weigh theirs";
  }
  return "w_topics and w_excerpt change nothing on this index: its topic and excerpt words are "
         "not marked; reindex with index.field_words: true (gazette index --field-words) to "
         "weigh them";
}

}  // namespace gazette::query
