// Looks up the page assets that embed_assets.cmake compiled into the binary.
#include "web/page.h"

#include <cstddef>
#include <map>

namespace gazette::web {
namespace assets {
// Defined in the generated assets_data.cc (web/assets/*).
extern const unsigned char kIndexHtml[];
extern const std::size_t kIndexHtmlSize;
extern const unsigned char kStyleCss[];
extern const std::size_t kStyleCssSize;
extern const unsigned char kAppJs[];
extern const std::size_t kAppJsSize;
extern const unsigned char kDatesJs[];
extern const std::size_t kDatesJsSize;
extern const unsigned char kDomJs[];
extern const std::size_t kDomJsSize;
extern const unsigned char kHitsJs[];
extern const std::size_t kHitsJsSize;
extern const unsigned char kMetaJs[];
extern const std::size_t kMetaJsSize;
extern const unsigned char kStoriesJs[];
extern const std::size_t kStoriesJsSize;
extern const unsigned char kSidebarJs[];
extern const std::size_t kSidebarJsSize;
extern const unsigned char kOpenApiYaml[];
extern const std::size_t kOpenApiYamlSize;
}  // namespace assets

namespace {

std::string_view View(const unsigned char* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace

const Asset* FindAsset(std::string_view path) {
  // Never destroyed: handler threads may still look assets up while the process exits.
  static const auto* kAssets = new std::map<std::string_view, Asset>{
      {"/", {"text/html; charset=utf-8", View(assets::kIndexHtml, assets::kIndexHtmlSize)}},
      {"/static/style.css",
       {"text/css; charset=utf-8", View(assets::kStyleCss, assets::kStyleCssSize)}},
      {"/static/app.js",
       {"text/javascript; charset=utf-8", View(assets::kAppJs, assets::kAppJsSize)}},
      {"/static/dates.js",
       {"text/javascript; charset=utf-8", View(assets::kDatesJs, assets::kDatesJsSize)}},
      {"/static/dom.js",
       {"text/javascript; charset=utf-8", View(assets::kDomJs, assets::kDomJsSize)}},
      {"/static/hits.js",
       {"text/javascript; charset=utf-8", View(assets::kHitsJs, assets::kHitsJsSize)}},
      {"/static/meta.js",
       {"text/javascript; charset=utf-8", View(assets::kMetaJs, assets::kMetaJsSize)}},
      {"/static/stories.js",
       {"text/javascript; charset=utf-8", View(assets::kStoriesJs, assets::kStoriesJsSize)}},
      {"/static/sidebar.js",
       {"text/javascript; charset=utf-8", View(assets::kSidebarJs, assets::kSidebarJsSize)}},
      // docs/openapi.yaml: the API's description, linked from the page.
      {"/static/openapi.yaml",
       {"application/yaml; charset=utf-8", View(assets::kOpenApiYaml, assets::kOpenApiYamlSize)}},
  };
  auto it = kAssets->find(path);
  return it == kAssets->end() ? nullptr : &it->second;
}

}  // namespace gazette::web
