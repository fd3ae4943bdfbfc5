// Query text -> Xapian queries: scope extraction, Analyzer rewrite, QueryParser.
#include "query/plan/query_parser.h"

#include <cctype>
#include <map>
#include <optional>

#include "base/dates.h"
#include "indexer/analysis/language.h"
#include "indexer/analysis/terms.h"
#include "indexer/schema.h"
#include "query/plan/query_syntax.h"
#include "query/plan/term_expansion.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

struct BooleanField {
  const char* name;
  const char* prefix;
};
constexpr BooleanField kBooleanFields[] = {
    {"topic", schema::kPrefixTopic},
    {"provider", schema::kPrefixProvider},
    {"site", schema::kPrefixSite},
    {"category", schema::kPrefixCategory},
    {"type", schema::kPrefixType},
    {"lang", schema::kPrefixLanguage},
    {"collection", schema::kPrefixCollection},
};

bool StartsWithField(const std::string& text, std::size_t pos, const char* name) {
  const std::size_t n = std::char_traits<char>::length(name);
  if (text.size() < pos + n + 1 || text[pos + n] != ':') return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != name[i]) return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Xapian::Query AndOf(const Xapian::Query& a, const Xapian::Query& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

}  // namespace

bool QueryParser::Stopper::operator()(const std::string& word) const {
  for (const std::string& language : languages) {
    if (indexer::IsStopWord(word, language)) return true;
  }
  return false;
}

QueryParser::QueryParser(indexer::Analyzer* analyzer, const Xapian::Database& db)
    : QueryParser(analyzer, db, IndexLanguages(db), IndexHasWordPairs(db)) {}

QueryParser::QueryParser(indexer::Analyzer* analyzer, const Xapian::Database& db,
                         std::vector<std::string> index_languages, bool word_pairs)
    : analyzer_(analyzer),
      db_(db),
      index_languages_(std::move(index_languages)),
      word_pairs_(word_pairs) {
  qp_.set_database(db);
  // Words come out unstemmed and unfolded; TermExpander maps them to index terms.
  qp_.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  qp_.set_stopper(&stopper_);
  qp_.set_default_op(Xapian::Query::OP_AND);
  qp_.add_prefix("title", schema::kPrefixTitle);
  qp_.set_max_expansion(64, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                        Xapian::QueryParser::FLAG_WILDCARD);
}

namespace {

// The Analyzer's form of one run of query text (title: kept, a trailing wildcard
// folded, pieces of one word joined by '-').
std::string AnalyzedRun(std::string run, bool in_quote, indexer::Analyzer* analyzer) {
  std::string out;
  if (StartsWithField(run, 0, "title")) {
    out += "title:";
    run.erase(0, 6);
  }
  bool wildcard = false;
  while (!run.empty() && run.back() == '*') {
    wildcard = true;
    run.pop_back();
  }
  std::vector<indexer::Analyzer::Word> words;
  analyzer->Words(run, &words);
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (w > 0) out.push_back('-');
    out += words[w].text;
  }
  if (wildcard && !words.empty() && !in_quote) {
    // Wildcards expand against index terms, which are folded.
    const std::size_t last = out.rfind(words.back().text);
    out.replace(last, std::string::npos, analyzer->Fold(words.back().text));
    out.push_back('*');
  }
  return out;
}

// Appends the query syntax character text[i] (space, quote, bracket, sign) to `out`;
// false when it is none and starts a run of words.
bool CopySyntax(const std::string& text, std::size_t i, bool* in_quote, std::string* out) {
  const char c = text[i];
  const bool at_token_start = out->empty() || out->back() == ' ' || out->back() == '(';
  if (IsSpace(c)) {
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
  } else if (c == '"') {
    *in_quote = !*in_quote;
    out->push_back('"');
  } else if (c == '(' || c == ')') {
    if (!*in_quote) out->push_back(c);
  } else if ((c == '+' || c == '-') && at_token_start && !*in_quote) {
    out->push_back(c);
  } else {
    return false;
  }
  return true;
}

// What the scopes of a query text filter and exclude, and the text left.
struct Scopes {
  std::map<std::string, std::vector<Xapian::Query>> filters;  // by field
  std::vector<Xapian::Query> excludes;
  std::string free_text;
};

