// Provider diversity on the first page (query/rank/diversity.h).
#include "query/rank/diversity.h"

#include <algorithm>
#include <unordered_map>

#include "indexer/schema.h"

namespace gazette::query {
namespace {

// Candidates for the first page: this many pages' worth.
constexpr int kFirstPageDepth = 5;

}  // namespace

SearchRequest DiversityWindow(const SearchRequest& request) {
  if (request.ranking.max_per_provider <= 0) return request;
  SearchRequest window = request;
  window.page = 1;
  window.per_page =
      std::max(request.per_page * kFirstPageDepth, (request.page + 1) * request.per_page);
  return window;
}

void CapProviders(const IndexView& view, const SearchRequest& request,
                  std::vector<Ranked>* ranked) {
  const std::size_t per_page = static_cast<std::size_t>(request.per_page);
  const std::size_t depth = std::min(ranked->size(), per_page * kFirstPageDepth);
  std::vector<bool> first(ranked->size(), false);
  std::unordered_map<std::string, int> shown;
  std::size_t taken = 0;
  for (std::size_t i = 0; i < depth && taken < per_page; ++i) {
    const std::string provider =
        view.db.get_document((*ranked)[i].docid).get_value(indexer::schema::kSlotProvider);
    if (!provider.empty() && shown[provider] >= request.ranking.max_per_provider) continue;
    ++shown[provider];
    first[i] = true;
    ++taken;
  }
  for (std::size_t i = 0; i < ranked->size() && taken < per_page; ++i) {
    if (!first[i]) first[i] = true, ++taken;
  }
  std::vector<Ranked> order;
  order.reserve(ranked->size());
  for (std::size_t i = 0; i < ranked->size(); ++i) {
    if (first[i]) order.push_back((*ranked)[i]);
  }
  for (std::size_t i = 0; i < ranked->size(); ++i) {
    if (!first[i]) order.push_back((*ranked)[i]);
  }
  const std::size_t from =
      std::min(order.size(), (static_cast<std::size_t>(request.page) - 1) * per_page);
  const std::size_t to = std::min(order.size(), from + per_page);
  ranked->assign(order.begin() + static_cast<std::ptrdiff_t>(from),
                 order.begin() + static_cast<std::ptrdiff_t>(to));
}

}  // namespace gazette::query
