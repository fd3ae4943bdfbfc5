// Looks up the page assets that embed_assets.cmake compiled into the binary.
#include "web/page.h"

#include <map>

#include "web/embedded_assets.h"

namespace gazette::web {

const Asset* FindAsset(std::string_view path) {
  // Never destroyed: handler threads may still look assets up while the process exits.
  static const auto* kAssets = [] {
    auto* table = new std::map<std::string_view, Asset>;
    for (std::size_t i = 0; i < assets::kTableSize; ++i) {
      const assets::EmbeddedAsset& row = assets::kTable[i];
      (*table)[row.url_path] = {
          row.content_type, std::string_view(reinterpret_cast<const char*>(row.data), row.size)};
    }
    return table;
  }();
  auto it = kAssets->find(path);
  return it == kAssets->end() ? nullptr : &it->second;
}

}  // namespace gazette::web
