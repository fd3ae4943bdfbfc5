// Expansion of parsed queries into the index's multi-language term space.
#include "query/plan/term_expansion.h"

#include <algorithm>
#include <cstdlib>

#include "indexer/analysis/folding.h"
#include "indexer/analysis/word_pairs.h"
#include "indexer/schema.h"
#include "query/index/term_values.h"
#include "query/plan/query_syntax.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

Xapian::Query AnyOf(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// QueryParser's default NEAR window is 10 words.
constexpr Xapian::termcount kNearWindow = 10;

}  // namespace

std::vector<std::string> IndexLanguages(const Xapian::Database& db) {
  return TermValues(db, schema::kPrefixLanguage);
}

bool IndexHasWordPairs(const Xapian::Database& db) {
  return std::atoi(db.get_metadata(schema::kMetaOldestSchema).c_str()) >= schema::kWordPairsSince;
}

TermExpander::TermExpander(indexer::Analyzer* analyzer, std::vector<std::string> languages,
                           bool word_pairs)
    : analyzer_(analyzer), languages_(std::move(languages)), word_pairs_(word_pairs) {
  if (languages_.empty()) languages_.emplace_back("en");
}

std::vector<std::string> TermExpander::Forms(const std::string& word) {
  const std::string folded = analyzer_->Fold(word);
  std::vector<std::string> forms{folded};
  for (const std::string& language : languages_) {
    const std::string& stem = analyzer_->Stem(folded, language);
    if (std::find(forms.begin(), forms.end(), stem) == forms.end()) forms.push_back(stem);
  }
  return forms;
}

Xapian::Query TermExpander::Expand(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return Word(*query.get_terms_begin());
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      return Phrase(query);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_MAX: {
      std::vector<Xapian::Query> subs;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        subs.push_back(Expand(query.get_subquery(i)));
      }
      return Xapian::Query(query.get_type(), subs.begin(), subs.end());
    }
    default:
      return query;
  }
}

Xapian::Query TermExpander::Word(const std::string& term) {
  const bool title = !term.empty() && term[0] == schema::kPrefixTitle[0];
  const std::string word = title ? term.substr(1) : term;
  std::vector<std::string> forms = Forms(word);
  if (title) {
    for (std::string& f : forms) f.insert(0, schema::kPrefixTitle);
  }
  Xapian::Query q = forms.size() == 1
                        ? Xapian::Query(forms[0])
                        : Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  if (title) return q;
  if (analyzer_->Fold(word) != word) {
    q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(schema::kPrefixExact + word));
  }
  Xapian::Query bigrams = Bigrams(word);
  if (!bigrams.empty()) q = Xapian::Query(Xapian::Query::OP_OR, q, bigrams);
  return q;
}

Xapian::Query TermExpander::Phrase(const Xapian::Query& query) {
  const std::size_t n = query.get_num_subqueries();
  std::vector<Xapian::Query> positions;
  std::vector<std::vector<std::string>> word_forms;
  std::vector<Xapian::Query> recall;  // non-CJK words and CJK runs, AND-ed
  std::string cjk_run;
  bool has_cjk = false;
  bool title = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Xapian::Query sub = query.get_subquery(i);
    if (sub.get_type() != Xapian::Query::LEAF_TERM) return query;
    std::string word = *sub.get_terms_begin();
    title = !word.empty() && word[0] == schema::kPrefixTitle[0];
    if (title) word.erase(0, 1);
    std::vector<std::string> forms = Forms(word);
    if (title) {
      for (std::string& f : forms) f.insert(0, schema::kPrefixTitle);
    }
    positions.push_back(AnyOf(forms));
    word_forms.push_back(std::move(forms));
    if (indexer::HasCjk(word)) {
      has_cjk = true;
      cjk_run += analyzer_->Fold(word);
      continue;
    }
    if (!cjk_run.empty()) recall.push_back(Bigrams(cjk_run));
    cjk_run.clear();
    recall.push_back(positions.back());
  }
  if (!cjk_run.empty()) recall.push_back(Bigrams(cjk_run));
  // The parser's window (NEAR/n, ADJ/n); a plain phrase's words are adjacent.
  Xapian::termcount window = PositionalWindow(query);
  if (window == 0) {
    window = static_cast<Xapian::termcount>(
        query.get_type() == Xapian::Query::OP_PHRASE ? n : n + kNearWindow - 1);
  }
  Xapian::Query words(query.get_type(), positions.begin(), positions.end(), window);
  if (word_pairs_ && !has_cjk && !title && query.get_type() == Xapian::Query::OP_PHRASE &&
      window == n) {
    // Every match holds these pairs: candidates come from their short posting lists,
    // and only those have their positions checked. The pairs carry no weight.
    Xapian::Query pairs = WordPairs(word_forms);
    if (!pairs.empty() && n == 2) {
      // A pair of two forms is there exactly when they are adjacent: no positions
      // to check. The words still weigh as in the phrase.
      return Xapian::Query(Xapian::Query::OP_FILTER,
                           Xapian::Query(Xapian::Query::OP_AND, positions.begin(), positions.end()),
                           pairs);
    }
    if (!pairs.empty()) return Xapian::Query(Xapian::Query::OP_FILTER, words, pairs);
  }
  if (!has_cjk || title) return words;
  recall.erase(std::remove_if(recall.begin(), recall.end(),
                              [](const Xapian::Query& q) { return q.empty(); }),
               recall.end());
  if (recall.empty()) return words;
  return Xapian::Query(Xapian::Query::OP_OR, words,
                       Xapian::Query(Xapian::Query::OP_AND, recall.begin(), recall.end()));
}

Xapian::Query TermExpander::WordPairs(const std::vector<std::vector<std::string>>& forms) {
  auto frequent = [](const std::vector<std::string>& f) {
    return std::all_of(f.begin(), f.end(),
                       [](const std::string& t) { return indexer::IsFrequentTerm(t); });
  };
  std::vector<Xapian::Query> pairs;
  for (std::size_t i = 1; i < forms.size(); ++i) {
    if (!frequent(forms[i - 1]) || !frequent(forms[i])) continue;
    // An article matching the phrase holds some form of each word at adjacent
    // positions; all of them are frequent, so it holds their pair.
    std::vector<std::string> terms;
    for (const std::string& a : forms[i - 1]) {
      for (const std::string& b : forms[i]) terms.push_back(indexer::WordPairTerm(a, b));
    }
    pairs.push_back(AnyOf(terms));
  }
  if (pairs.empty()) return Xapian::Query();
  return pairs.size() == 1 ? pairs[0]
                           : Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end());
}

Xapian::Query TermExpander::Bigrams(const std::string& text) {
  std::vector<std::string> bigrams;
  const std::size_t count = indexer::CjkBigrams(text, &bigrams);
  if (count == 0) return Xapian::Query();
  std::vector<Xapian::Query> runs;
  std::vector<std::string> run;
  for (const std::string& b : bigrams) {
    if (!b.empty()) {
      run.push_back(schema::kPrefixBigram + b);
      continue;
    }
    if (run.size() == 1) {
      runs.emplace_back(run[0]);
    } else if (!run.empty()) {
      runs.emplace_back(Xapian::Query::OP_PHRASE, run.begin(), run.end(),
                        static_cast<Xapian::termcount>(run.size()));
    }
    run.clear();
  }
  Xapian::Query all =
      runs.size() == 1 ? runs[0] : Xapian::Query(Xapian::Query::OP_AND, runs.begin(), runs.end());
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all,
                       kBigramWeight / static_cast<double>(count));
}

}  // namespace gazette::query
