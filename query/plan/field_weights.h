// Field weights: the scored text query with each field's share of the score scaled as
// the request's ranking asks, from Xapian's built-in operators and prefixed terms only,
// so remote shards rank alike (private to query/).
#ifndef GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_
#define GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_

#include <xapian.h>

#include <optional>
#include <string>

#include "query/search.h"

namespace gazette::query {

// `text` (what the parser made of the query) ranked with `weights`: its own score, over
// the whole text (where the index counts each title word 5 times, topic words 3 times
// and excerpt words twice), scaled by weights.body; plus, for every word of `text`,
// the BM25 score of that word in the title alone (its S term), scaled by
// weights.title; plus that word's own text score again, scaled by weights.topics where
// the word is also a topic word (XK mark) and by weights.excerpt where it is also an
// excerpt word (XA mark). The added parts never change which articles match, and
// match nothing on an index written without those marks (index.field_words). `text` itself when
// body is 1 and the others 0 (the defaults).
Xapian::Query WeighFields(const Xapian::Query& text, const FieldWeights& weights);

// The text weighting of `ranking`: Xapian's BM25 with its k1 and b (k2 0, k3 1, minimum
// normalised length 0.5, as Xapian's default), serialisable for remote shards.
Xapian::BM25Weight TextWeighting(const Bm25& bm25);

// Whether `weights` leave the text query as parsed (body 1, the others 0).
bool TextAlone(const FieldWeights& weights);

// Whether `weights` weigh topic or excerpt words (either weight not 0).
bool FieldWordsAsked(const FieldWeights& weights);

// What a search must be told when `weights` weigh topic or excerpt words but not every
// shard of the index holds their marks (`all_marked` false; `some_marked`: some do):
// those weights then change nothing for the other shards' articles. Else nothing.
std::optional<std::string> FieldWordsNotice(bool all_marked, bool some_marked,
                                            const FieldWeights& weights);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_FIELD_WEIGHTS_H_
