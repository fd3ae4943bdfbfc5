// Field weights: the scored text query with each field's share of the score scaled as
// the request's ranking asks, from Xapian's built-in operators and prefixed terms only,
// so remote shards rank alike (private to query/).
#ifndef GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_
#define GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_

#include <xapian.h>

#include "query/search.h"

namespace gazette::query {

// `text` (what the parser made of the query) ranked with `weights`: its own score, over
// the whole text (where the index counts each title word 5 times, topic words 3 times
// and excerpt words twice), scaled by weights.body; plus, for every word of `text`,
// the BM25 score of that word in the title alone (its S term), scaled by
// weights.title. The added part never changes which articles match. `text` itself
// with the defaults (body 1, title 0).
Xapian::Query WeighFields(const Xapian::Query& text, const FieldWeights& weights);

// The text weighting of `ranking`: Xapian's BM25 with its k1 and b (k2 0, k3 1, minimum
// normalised length 0.5, as Xapian's default), serialisable for remote shards.
Xapian::BM25Weight TextWeighting(const Bm25& bm25);

// Whether `weights` leave the text query as parsed (body 1, title 0).
bool DefaultFields(const FieldWeights& weights);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_
