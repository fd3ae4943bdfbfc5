// Percolator: compiling queries to anchored boolean trees, and matching batches.
#include "alerts/percolator.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

#include "query/plan/query_syntax.h"

namespace gazette::alerts {
namespace {

using Q = Xapian::Query;

// The sorted terms of a document.
std::vector<std::string> TermsOf(const Xapian::Document& doc) {
  std::vector<std::string> terms;
  terms.reserve(doc.termlist_count());
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) terms.push_back(*t);
  return terms;  // termlists come sorted
}

// The terms of a phrase part: a term, or an OR (or synonym) of terms; false otherwise.
bool PartTerms(const Xapian::Query& part, std::vector<std::string>* terms) {
  if (part.get_type() == Q::LEAF_TERM) {
    terms->push_back(*part.get_terms_begin());
    return !terms->back().empty();
  }
  if (part.get_type() != Q::OP_OR && part.get_type() != Q::OP_SYNONYM) return false;
  for (std::size_t i = 0; i < part.get_num_subqueries(); ++i) {
    const Xapian::Query sub = part.get_subquery(i);
    if (sub.get_type() != Q::LEAF_TERM || (*sub.get_terms_begin()).empty()) return false;
    terms->push_back(*sub.get_terms_begin());
  }
  return true;
}

double Cost(const std::vector<std::string>& terms, const Percolator::Frequency& frequency) {
  double cost = 0;
  for (const std::string& term : terms) cost += frequency(term) + 1;
  return cost;
}

}  // namespace

// What one Match call knows of its batch: each document's terms, and, built only when
// a query needs Xapian's own check, the batch as an in-memory database and the
// documents each such subquery matches there.
class Percolator::Batch {
 public:
  explicit Batch(const std::vector<const Xapian::Document*>& docs) : docs_(docs) {
    terms_.reserve(docs.size());
    for (const Xapian::Document* doc : docs) terms_.push_back(TermsOf(*doc));
  }
  const std::vector<std::string>& Terms(std::size_t doc) const { return terms_[doc]; }

  // The positions of each of `terms` (sorted, without repeats) in document `doc`, in
  // one pass over its term list (an in-memory document's skip_to walks the list).
  std::vector<std::vector<Xapian::termpos>> Positions(std::size_t doc,
                                                      const std::vector<std::string>& terms) {
    std::vector<std::vector<Xapian::termpos>> out(terms.size());
    Xapian::TermIterator t = docs_[doc]->termlist_begin();
    const Xapian::TermIterator end = docs_[doc]->termlist_end();
    for (std::size_t i = 0; i < terms.size() && t != end; ++i) {
      t.skip_to(terms[i]);
      if (t != end && *t == terms[i]) out[i].assign(t.positionlist_begin(), t.positionlist_end());
    }
    return out;
  }

  // Whether exact subquery `index` matches document `doc`.
  bool Exact(const std::vector<Xapian::Query>& exact, std::uint32_t index, std::size_t doc) {
    auto it = exact_.find(index);
    if (it == exact_.end()) it = exact_.emplace(index, RunExact(exact[index])).first;
    return it->second[doc];
  }

 private:
  std::vector<bool> RunExact(const Xapian::Query& query) {
    if (!db_) {
      db_.emplace(std::string(), Xapian::DB_BACKEND_INMEMORY);
      for (const Xapian::Document* doc : docs_) db_->add_document(*doc);
    }
    Xapian::Enquire enquire(*db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<bool> matches(docs_.size(), false);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(docs_.size()));
    // The in-memory database numbers documents from 1 in batch order.
    for (auto m = mset.begin(); m != mset.end(); ++m) matches[*m - 1] = true;
    return matches;
  }

  const std::vector<const Xapian::Document*>& docs_;
  std::vector<std::vector<std::string>> terms_;
  std::optional<Xapian::WritableDatabase> db_;
  std::unordered_map<std::uint32_t, std::vector<bool>> exact_;
};

