// Search requests as Xapian queries outside a search, for matching articles one by one
// as they are indexed (saved searches): the same parsing and filters as Searcher.
#ifndef GAZETTE_QUERY_REQUEST_QUERY_H_
#define GAZETTE_QUERY_REQUEST_QUERY_H_

#include <xapian.h>

#include <memory>
#include <string>

#include "base/status.h"
#include "query/search.h"

namespace gazette::query {

// Parses requests as a search of `db` parses them (its languages, word pairs and
// wildcard expansions). Not thread-safe; `db` must outlive it.
class RequestQueries {
 public:
  explicit RequestQueries(const Xapian::Database& db);
  ~RequestQueries();
  RequestQueries(const RequestQueries&) = delete;
  RequestQueries& operator=(const RequestQueries&) = delete;

  // The query selecting exactly the articles a search for `request` finds: its text
  // and every filter, whatever the order, page and facets. InvalidArgument, naming the
  // field, for a request a search refuses.
  Result<Xapian::Query> Of(const SearchRequest& request);

  // What parsing takes from a database (its languages, whether it holds word pairs):
  // requests parse alike against databases of equal contexts.
  static std::string Context(const Xapian::Database& db);

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_REQUEST_QUERY_H_
