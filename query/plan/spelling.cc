// Spelling correction word by word with Xapian's spelling dictionary.
#include "query/plan/spelling.h"

#include <vector>

#include "indexer/analysis/folding.h"
#include "query/plan/term_expansion.h"

namespace gazette::query {
namespace {

bool IsOperator(const std::string& word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR";
}

bool IsEdgePunctuation(char c) {
  return c == '"' || c == '(' || c == ')' || c == '+' || c == '-' || c == '*' || c == ',' ||
         c == '.' || c == '?' || c == '!';
}

}  // namespace

std::optional<std::string> CorrectSpelling(const std::string& query, const Xapian::Database& db,
                                           const std::vector<std::string>& index_languages,
                                           indexer::Analyzer* analyzer) {
  std::string out;
  bool changed = false;
  std::vector<indexer::Analyzer::Word> words;
  TermExpander expander(analyzer, index_languages);
  // A word is known when any of its index forms (any language) is in the index.
  auto known = [&](const std::string& word) {
    for (const std::string& form : expander.Forms(word)) {
      if (db.get_termfreq(form) > 0) return true;
    }
    return false;
  };
  std::size_t i = 0;
  while (i < query.size()) {
    if (query[i] == ' ') {
      out.push_back(query[i++]);
      continue;
    }
    std::size_t end = query.find(' ', i);
    if (end == std::string::npos) end = query.size();
    const std::string token = query.substr(i, end - i);
    i = end;
    std::size_t a = 0;
    std::size_t b = token.size();
    while (a < b && IsEdgePunctuation(token[a])) ++a;
    while (b > a && IsEdgePunctuation(token[b - 1])) --b;
    const std::string core = token.substr(a, b - a);
    words.clear();
    if (!core.empty() && !IsOperator(core) && core.find(':') == std::string::npos) {
      analyzer->Words(core, &words);
    }
    std::string replacement;
    // CJK words are left alone: they also match through bigrams, and edit distance
    // means little on two or three ideographs.
    if (words.size() == 1 && words[0].text.find_first_of("0123456789") == std::string::npos &&
        !indexer::HasCjk(words[0].text) && !known(words[0].text)) {
      replacement = db.get_spelling_suggestion(words[0].text, 2);
    }
    if (replacement.empty()) {
      out += token;
    } else {
      out += token.substr(0, a) + replacement + token.substr(b);
      changed = true;
    }
  }
  if (!changed) return std::nullopt;
  return out;
}

void SuggestCorrection(const IndexView& view, const SearchRequest& request, const QueryPlan& plan,
                       indexer::Analyzer* analyzer, SearchResponse* response) {
  // Articles the suggestion counts up to: an estimate past them.
  constexpr Xapian::doccount kCheckAtLeast = 1000;
  const std::optional<std::string> corrected =
      CorrectSpelling(request.query, view.db, view.facts.languages, analyzer);
  if (!corrected) return;
  QueryParser parser(analyzer, view.db, view.facts.languages, view.facts.word_pairs);
  const ParsedQuery parsed = parser.Parse(*corrected);
  if (parsed.text.empty()) return;
  Xapian::Enquire count(view.db);
  count.set_query(Filtered(plan, parsed.text, ""));
  count.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = count.get_mset(0, 0, kCheckAtLeast);
  if (mset.get_matches_estimated() == 0) return;
  response->suggestion = *corrected;
  response->suggestion_total = mset.get_matches_estimated();
}

}  // namespace gazette::query
