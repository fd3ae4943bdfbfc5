// The search page and its script and style, embedded in the binary at build time.
#ifndef GAZETTE_WEB_PAGE_H_
#define GAZETTE_WEB_PAGE_H_

#include <string_view>

namespace gazette::web {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// The embedded asset served at `path` ("/", "/static/app.js", "/static/style.css"), or
// nullptr. Nothing is ever read from disk.
const Asset* FindAsset(std::string_view path);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_PAGE_H_