// Copies one token at `i` (a quoted phrase as a whole) to `out`; returns its end.
std::size_t CopyToken(const std::string& text, std::size_t i, std::string* out) {
  if (text[i] == '"') {
    const std::size_t close = text.find('"', i + 1);
    const std::size_t end = close == std::string::npos ? text.size() : close + 1;
    out->append(text, i, end - i);
    return end;
  }
  while (i < text.size() && !IsSpace(text[i])) out->push_back(text[i++]);
  return i;
}

// Reads a scope's value at `pos` (quoted when it has spaces); returns its end.
std::size_t ReadValue(const std::string& text, std::size_t pos, std::string* value) {
  if (pos < text.size() && text[pos] == '"') {
    const std::size_t close = text.find('"', pos + 1);
    const std::size_t end = close == std::string::npos ? text.size() : close;
    *value = text.substr(pos + 1, end - pos - 1);
    return close == std::string::npos ? text.size() : close + 1;
  }
  std::size_t end = pos;
  while (end < text.size() && !IsSpace(text[end])) ++end;
  *value = text.substr(pos, end - pos);
  return end;
}

// The range of published:FROM..TO (either end open; a date-only upper bound includes
// that whole day); none when a date is not one.
std::optional<Xapian::Query> DateRange(const std::string& value) {
  const std::size_t dots = value.find("..");
  const std::string from = dots == std::string::npos ? value : value.substr(0, dots);
  const std::string to = dots == std::string::npos ? value : value.substr(dots + 2);
  auto lo = from.empty() ? Result<std::int64_t>(INT64_MIN / 2) : ParseIsoDateTime(from);
  auto hi = to.empty() ? Result<std::int64_t>(INT64_MAX / 2) : ParseIsoDateTime(to);
  if (!lo.ok() || !hi.ok()) return std::nullopt;
  const std::int64_t upper = to.size() == 10 ? *hi + 86399 : *hi;
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotPublished,
                       Xapian::sortable_serialise(static_cast<double>(*lo)),
                       Xapian::sortable_serialise(static_cast<double>(upper)));
}

// Adds the scope `name`:`value` (negated: excluded) to `scopes` and `parsed`.
void AddScope(const BooleanField* field, bool negate, const std::string& value,
              indexer::Analyzer* analyzer, Scopes* scopes, ParsedQuery* parsed) {
  if (field == nullptr) {  // published:
    const std::optional<Xapian::Query> range = DateRange(value);
    if (!range) {
      parsed->notices.push_back("ignored published:" + value + " (dates are YYYY-MM-DD)");
    } else {
      (negate ? scopes->excludes.emplace_back(*range)
              : scopes->filters["published"].emplace_back(*range));
    }
    return;
  }
  Xapian::Query term(indexer::BooleanTerm(field->prefix, value, analyzer));
  if (negate) {
    scopes->excludes.push_back(term);
  } else {
    scopes->filters[field->name].push_back(term);
    parsed->scopes[field->name].push_back(analyzer->Normalize(value));
  }
}

// Pulls boolean scopes and date ranges out of `text`; the rest is free text.
Scopes ExtractScopes(const std::string& text, indexer::Analyzer* analyzer, ParsedQuery* parsed) {
  Scopes scopes;
  std::size_t i = 0;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      scopes.free_text.push_back(text[i++]);
      continue;
    }
    std::size_t start = i;
    bool negate = false;
    if ((text[i] == '-' || text[i] == '+') && i + 1 < text.size()) {
      negate = text[i] == '-';
      ++start;
    }
    const BooleanField* field = nullptr;
    for (const auto& f : kBooleanFields) {
      if (StartsWithField(text, start, f.name)) field = &f;
    }
    const bool is_date = StartsWithField(text, start, "published");
    if (field == nullptr && !is_date) {
      i = CopyToken(text, i, &scopes.free_text);
      continue;
    }
    const std::string name = field ? field->name : "published";
    std::string value;
    i = ReadValue(text, start + name.size() + 1, &value);
    if (!value.empty())
      AddScope(is_date ? nullptr : field, negate, value, analyzer, &scopes, parsed);
  }
  return scopes;
}

}  // namespace

