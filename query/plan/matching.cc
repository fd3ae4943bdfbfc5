// Matching modes: every word, any word, or every word for short queries relaxed when
// nothing has them all.
#include "query/plan/matching.h"

#include <string>

#include "query/plan/query_plan.h"

namespace gazette::query {
namespace {

// Whether some article matches `text` with the plan's filters.
bool AnyMatch(const Xapian::Database& db, const QueryPlan& plan, const Xapian::Query& text) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Filtered(plan, text, ""));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 1).size() > 0;
}

}  // namespace

const char* MatchModeName(MatchMode mode) {
  switch (mode) {
    case MatchMode::kAll:
      return "all";
    case MatchMode::kAny:
      return "any";
    case MatchMode::kAuto:
      break;
  }
  return "auto";
}

void ApplyMatchMode(const Xapian::Database& db, MatchMode mode, bool relax, QueryPlan* plan) {
  ParsedQuery& parsed = plan->parsed;
  plan->text = parsed.text;
  if (mode == MatchMode::kAll || parsed.any.empty()) return;
  if (mode == MatchMode::kAny) {
    plan->text = parsed.any;
    return;
  }
  const std::string words = std::to_string(parsed.words);
  if (parsed.words > kAutoAllWords) {
    plan->text = parsed.any;
    parsed.notices.push_back("long query: articles matching any of its " + words +
                             " words, those matching most of them first (match=all to " +
                             "require every word)");
    return;
  }
  if (!relax || AnyMatch(db, *plan, parsed.text)) return;
  plan->text = parsed.any;
  plan->relaxed = true;
  parsed.notices.push_back("no article matches all " + words +
                           " words: articles matching some of them, most first");
}

}  // namespace gazette::query
