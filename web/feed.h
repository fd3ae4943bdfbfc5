// Atom 1.0 feeds (RFC 4287) of search results and saved-search matches, and the HTTP
// validators (ETag, Last-Modified) that let feed readers poll cheaply.
#ifndef GAZETTE_WEB_FEED_H_
#define GAZETTE_WEB_FEED_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "query/search.h"

namespace gazette::web {

// One article in a feed.
struct FeedEntry {
  std::string id;  // the article's id
  std::string title;
  std::string url;
  std::string provider;
  std::string published;     // ISO-8601 UTC, or empty
  std::string updated;       // ISO-8601 UTC; empty = published
  std::string summary_html;  // HTML (escaped once more in the feed)
  std::vector<std::string> topics;
};

struct FeedHeader {
  std::string id;  // an absolute IRI naming the feed
  std::string title;
  std::string self;       // the feed's own URL
  std::string alternate;  // a page showing the same articles; empty = none
};

// The entry of a search hit: its snippet, else its excerpt, as the summary.
FeedEntry EntryOf(const query::Hit& hit);

// The feed document, entries in the order given. The feed's <updated> is the newest
// entry's date (the epoch when none has one), so equal inputs give equal bytes.
std::string RenderAtom(const FeedHeader& header, const std::vector<FeedEntry>& entries);

// The newest date (updated, else published) of `entries` in seconds since the epoch,
// if any has one.
std::optional<std::int64_t> NewestDate(const std::vector<FeedEntry>& entries);

// A strong entity tag for `body`: a quoted 64-bit hash in hex.
std::string EntityTag(const std::string& body);

// Seconds since the epoch as an HTTP date: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(std::int64_t seconds);

// Parses an HTTP date (IMF-fixdate only); nullopt when `text` is not one.
std::optional<std::int64_t> ParseHttpDate(const std::string& text);

// The conditional headers of a GET.
struct Conditional {
  std::string if_none_match;      // as sent; empty = absent
  std::string if_modified_since;  // as sent; empty = absent
};

// Whether a client holding `etag` / `last_modified` may reuse its copy (RFC 9110
// 13.2.2: If-None-Match decides when present, else If-Modified-Since).
bool NotModified(const Conditional& conditional, const std::string& etag,
                 std::optional<std::int64_t> last_modified);

}  // namespace gazette::web

#endif  // GAZETTE_WEB_FEED_H_
