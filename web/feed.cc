// Atom rendering and HTTP validators.
#include "web/feed.h"

#include <cstdio>
#include <ctime>

#include "base/dates.h"
#include "base/percent.h"
#include "web/xml.h"

namespace gazette::web {
namespace {

constexpr char kEpoch[] = "1970-01-01T00:00:00Z";

bool IsHttpUrl(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

// An article id as an absolute IRI: its URL when it is one, else a urn.
std::string EntryId(const std::string& id) {
  if (IsHttpUrl(id) && id.find_first_of(" \t\r\n") == std::string::npos) return id;
  return "urn:gazette:article:" + PercentEncode(id, ":/");
}

void AppendEntry(const FeedEntry& entry, const std::string& fallback_date, std::string* out) {
  std::string date = entry.updated.empty() ? entry.published : entry.updated;
  if (date.empty()) date = fallback_date;
  *out += "<entry>\n<id>" + XmlEscape(EntryId(entry.id)) + "</id>\n";
  *out += "<title type=\"text\">" + XmlEscape(entry.title) + "</title>\n";
  if (!entry.url.empty()) {
    *out += "<link rel=\"alternate\" href=\"" + XmlEscape(entry.url) + "\"/>\n";
  }
  *out += "<updated>" + date + "</updated>\n";
  if (!entry.published.empty()) *out += "<published>" + entry.published + "</published>\n";
  if (!entry.provider.empty()) {
    *out += "<author><name>" + XmlEscape(entry.provider) + "</name></author>\n";
  }
  for (const std::string& topic : entry.topics) {
    *out += "<category term=\"" + XmlEscape(topic) + "\"/>\n";
  }
  if (!entry.summary_html.empty()) {
    *out += "<summary type=\"html\">" + XmlEscape(entry.summary_html) + "</summary>\n";
  }
  *out += "</entry>\n";
}

}  // namespace

FeedEntry EntryOf(const query::Hit& hit) {
  FeedEntry entry;
  entry.id = hit.id;
  entry.title = hit.title;
  entry.url = hit.url;
  entry.provider = hit.provider;
  entry.published = hit.published;
  entry.summary_html = hit.snippet_html.empty() ? XmlEscape(hit.excerpt) : hit.snippet_html;
  entry.topics = hit.topics;
  return entry;
}

std::optional<std::int64_t> NewestDate(const std::vector<FeedEntry>& entries) {
  std::optional<std::int64_t> newest;
  for (const FeedEntry& entry : entries) {
    const std::string& date = entry.updated.empty() ? entry.published : entry.updated;
    if (date.empty()) continue;
    auto seconds = ParseIsoDateTime(date);
    if (seconds.ok() && (!newest || *seconds > *newest)) newest = *seconds;
  }
  return newest;
}

std::string RenderAtom(const FeedHeader& header, const std::vector<FeedEntry>& entries) {
  const auto newest = NewestDate(entries);
  const std::string updated = newest ? FormatIsoUtc(*newest) : kEpoch;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "<id>" + XmlEscape(header.id) + "</id>\n";
  out += "<title type=\"text\">" + XmlEscape(header.title) + "</title>\n";
  out += "<updated>" + updated + "</updated>\n";
  out += "<author><name>gazette</name></author>\n";
  out += "<generator>gazette</generator>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(header.self) +
         "\"/>\n";
  if (!header.alternate.empty()) {
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(header.alternate) +
           "\"/>\n";
  }
  for (const FeedEntry& entry : entries) AppendEntry(entry, updated, &out);
  out += "</feed>\n";
  return out;
}

std::string EntityTag(const std::string& body) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char text[24];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

std::string HttpDate(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return text;
}

std::optional<std::int64_t> ParseHttpDate(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

bool NotModified(const Conditional& conditional, const std::string& etag,
                 std::optional<std::int64_t> last_modified) {
  if (!conditional.if_none_match.empty()) {
    if (conditional.if_none_match == "*") return true;
    // A list of tags; weak ones compare by their opaque part (weak comparison).
    std::size_t start = 0;
    const std::string& list = conditional.if_none_match;
    while (start < list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string tag = list.substr(start, comma - start);
      tag.erase(0, tag.find_first_not_of(" \t"));
      tag.erase(tag.find_last_not_of(" \t") + 1);
      if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
      if (tag == etag) return true;
      start = comma + 1;
    }
    return false;
  }
  if (conditional.if_modified_since.empty() || !last_modified) return false;
  auto since = ParseHttpDate(conditional.if_modified_since);
  return since && *last_modified <= *since;
}

}  // namespace gazette::web
