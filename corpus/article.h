// The Article model: one news article with every field of gazette's input format.
#ifndef GAZETTE_CORPUS_ARTICLE_H_
#define GAZETTE_CORPUS_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Formats seconds since the epoch as ISO-8601 UTC, e.g. "2022-09-12T14:23:00Z".
std::string FormatIsoUtc(std::int64_t seconds);

// Parses an ISO-8601 date ("2022-09-12") or date-time ("2022-09-12T14:23:00Z",
// "2010-05-22T14:30:00+09:00", fractional seconds allowed; no zone = UTC) into seconds
// since the epoch, UTC. Impossible dates (2023-02-30, month 13, hour 25) are
// InvalidArgument with a message quoting the text.
Result<std::int64_t> ParseIsoDateTime(std::string_view text);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_ARTICLE_H_
