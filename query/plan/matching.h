// The matching mode (search.h MatchMode) applied to a plan: which form of the parsed
// text is ranked, and the relaxation of a query whose words match nothing together
// (private to query/).
#ifndef GAZETTE_QUERY_PLAN_MATCHING_H_
#define GAZETTE_QUERY_PLAN_MATCHING_H_

#include <xapian.h>

#include "query/search.h"

namespace gazette::query {

struct QueryPlan;

// Sets plan->text from plan->parsed for `mode`. kAll: every word. kAny: any word.
// kAuto: any word (with a notice) for more than kAutoAllWords words; else every word,
// unless no article of `db` that the plan's filters let through has them all: then any
// word, with a notice. That check is one match of Xapian built-in operators, so it runs
// on remote shards as on local ones; without `relax` a short query keeps every word.
// Throws Xapian::Error.
void ApplyMatchMode(const Xapian::Database& db, MatchMode mode, bool relax, QueryPlan* plan);

// The name of `mode` as the API and gazette.yaml spell it: auto, all or any.
const char* MatchModeName(MatchMode mode);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_PLAN_MATCHING_H_
