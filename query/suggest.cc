// More-like-this from Xapian's expansion set; completions from the spelling table.
#include "query/suggest.h"

#include <algorithm>

namespace gazette::query {
namespace {

constexpr Xapian::termcount kLikeTerms = 25;

// Keeps free-text terms: boolean and field terms start with an upper-case prefix.
class TextTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && term.size() > 2;
  }
};

}  // namespace

Xapian::Query MoreLikeThis(const Xapian::Database& db, Xapian::docid docid) {
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(docid);
  TextTermsOnly decider;
  Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::vector<std::string> Completions(const Xapian::Database& db, const std::string& text,
                                     std::size_t count, indexer::Analyzer* analyzer) {
  std::vector<std::string> out;
  const std::size_t cut = text.find_last_of(' ');
  const std::string head = cut == std::string::npos ? "" : text.substr(0, cut + 1);
  const std::string partial = cut == std::string::npos ? text : text.substr(cut + 1);
  std::vector<indexer::Analyzer::Word> words;
  analyzer->Words(partial, &words);
  if (words.size() != 1) return out;
  const std::string& prefix = words[0].text;

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(prefix);
  for (; it != db.spellings_end() && (*it).compare(0, prefix.size(), prefix) == 0; ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t i = 0; i < found.size() && out.size() < count; ++i) {
    out.push_back(head + found[i].second);
  }
  return out;
}

}  // namespace gazette::query
