// The syndication routes: /feed (a search as Atom) and /opensearch.xml.
#include <string>

#include "web/api.h"
#include "web/feed.h"
#include "web/xml.h"

namespace gazette::web {
namespace {

constexpr char kAtomType[] = "application/atom+xml; charset=utf-8";
constexpr int kFeedEntries = 20;  // per_page when the request does not say

std::string QueryString(const std::string& target) {
  const std::size_t question = target.find('?');
  return question == std::string::npos ? std::string() : target.substr(question + 1);
}

std::string FeedTitle(const query::SearchRequest& request) {
  if (request.query.empty()) return "gazette: newest articles";
  return "gazette: " + request.query;
}

}  // namespace

Reply ConditionalReply(const std::string& body, const std::string& content_type,
                       std::optional<std::int64_t> last_modified, const Conditional& conditional) {
  Reply reply;
  const std::string etag = EntityTag(body);
  reply.headers.emplace_back("ETag", etag);
  if (last_modified) reply.headers.emplace_back("Last-Modified", HttpDate(*last_modified));
  reply.headers.emplace_back("Cache-Control", "no-cache");
  reply.content_type = content_type;
  if (NotModified(conditional, etag, last_modified)) {
    reply.status = 304;
    return reply;
  }
  reply.body = body;
  return reply;
}

Reply Api::Feed(const QueryParams& params, const RequestContext& context) {
  auto sort = params.find("sort");
  if (sort != params.end() && !sort->second.empty() && sort->second != "newest") {
    return ErrorReply(Status::InvalidArgument("sort: a feed is always newest first"));
  }
  QueryParams search = params;
  search.erase("sort");
  if (search.find("per_page") == search.end()) {
    search.emplace("per_page", std::to_string(kFeedEntries));
  }
  const RequestSettings settings = Settings();
  auto request = ParseSearchRequest(search, settings.ranking, settings.limits);
  if (!request.ok()) return ErrorReply(request.status());
  request->sort = query::SortOrder::kNewest;
  request->facets.clear();
  request->explain = false;
  auto searcher = pool_->Acquire();
  if (!searcher.ok()) return ErrorReply(searcher.status());
  auto response = (*searcher)->Search(*request, searcher->load());
  if (!response.ok()) return ErrorReply(response.status());
  std::vector<FeedEntry> entries;
  for (const query::Hit& hit : response->hits) entries.push_back(EntryOf(hit));
  const std::string query_string = QueryString(context.target);
  FeedHeader header;
  header.self = context.base_url + "/feed" + (query_string.empty() ? "" : "?" + query_string);
  header.id = header.self;
  header.title = FeedTitle(*request);
  header.alternate = context.base_url + "/" + (query_string.empty() ? "" : "?" + query_string);
  return ConditionalReply(RenderAtom(header, entries), kAtomType, NewestDate(entries),
                          context.conditional);
}

Reply Api::OpenSearch(const RequestContext& context) {
  const std::string base = XmlEscape(context.base_url);
  std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  body += "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n";
  body += "<ShortName>gazette</ShortName>\n";
  body += "<Description>Search news articles with gazette</Description>\n";
  body += "<InputEncoding>UTF-8</InputEncoding>\n<OutputEncoding>UTF-8</OutputEncoding>\n";
  body += "<Url type=\"text/html\" method=\"get\" template=\"" + base + "/?q={searchTerms}\"/>\n";
  body += "<Url type=\"application/atom+xml\" method=\"get\" template=\"" + base +
          "/feed?q={searchTerms}\"/>\n";
  body += "<Url type=\"application/x-suggestions+json\" method=\"get\" template=\"" + base +
          "/api/suggest?q={searchTerms}&amp;format=opensearch\"/>\n";
  body += "<Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"" + base +
          "/opensearch.xml\"/>\n";
  body += "</OpenSearchDescription>\n";
  return Reply{200, "application/opensearchdescription+xml; charset=utf-8", std::move(body), {}};
}

}  // namespace gazette::web