Percolator::Percolator(const std::vector<Xapian::Query>& queries, const Frequency& frequency) {
  roots_.reserve(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const std::uint32_t root = Compile(queries[i]);
    roots_.push_back(root);
    std::vector<std::string> anchors;
    if (!Anchor(root, frequency, &anchors)) {
      unanchored_.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    for (const std::string& term : anchors) by_term_[term].push_back(static_cast<std::uint32_t>(i));
  }
}

std::uint32_t Percolator::Add(Node node) {
  nodes_.push_back(std::move(node));
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::uint32_t Percolator::Compile(const Xapian::Query& query) {
  Node node;
  std::vector<std::uint32_t> children;
  const auto compile_children = [&](std::size_t from) {
    for (std::size_t i = from; i < query.get_num_subqueries(); ++i) {
      children.push_back(Compile(query.get_subquery(i)));
    }
  };
  switch (query.get_type()) {
    case Q::LEAF_TERM:
      node.term = *query.get_terms_begin();
      node.kind = node.term.empty() ? Node::kAll : Node::kTerm;
      break;
    case Q::LEAF_MATCH_ALL:
      node.kind = Node::kAll;
      break;
    case Q::LEAF_MATCH_NOTHING:
      node.kind = Node::kNothing;
      break;
    case Q::OP_AND:
    case Q::OP_FILTER:
      node.kind = Node::kAnd;
      compile_children(0);
      break;
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      node.kind = Node::kOr;
      compile_children(0);
      break;
    case Q::OP_AND_NOT:
      node.kind = Node::kAndNot;
      compile_children(0);
      break;
    case Q::OP_XOR:
      node.kind = Node::kXor;
      compile_children(0);
      break;
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT:
      return Compile(query.get_subquery(0));  // the optional part adds weight only
    case Q::OP_PHRASE:
      compile_children(0);  // every part must be there before positions are checked
      if (Phrase phrase; (phrase.window = query::PositionalWindow(query)) > 0) {
        bool words = true;
        for (std::size_t i = 0; words && i < query.get_num_subqueries(); ++i) {
          phrase.parts.emplace_back();
          words = PartTerms(query.get_subquery(i), &phrase.parts.back());
        }
        if (words) {
          // Every term of the phrase once, sorted, and each part's terms among them.
          for (const auto& part : phrase.parts) {
            phrase.terms.insert(phrase.terms.end(), part.begin(), part.end());
          }
          std::sort(phrase.terms.begin(), phrase.terms.end());
          phrase.terms.erase(std::unique(phrase.terms.begin(), phrase.terms.end()),
                             phrase.terms.end());
          for (const auto& part : phrase.parts) {
            auto& indexes = phrase.part_terms.emplace_back();
            for (const std::string& term : part) {
              indexes.push_back(static_cast<std::uint32_t>(
                  std::lower_bound(phrase.terms.begin(), phrase.terms.end(), term) -
                  phrase.terms.begin()));
            }
          }
          node.kind = Node::kPhrase;
          node.exact = static_cast<std::uint32_t>(phrases_.size());
          phrases_.push_back(std::move(phrase));
          break;
        }
      }
      node.kind = Node::kExact;
      node.exact = static_cast<std::uint32_t>(exact_.size());
      exact_.push_back(query);
      break;
    case Q::OP_NEAR:
      compile_children(0);
      [[fallthrough]];
    default:  // value ranges, wildcards, posting sources...: Xapian decides
      node.kind = Node::kExact;
      node.exact = static_cast<std::uint32_t>(exact_.size());
      exact_.push_back(query);
  }
  node.children = std::move(children);
  return Add(std::move(node));
}

bool Percolator::Anchor(std::uint32_t index, const Frequency& frequency,
                        std::vector<std::string>* terms) const {
  const Node& node = nodes_[index];
  switch (node.kind) {
    case Node::kTerm:
      terms->push_back(node.term);
      return true;
    case Node::kNothing:
      return true;  // matches nothing: no anchor needed
    case Node::kAll:
      return false;
    case Node::kAndNot:
      return Anchor(node.children.front(), frequency, terms);
    case Node::kOr:
    case Node::kXor:
      for (std::uint32_t child : node.children) {
        if (!Anchor(child, frequency, terms)) return false;
      }
      return true;
    case Node::kAnd:
    case Node::kExact:
    case Node::kPhrase: {
      // Any one part's anchors will do: take the rarest.
      std::optional<std::vector<std::string>> best;
      double best_cost = std::numeric_limits<double>::infinity();
      for (std::uint32_t child : node.children) {
        std::vector<std::string> mine;
        if (!Anchor(child, frequency, &mine)) continue;
        const double cost = Cost(mine, frequency);
        if (cost < best_cost) {
          best_cost = cost;
          best = std::move(mine);
        }
      }
      if (!best) return false;
      terms->insert(terms->end(), best->begin(), best->end());
      return true;
    }
  }
  return false;
}

bool Percolator::Eval(std::uint32_t index, std::size_t doc, Batch& batch) const {
  const Node& node = nodes_[index];
  const auto& children = node.children;
  const auto holds = [&](std::uint32_t child) { return Eval(child, doc, batch); };
  switch (node.kind) {
    case Node::kTerm: {
      const auto& terms = batch.Terms(doc);
      return std::binary_search(terms.begin(), terms.end(), node.term);
    }
    case Node::kAll:
      return true;
    case Node::kNothing:
      return false;
    case Node::kAnd:
      return std::all_of(children.begin(), children.end(), holds);
    case Node::kOr:
      return std::any_of(children.begin(), children.end(), holds);
    case Node::kAndNot:
      return holds(children.front()) && std::none_of(children.begin() + 1, children.end(), holds);
    case Node::kXor:
      return std::count_if(children.begin(), children.end(), holds) % 2 == 1;
    case Node::kExact:
      return std::all_of(children.begin(), children.end(), holds) &&
             batch.Exact(exact_, node.exact, doc);
    case Node::kPhrase:
      return std::all_of(children.begin(), children.end(), holds) &&
             InOrder(phrases_[node.exact], doc, batch);
  }
  return false;
}

bool Percolator::InOrder(const Phrase& phrase, std::size_t doc, Batch& batch) const {
  const std::vector<std::vector<Xapian::termpos>> found = batch.Positions(doc, phrase.terms);
  // Each part's positions: those of its terms, ascending, without repeats.
  std::vector<std::vector<Xapian::termpos>> positions(phrase.parts.size());
  for (std::size_t p = 0; p < phrase.parts.size(); ++p) {
    for (std::uint32_t term : phrase.part_terms[p]) {
      positions[p].insert(positions[p].end(), found[term].begin(), found[term].end());
    }
    if (positions[p].empty()) return false;
    if (phrase.part_terms[p].size() > 1) {
      std::sort(positions[p].begin(), positions[p].end());
      positions[p].erase(std::unique(positions[p].begin(), positions[p].end()), positions[p].end());
    }
  }
  // From each position of the first part, the nearest later position of each next
  // part gives the shortest span starting there.
  for (Xapian::termpos first : positions.front()) {
    Xapian::termpos at = first;
    for (std::size_t i = 1; i < positions.size(); ++i) {
      auto next = std::upper_bound(positions[i].begin(), positions[i].end(), at);
      if (next == positions[i].end()) return false;  // later starts end later still
      at = *next;
    }
    if (at - first < phrase.window) return true;
  }
  return false;
}

std::vector<std::pair<std::size_t, std::size_t>> Percolator::Match(
    const std::vector<const Xapian::Document*>& docs) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  Batch batch(docs);
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> seen_for(roots_.size(), kNone);  // last document a query met
  std::vector<std::uint32_t> candidates;
  for (std::size_t doc = 0; doc < docs.size(); ++doc) {
    candidates = unanchored_;
    for (const std::string& term : batch.Terms(doc)) {
      auto it = by_term_.find(term);
      if (it == by_term_.end()) continue;
      for (std::uint32_t query : it->second) {
        if (seen_for[query] == doc) continue;
        seen_for[query] = static_cast<std::uint32_t>(doc);
        candidates.push_back(query);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    for (std::uint32_t query : candidates) {
      if (Eval(roots_[query], doc, batch)) matches.emplace_back(query, doc);
    }
  }
  return matches;
}

}  // namespace gazette::alerts
