// Listing the values of one kind of boolean term (private to query/).
#ifndef GAZETTE_QUERY_INDEX_TERM_VALUES_H_
#define GAZETTE_QUERY_INDEX_TERM_VALUES_H_

#include <string>
#include <vector>

#include <xapian.h>

namespace gazette::query {

// The values of every term starting with `prefix` (prefix removed), ascending.
inline std::vector<std::string> TermValues(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    out.push_back((*t).substr(prefix.size()));
  }
  return out;
}

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_INDEX_TERM_VALUES_H_
