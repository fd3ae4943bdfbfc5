// More-like-this from Xapian's expansion set; completions from the spelling table.
#include "query/suggest.h"

#include <algorithm>

#include "indexer/analysis/terms.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"
#include "query/assemble/assemble.h"
#include "query/rank/ranking.h"

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

std::optional<Xapian::docid> FindArticle(const IndexView& view, const std::string& id) {
  const std::string term = indexer::IdTerm(id);
  auto it = view.db.postlist_begin(term);
  if (it == view.db.postlist_end(term)) return std::nullopt;
  return *it;
}

Result<std::vector<Hit>> SimilarHits(const IndexView& view, const std::string& id, int count,
                                     const Ranking& ranking, indexer::Analyzer* analyzer) {
  namespace schema = indexer::schema;
  const std::optional<Xapian::docid> docid = FindArticle(view, id);
  if (!docid) return Status::NotFound("no article with id " + id);
  Xapian::Query like = MoreLikeThis(view.db, *docid);
  std::vector<Hit> hits;
  if (like.empty()) return hits;
  const std::int64_t origin = ranking.origin ? *ranking.origin : NowSeconds();
  const bool columns =
      UseColumns(view, view.db.get_doccount(), {schema::kSlotQuality, schema::kSlotDay});
  Xapian::Enquire enquire(view.db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                  Rank(like, ranking, view.facts.days, origin, columns),
                                  Xapian::Query(indexer::IdTerm(id))));
  enquire.set_collapse_key(schema::kSlotTextHash);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
  for (auto m = mset.begin(); m != mset.end(); ++m) {
    Hit hit = DecodeHit(indexer::UnpackStoredData(m.get_document().get_data()), {}, analyzer);
    hit.score = m.get_weight();
    hit.duplicates = static_cast<int>(m.get_collapse_count());
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace gazette::query
