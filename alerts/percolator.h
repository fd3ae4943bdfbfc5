// Matching a batch of new documents against many queries at once (a percolator).
// Each query is filed under its anchor terms, a set of terms one of which every
// document it matches must hold, so a document meets only the queries anchored on its
// own terms; those are then checked exactly: the boolean structure directly against
// the document's terms, phrases of words against the document's positions, and what
// needs values (or other positional queries) by Xapian on the batch.
#ifndef GAZETTE_ALERTS_PERCOLATOR_H_
#define GAZETTE_ALERTS_PERCOLATOR_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gazette::alerts {

class Percolator {
 public:
  // How many documents hold `term`, roughly: anchors prefer rare terms.
  using Frequency = std::function<double(const std::string& term)>;

  Percolator(const std::vector<Xapian::Query>& queries, const Frequency& frequency);

  // Every (query index, document index) pair where the query matches that document of
  // `batch`, ordered by document, then query. Thread-safe (reads only).
  std::vector<std::pair<std::size_t, std::size_t>> Match(
      const std::vector<const Xapian::Document*>& batch) const;

  // Queries without anchor terms (they match documents without any term they name,
  // e.g. a date filter alone): checked against every document.
  std::size_t unanchored() const { return unanchored_.size(); }
  // Phrases checked on the documents' own positions, without Xapian.
  std::size_t phrases() const { return phrases_.size(); }

 private:
  struct Node {
    enum Kind : std::uint8_t { kTerm, kAll, kNothing, kAnd, kOr, kAndNot, kXor, kExact, kPhrase };
    Kind kind = kAll;
    std::string term;                     // kTerm
    std::vector<std::uint32_t> children;  // indexes into nodes_
    std::uint32_t exact = 0;              // kExact: index into exact_; kPhrase: into phrases_
  };
  // An ordered phrase whose parts are each a term or an OR of terms: the document
  // holds one term of each part at increasing positions, the last fewer than `window`
  // positions after the first.
  struct Phrase {
    std::vector<std::vector<std::string>> parts;
    std::uint32_t window = 0;
    std::vector<std::string> terms;                      // of all parts, sorted, once each
    std::vector<std::vector<std::uint32_t>> part_terms;  // each part's, as indexes into terms
  };
  class Batch;

  std::uint32_t Compile(const Xapian::Query& query);
  std::uint32_t Add(Node node);
  // The anchor terms of nodes_[index]; false when it has none (matches without terms).
  bool Anchor(std::uint32_t index, const Frequency& frequency,
              std::vector<std::string>* terms) const;
  bool Eval(std::uint32_t index, std::size_t doc, Batch& batch) const;
  bool InOrder(const Phrase& phrase, std::size_t doc, Batch& batch) const;

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> roots_;  // per query
  std::vector<Xapian::Query> exact_;  // subqueries Xapian checks
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_term_;  // anchor -> queries
  std::vector<std::uint32_t> unanchored_;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_PERCOLATOR_H_