std::string QueryParser::Rewrite(const std::string& text, std::vector<std::string>* notices) {
  std::string out;
  bool in_quote = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (CopySyntax(text, i, &in_quote, &out)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '(' &&
           text[end] != ')') {
      ++end;
    }
    std::string run = text.substr(i, end - i);
    i = end;
    // name:"a phrase" ends the run at its quote.
    const std::string probe = end < text.size() && text[end] == '"' ? run + '"' : run;
    if (const std::size_t field = in_quote ? 0 : UnknownFieldPrefix(probe); field > 0) {
      if (notices != nullptr) {
        notices->push_back("no field " + run.substr(0, field) +
                           " (fields: title, topic, provider, site, category, type, lang, " +
                           "collection, published); searched its words in every field");
      }
      run.erase(0, field);
    }
    out += !in_quote && IsOperatorWord(run) ? run : AnalyzedRun(run, in_quote, analyzer_);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> QueryParser::Languages(const std::vector<std::string>& languages,
                                                ParsedQuery* parsed) const {
  // The caller's, plus lang: scopes, else every language in the index.
  std::vector<std::string> out;
  for (const std::string& l : languages) out.push_back(indexer::NormalizeLanguageCode(l));
  for (const std::string& l : parsed->scopes["lang"]) {
    out.push_back(indexer::NormalizeLanguageCode(l));
  }
  if (parsed->scopes["lang"].empty()) parsed->scopes.erase("lang");
  if (out.empty()) out = index_languages_;
  if (out.empty()) out.emplace_back(indexer::kDefaultLanguage);
  return out;
}

namespace {

// "a, b and c".
std::string ListOf(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace

Xapian::Query QueryParser::ParseText(const std::string& rewritten, Xapian::Query::op default_op,
                                     std::vector<std::string>* notices) {
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  qp_.set_default_op(default_op);
  Xapian::Query q;
  try {
    q = qp_.parse_query(rewritten, flags);
  } catch (const Xapian::QueryParserError& e) {
    notices->push_back("query syntax error (" + e.get_msg() +
                       "); searched for the words as plain terms");
    std::string plain;
    for (char c : rewritten) {
      plain.push_back(c == '"' || c == '(' || c == ')' || c == '+' || c == '*' ? ' ' : c);
    }
    try {
      q = qp_.parse_query(plain, 0);
    } catch (const Xapian::Error&) {
      return Xapian::Query();
    }
  }
  std::vector<std::string> dropped(qp_.stoplist_begin(), qp_.stoplist_end());
  q = DropStopWordsInOr(q, stopper_, &dropped);
  if (!dropped.empty()) notices->push_back("common words not searched: " + ListOf(dropped));
  return q;
}

ParsedQuery QueryParser::Parse(const std::string& text, const std::vector<std::string>& languages,
                               MatchMode mode) {
  ParsedQuery parsed;
  Scopes scopes = ExtractScopes(text, analyzer_, &parsed);
  for (auto& [name, queries] : scopes.filters) {
    parsed.filter =
        AndOf(parsed.filter, Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
  }
  if (!scopes.excludes.empty()) {
    parsed.exclude =
        Xapian::Query(Xapian::Query::OP_OR, scopes.excludes.begin(), scopes.excludes.end());
  }
  const std::vector<std::string> query_languages = Languages(languages, &parsed);
  stopper_.languages = query_languages;
  TermExpander expander(analyzer_, query_languages, word_pairs_);
  parsed.rewritten = FixSyntax(Rewrite(scopes.free_text, &parsed.notices), &parsed.notices);
  const Xapian::Query all = ParseText(parsed.rewritten, Xapian::Query::OP_AND, &parsed.notices);
  if (all.empty()) {
    parsed.no_words = parsed.rewritten.find_first_not_of(' ') != std::string::npos ||
                      scopes.free_text.find_first_not_of(" \t\r\n") != std::string::npos;
    if (parsed.no_words) parsed.notices.push_back("the query has no words to search for");
    return parsed;
  }
  parsed.words = CountWords(all);
  parsed.text = expander.Expand(all);
  if (mode != MatchMode::kAll) {
    std::vector<std::string> again;  // the same notices as the first parse's
    parsed.any = expander.Expand(ParseText(parsed.rewritten, Xapian::Query::OP_OR, &again));
    if (parsed.any.get_description() == parsed.text.get_description()) parsed.any = Xapian::Query();
  }
  return parsed;
}

}  // namespace gazette::query
