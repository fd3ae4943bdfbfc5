// Query-language rules around Xapian's QueryParser.
#include "query/plan/query_syntax.h"

#include <cctype>
#include <cstdlib>

namespace gazette::query {
namespace {

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsPositionalOperator(const std::string& word) {
  for (const char* op : {"NEAR", "ADJ"}) {
    const std::string name(op);
    if (word == name) return true;
    if (word.size() > name.size() + 1 && word.compare(0, name.size(), name) == 0 &&
        word[name.size()] == '/' && AllDigits(word.substr(name.size() + 1))) {
      return true;
    }
  }
  return false;
}

// A token that is one plain word: no quote, bracket or sign of the syntax.
bool IsPlainWord(const std::string& token) {
  if (token.empty() || IsOperatorWord(token)) return false;
  if (token[0] == '+' || token[0] == '-') return false;
  return token.find_first_of("\"()") == std::string::npos;
}

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) tokens.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

// Brackets each chain "w OP w [OP w ...]" of plain words and NEAR/ADJ operators.
std::string BracketPositionalChains(const std::string& text) {
  const std::vector<std::string> tokens = Tokens(text);
  std::string out;
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::size_t end = i;  // last word of a chain starting at i
    while (end + 2 < tokens.size() && IsPlainWord(tokens[end]) &&
           IsPositionalOperator(tokens[end + 1]) && IsPlainWord(tokens[end + 2])) {
      end += 2;
    }
    if (!out.empty()) out.push_back(' ');
    if (end == i) {
      out += tokens[i++];
      continue;
    }
    out.push_back('(');
    for (std::size_t t = i; t <= end; ++t) out += (t > i ? " " : "") + tokens[t];
    out.push_back(')');
    i = end + 1;
  }
  return out;
}

// Drops brackets that close nothing or are never closed (outside quotes).
std::string BalanceBrackets(const std::string& text, std::vector<std::string>* notices) {
  std::vector<std::size_t> open;
  std::vector<bool> drop(text.size(), false);
  bool in_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') in_quote = !in_quote;
    if (in_quote) continue;
    if (text[i] == '(') open.push_back(i);
    if (text[i] == ')') {
      if (open.empty()) {
        drop[i] = true;
      } else {
        open.pop_back();
      }
    }
  }
  for (std::size_t i : open) drop[i] = true;
  std::string out;
  bool dropped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (drop[i]) {
      dropped = true;
    } else {
      out.push_back(text[i]);
    }
  }
  if (dropped) notices->push_back("ignored brackets without a partner");
  return out;
}

bool IsStopLeaf(const Xapian::Query& q, const Xapian::Stopper& stopper) {
  if (q.get_type() != Xapian::Query::LEAF_TERM) return false;
  const std::string term = *q.get_terms_begin();
  return !term.empty() && !std::isupper(static_cast<unsigned char>(term[0])) && stopper(term);
}

}  // namespace

bool IsOperatorWord(const std::string& word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" ||
         IsPositionalOperator(word);
}

std::size_t UnknownFieldPrefix(const std::string& run) {
  std::size_t n = 0;
  while (n < run.size() && std::isalpha(static_cast<unsigned char>(run[n]))) ++n;
  if (n == 0 || n + 1 >= run.size() || run[n] != ':') return 0;
  const unsigned char next = static_cast<unsigned char>(run[n + 1]);
  if (!std::isalnum(next) && next != '"' && next < 0x80) return 0;
  std::string name = run.substr(0, n);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name == "title" ? 0 : n + 1;
}

std::string FixSyntax(const std::string& rewritten, std::vector<std::string>* notices) {
  return BracketPositionalChains(BalanceBrackets(rewritten, notices));
}

Xapian::termcount PositionalWindow(const Xapian::Query& query) {
  const Xapian::Query::op type = query.get_type();
  if (type != Xapian::Query::OP_NEAR && type != Xapian::Query::OP_PHRASE) return 0;
  // Xapian 1.4 shows the window only in the description: "(a@1 NEAR 11 b@2)". The
  // parser's leaves are single words, so the first operator named is this query's.
  const std::string d = query.get_description();
  const std::string name = type == Xapian::Query::OP_NEAR ? " NEAR " : " PHRASE ";
  const std::size_t at = d.find(name);
  if (at == std::string::npos) return 0;
  return static_cast<Xapian::termcount>(std::strtoul(d.c_str() + at + name.size(), nullptr, 10));
}

Xapian::Query DropStopWordsInOr(const Xapian::Query& query, const Xapian::Stopper& stopper,
                                std::vector<std::string>* dropped) {
  const Xapian::Query::op type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM || type == Xapian::Query::OP_PHRASE ||
      type == Xapian::Query::OP_NEAR || query.get_num_subqueries() == 0) {
    return query;
  }
  const bool any_of = type == Xapian::Query::OP_OR || type == Xapian::Query::OP_XOR;
  std::vector<Xapian::Query> kept, stops;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query sub = query.get_subquery(i);
    if (any_of && IsStopLeaf(sub, stopper)) {
      stops.push_back(sub);
    } else {
      kept.push_back(DropStopWordsInOr(sub, stopper, dropped));
    }
  }
  if (kept.empty()) return query;  // only stop words: searched as typed
  for (const Xapian::Query& s : stops) dropped->push_back(*s.get_terms_begin());
  if (kept.size() == 1 && any_of) return kept[0];
  return Xapian::Query(type, kept.begin(), kept.end());
}

std::size_t CountWords(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) return 1;
  std::size_t n = 0;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    n += CountWords(query.get_subquery(i));
  return n;
}

}  // namespace gazette::query
