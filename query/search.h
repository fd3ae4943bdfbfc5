// The search request/response model and the Searcher that answers requests.
#ifndef GAZETTE_QUERY_SEARCH_H_
#define GAZETTE_QUERY_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace gazette::query {

enum class SortOrder { kRelevance, kNewest, kOldest, kQuality };
enum class Decay { kExponential, kGaussian };

// How the words of a query must match. kAll: every word. kAny: any word, articles
// matching more of the query (by BM25) first. kAuto: every word for queries of up to
// kAutoAllWords words, relaxed to kAny (with a notice) when that finds nothing; kAny
// for longer ones (docs/relevance.md). Explicit operators and phrases always hold.
enum class MatchMode { kAuto, kAll, kAny };
inline constexpr std::size_t kAutoAllWords = 3;
// How much each field counts in the text score (query/plan/field_weights.h): `body`
// scales the BM25 score of the whole text, where the index counts a title word 5
// times, a topic word 3 times and an excerpt word twice; `title` scales a BM25 score
// of the title's words alone, added to it; `topics` and `excerpt` add that much again
// of the text score of each query word that is also a word of the topics / the excerpt.
struct FieldWeights {
  double title = 0;
  double body = 1;
  double excerpt = 0;
  double topics = 0;
};

// BM25 parameters (Xapian::BM25Weight): k1 saturates repeated words (0: a word counts
// once), b normalises by document length (0: none, 1: fully).
struct Bm25 {
  double k1 = 1.0;
  double b = 0.5;
};

// score = text (BM25) + quality * q/100 + recency * decay(origin - published).
struct Ranking {
  double quality = 1.0;          // weight of the quality term (q in 0..100)
  double recency = 2.0;          // weight of the recency term at age 0
  double half_life_days = 30.0;  // age at which the recency term is halved
  Decay decay = Decay::kExponential;
  std::optional<std::int64_t> origin;  // "now" for recency, seconds since epoch; unset = now
  MatchMode match = MatchMode::kAuto;  // how the text's words must match
  // Auto: the recency weight is chosen per query, from how its matches are spread in
  // time against the index's (docs/ranking.md); `recency` is then its largest value.
  // Off: `recency` is used as given.
  bool recency_auto = true;
  // At most this many hits of one provider on the first page (the others move to
  // later pages); 0: no cap.
  int max_per_provider = 0;
  FieldWeights fields;
  Bm25 bm25;
};

struct SearchRequest {
  std::string query;  // query language: see docs/api.md; empty = browse the filters
  // Filters: values within one field are OR-ed (topics AND-ed when all_topics).
  std::vector<std::string> topics;
  bool all_topics = false;
  std::vector<std::string> providers;
  std::vector<std::string> sites;  // provider domains
  std::vector<std::string> categories;
  std::vector<std::string> types;
  std::vector<std::string> languages;
  std::vector<std::string> collections;
  std::optional<bool> published;
  std::optional<std::int64_t> since;  // inclusive, seconds since epoch
  std::optional<std::int64_t> until;  // inclusive
  std::optional<int> min_quality;
  std::optional<SortOrder> sort;  // unset: relevance, or newest when browsing
  int page = 1;                   // 1-based
  int per_page = 10;
  std::vector<std::string> facets;  // names from FacetNames(); empty = none
  int facet_size = 20;              // values per facet, largest first; 0 = all of them
  bool explain = false;
  bool collapse = true;  // fold each story (docs/stories.md) into its best hit
  std::string story;     // only the articles of this story (a Hit::story id); not folded
  Ranking ranking;
};

// A hit's score, split into the parts that add up to it.
struct Explain {
  double text = 0;
  double quality = 0;
  double recency = 0;
};

// A picture of an article as its source gave it (never fetched by gazette); width and
// height 0 when unknown.
struct Image {
  std::string url;
  int width = 0;
  int height = 0;
};

// The story a hit belongs to. `more` and `providers` are set when other articles of
// the story matched and were folded into this hit.
struct Story {
  std::string id;  // the story label: pass it as SearchRequest::story to list the story
  int more = 0;    // other articles of the story that match the request
  std::vector<std::string> providers;  // their providers, distinct, most articles first
};

// How the recency weight of a search was chosen (SearchResponse::recency).
struct RecencyChoice {
  bool automatic = false;
  double weight = 0;  // the recency weight used
  double factor = 1;  // weight / the configured recency weight
  // Automatic only: matches published in the last window_days before the origin and in
  // the baseline_days before that, the index's articles in the same spans, and why.
  int window_days = 0, baseline_days = 0;
  std::uint64_t recent = 0, baseline = 0, index_recent = 0, index_baseline = 0;
  double ratio = 0;  // the recent matches' rate against the baseline's, each per index article
  std::string reason;
};

// Another outlet's coverage of the same story, as stored with the article.
struct Related {
  std::string title, url, provider, published;
  std::string excerpt, type;
  std::optional<int> quality;
  std::vector<Image> images;
};

