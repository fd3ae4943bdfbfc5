// The Article model: one news article with every field of gazette's input format.
#ifndef GAZETTE_CORPUS_ARTICLE_H_
#define GAZETTE_CORPUS_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/dates.h"
#include "base/status.h"

namespace gazette::corpus {

struct Provider {
  std::string name;
  std::string domain;
};

struct Image {
  std::string url;
  int width = 0;
  int height = 0;
  bool is_cached = false;
};

// Another outlet's coverage of the same story, shown folded under the article.
struct RelatedArticle {
  std::string title;
  std::string excerpt;
  std::optional<std::int64_t> published_at;  // seconds since the Unix epoch, UTC
  std::string web_url;
  std::string type;
  Provider provider;
  std::optional<int> quality;  // 0..100
  std::vector<Image> images;
};

struct Article {
  std::string id;     // the source's own id ("id", or the field mapped to it); may be empty
  std::string title;  // required, non-empty
  std::string excerpt;
  std::string body;  // plain text: Markdown markup already stripped
  std::string category;
  std::string type;
  std::vector<std::string> topics;  // as written, multi-word allowed, no duplicates
  Provider provider;
  std::optional<std::int64_t> published_at;  // publishedDateTime, seconds since epoch, UTC
  std::optional<int> quality;                // 0..100
  int heat = -1;                             // -1 = unknown
  std::optional<bool> published;
  std::string original_url;
  std::string web_url;
  std::string language;  // as given (e.g. "de"), lower-cased; empty = not given
  std::vector<Image> images;
  std::vector<RelatedArticle> related;
  std::string secured;  // opaque: never indexed, never returned
};

// ISO-8601 dates are parsed and formatted in base/dates.h.
using ::gazette::FormatIsoUtc;
using ::gazette::ParseIsoDateTime;

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_ARTICLE_H_
