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

}  // namespace

Xapian::Query WeighFields(const Xapian::Query& text, const FieldWeights& weights) {
  if (text.empty() || DefaultFields(weights)) return text;
  Xapian::Query scored = text;
  if (weights.body != 1) scored = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, text, weights.body);
  const Xapian::Query title = FieldPart(text, schema::kPrefixTitle, weights.title);
  if (title.empty()) return scored;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, title);
}

Xapian::BM25Weight TextWeighting(const Bm25& bm25) {
  return Xapian::BM25Weight(bm25.k1, 0, 1, bm25.b, 0.5);
}

bool DefaultFields(const FieldWeights& f) { return f.title == 0 && f.body == 1; }

}  // namespace gazette::query