struct Hit {
  std::string id;
  std::string title;         // plain
  std::string title_html;    // HTML-escaped, matches in <mark>
  std::string snippet_html;  // best passage, HTML-escaped, matches in <mark>
  std::string url;
  std::string provider;
  std::string site;
  std::vector<std::string> topics;
  std::string published;  // ISO-8601 UTC, or empty
  std::optional<int> quality;
  std::string category, type, language, collection;
  double score = 0;
  std::optional<Explain> explain;
  std::vector<Related> related;
  std::vector<Image> images;
  int duplicates = 0;  // other articles of the hit's story folded into it (Story::more)
  Story story;
  std::string excerpt;
  std::string text;  // the stored body text; filled by Searcher::Get only
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
  bool selected = false;
};

struct HistogramBucket {
  std::string key;  // "2022-09" (by month) or "2022-09-12" (by day)
  std::uint64_t count = 0;
};

struct SearchResponse {
  // Matching articles, duplicates folded into a hit included (the facets count them
  // too); exact when total_exact.
  std::uint64_t total = 0;
  bool total_exact = true;
  int page = 1;
  int per_page = 10;
  std::vector<Hit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;
  // False when facets (and total) were counted on a uniform sample of a result set of
  // more than Limits::facet_sample_above articles, and scaled.
  bool facets_exact = true;
  std::string histogram_interval;  // "month" or "day"
  std::vector<HistogramBucket> date_histogram;
  // Articles published on the origin's (UTC) day, and within its last 7, 30 and 365
  // days: keys "today", "7d", "30d", "365d".
  std::vector<HistogramBucket> relative_dates;
  std::optional<std::string> suggestion;  // "did you mean"
  std::uint64_t suggestion_total = 0;
  std::vector<std::string> notices;      // e.g. the query was re-read as plain terms
  std::optional<RecencyChoice> recency;  // set when explain was asked for
  double took_ms = 0;
};

// Limits that keep one request from taking the machine.
struct Limits {
  int max_per_page = 100;
  int max_page_depth = 1000;  // page * per_page may not exceed this
  std::size_t max_query_bytes = 1024;
  double time_limit_s = 2.0;  // per query; partial results past it
  // Relevance order with quality and recency is evaluated on the articles with the
  // best quality and recency bounds first when that provably gives the same page
  // (query/searcher.cc). Off: always match every candidate (for comparisons).
  bool tiered_ranking = true;
  // ... and only when at least this many articles are estimated to match; below, a
  // full match costs little.
  double tier_min_matches = 2000;
  // Facets of results of at most this many articles are counted exactly. Larger ones
  // are counted on a uniform sample holding about facet_sample_size at most, and
  // scaled; 0: always count every match (query/facets/facet_count.h).
  std::uint64_t facet_sample_above = 100000;
  std::uint64_t facet_sample_size = 20000;
  // A search of a database of local shards holding more than this many articles runs
  // in two lanes on two threads, each matching half of every shard's document ids, when
  // no more searches run in the process than half the cores and none waits (Load); its
  // results are the same. 0: always one lane.
  std::uint64_t parallel_above = 100000;
};

// How busy the caller's process is when a search starts, as the caller (a server's
// pool, a benchmark's clients) knows it: a search runs in two lanes only when a core is
// left idle (Limits::parallel_above).
struct Load {
  int running = 1;  // searches running in the process, this one included
  int waiting = 0;  // searches waiting for a Searcher
};

// Answers requests against one database. Not thread-safe: use one per thread.
class Searcher {
 public:
  // Opens the database at `db_path` (a directory or a stub file). NotFound when
  // nothing is there, Unavailable when it cannot be opened.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& db_path, Limits limits = {});
  virtual ~Searcher() = default;

  // Runs a search under `load`. InvalidArgument names the offending request field
  // (query/request_rules.h).
  virtual Result<SearchResponse> Search(const SearchRequest& request, const Load& load) = 0;
  // The same, for a caller running no other search.
  Result<SearchResponse> Search(const SearchRequest& request) { return Search(request, Load{}); }

  // One article by id; NotFound when absent.
  virtual Result<Hit> Get(const std::string& id) = 0;

  // Articles like the one with `id`: a query from its most distinctive terms, ranked
  // with the same quality and recency blend as searches. NotFound when absent.
  virtual Result<std::vector<Hit>> Similar(const std::string& id, int count,
                                           const Ranking& ranking) = 0;

  // Completions of a partly typed query: its last word completed from the dictionary
  // of title words, most frequent first, each returned as the whole query text.
  virtual Result<std::vector<std::string>> Suggest(const std::string& text, int count) = 0;

  // Picks up a newer revision of the database; true when it changed.
  virtual Result<bool> Reopen() = 0;

  // Reads ahead what searches of a local index would otherwise read on first use: the
  // value columns of the ranking and of every facet (docs/architecture.md), shared
  // with every searcher in the process. For servers, before the first request; does
  // nothing for remote shards. Failures are left to the searches, which read what
  // they need themselves.
  virtual void Prepare() = 0;

  // Articles in the database; the count of the last revision read when the database
  // cannot be read now. Never throws.
  virtual std::uint64_t DocumentCount() = 0;
};

// Every read operation above (Search, Get, Similar, Suggest, Reopen) follows one error
// policy: when the index changes under it (a commit, or the stub switched to other
// databases), it reopens and retries once; if that fails too, or a shard is
// unreachable, it answers Unavailable. Damaged files that stay damaged after the retry
// are Internal. Xapian exceptions never leave the Searcher.

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_SEARCH_H_
