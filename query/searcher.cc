// Searcher on a local or stub Xapian database: query, filters, ranking, facets, hits.
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>
#include <thread>

#include "indexer/analyzer.h"
#include "indexer/document.h"
#include "indexer/layout.h"
#include "indexer/schema.h"
#include "query/facets.h"
#include "query/filters.h"
#include "query/lanes.h"
#include "query/query_parser.h"
#include "query/ranking.h"
#include "query/search.h"
#include "query/snippets.h"
#include "query/spelling.h"
#include "query/suggest.h"
#include "query/term_expansion.h"
#include "query/value_columns.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;
using nlohmann::json;

constexpr std::size_t kSnippetChars = 240;
constexpr std::size_t kFacetValues = 20;
// Matches examined beyond the page, so small result sets get exact totals.
constexpr Xapian::doccount kCheckAtLeast = 1000;
// Without facets, totals whose bounds Xapian leaves apart are counted exactly when at
// most this many articles can match.
constexpr Xapian::doccount kExactCountLimit = 10000;
// Ranking best-first (RankBestFirst): a tier expected to hold kTierMargin times the
// page's share of the matches; at most kTierAttempts tiers; none over kTierMaxShare of
// the articles or kTierMaxTerms day terms. kTierReach: how far past the text bound a
// first tier reaches when that is small enough. kTierTextShortfall: the least share of
// the text bound by which the page's last hit is assumed to fall short of it (a fifth
// or more on 9 in 10 generated queries). A tier reaching past the text bound is tried
// first unless it is expected to hold more than kTierReachFirst times the first tier
// sized by the matches' density. Weights within kTierSlack count as equal.
constexpr double kTierMargin = 20;
constexpr int kTierAttempts = 3;
constexpr double kTierMaxShare = 0.3;
constexpr std::size_t kTierMaxTerms = 4000;
constexpr double kTierReach = 1.1;
constexpr double kTierTextShortfall = 0.2;
constexpr double kTierSlack = 1e-9;
constexpr double kTierReachFirst = 4;
constexpr double kTierPositionalCost = 8;
// Facets of a phrase are counted on a sample of its candidates holding at most
// facet_sample_above / kTierPositionalCost of them (each needs a position check). A
// sample with fewer than kMinSampledMatches matches is too small to scale: a finer one
// is counted, expected to hold that many.
constexpr std::uint64_t kMinSampledMatches = 64;
// A phrase's matches counted one by one are handed to the page's match when there are
// at most this many (KnownDocids).
constexpr std::size_t kKnownMatches = 20000;
// Value columns are read for a match expected to hold at least one article in
// kColumnReadShare (UseColumns).
constexpr double kColumnReadShare = 64;

// True when `q` holds a phrase or a NEAR group.
bool Positional(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::OP_PHRASE || q.get_type() == Xapian::Query::OP_NEAR) {
    return true;
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (Positional(q.get_subquery(i))) return true;
  }
  return false;
}

// `q` with each phrase and NEAR group turned into an AND of its parts: the candidates
// whose positions the phrase checks.
Xapian::Query WithoutPositions(const Xapian::Query& q) {
  if (!Positional(q)) return q;
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    parts.push_back(WithoutPositions(q.get_subquery(i)));
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    case Xapian::Query::OP_SCALE_WEIGHT:
      return parts.front();  // weights do not change the candidates
    default:
      return Xapian::Query(q.get_type(), parts.begin(), parts.end());
  }
}

std::string JsonString(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status Validate(const SearchRequest& r, const Limits& limits) {
  if (r.query.size() > limits.max_query_bytes) {
    return Status::InvalidArgument("q: query is longer than " +
                                   std::to_string(limits.max_query_bytes) + " bytes");
  }
  if (r.per_page < 1 || r.per_page > limits.max_per_page) {
    return Status::InvalidArgument("per_page: must be between 1 and " +
                                   std::to_string(limits.max_per_page));
  }
  if (r.page < 1) return Status::InvalidArgument("page: must be 1 or more");
  if (static_cast<long long>(r.page) * r.per_page > limits.max_page_depth) {
    return Status::InvalidArgument("page: results beyond " + std::to_string(limits.max_page_depth) +
                                   " are not served; refine the query");
  }
  if (r.min_quality && (*r.min_quality < 0 || *r.min_quality > 100)) {
    return Status::InvalidArgument("min_quality: must be between 0 and 100");
  }
  if (r.since && r.until && *r.since > *r.until) {
    return Status::InvalidArgument("from: is after to:");
  }
  for (const std::string& f : r.facets) {
    const auto& names = FacetNames();
    if (std::find(names.begin(), names.end(), f) == names.end()) {
      return Status::InvalidArgument("facets: unknown facet '" + f + "'");
    }
  }
  const Ranking& k = r.ranking;
  if (!std::isfinite(k.quality) || !std::isfinite(k.recency) || k.quality < 0 || k.recency < 0) {
    return Status::InvalidArgument("ranking: weights must be finite and not negative");
  }
  if (!std::isfinite(k.half_life_days) || k.half_life_days <= 0) {
    return Status::InvalidArgument("half_life: must be a positive number of days");
  }
  return Status::Ok();
}

// The text of the stub file at `path`, or "" when it is a directory (or unreadable).
std::string ReadStub(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};
  std::ifstream in(path);
  std::string text;
  for (std::string line; std::getline(in, line);) text += line + "\n";
  return text;
}

// Opens the database at `path`. A stub of several local shards is opened shard by
// shard, and `parts` gets each shard (sharing the combined database's state, so they
// reopen with it); otherwise Xapian reads the path and `parts` stays empty.
Xapian::Database OpenDatabase(const std::string& path, std::vector<Xapian::Database>* parts) {
  parts->clear();
  auto layout = indexer::ReadLayout(path);
  if (!layout.ok() || layout->shards.size() < 2) return Xapian::Database(path);
  Xapian::Database all;
  for (const std::string& shard : layout->shards) {
    parts->emplace_back(shard);
    all.add_database(parts->back());
  }
  return all;
}

// Searches running in this process, and waiting for a searcher, for UseLanes.
std::atomic<int> running_searches{0};
std::atomic<int> waiting_searches{0};

struct Running {
  Running() { ++running_searches; }
  ~Running() { --running_searches; }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;
};

// Leaves a PageFloor when it goes out of scope.
struct Leaving {
  PageFloor* floor;
  int lane;
  ~Leaving() { floor->Leave(lane); }
};

class XapianSearcher final : public Searcher {
 public:
  XapianSearcher(std::string path, Limits limits, Xapian::Database db,
                 std::vector<Xapian::Database> parts, std::string stub)
      : path_(std::move(path)),
        limits_(limits),
        db_(std::move(db)),
        parts_(std::move(parts)),
        stub_(std::move(stub)) {
    Refresh();
  }

  Result<SearchResponse> Search(const SearchRequest& request) override {
    if (Status s = Validate(request, limits_); !s.ok()) return s;
    const Running running;
    for (int attempt = 0;; ++attempt) {
      try {
        return Run(request);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt > 0) return Status::Unavailable("the index changed during the search; retry");
        db_.reopen();
        Refresh();
        if (lane_) (void)lane_->Reopen();
      } catch (const Xapian::NetworkError& e) {
        return Status::Unavailable("a shard is unreachable: " + e.get_description());
      } catch (const Xapian::Error& e) {
        return Status::Internal("search failed: " + e.get_description());
      }
    }
  }

  Result<Hit> Get(const std::string& id) override {
    try {
      const std::string term = indexer::IdTerm(id);
      auto it = db_.postlist_begin(term);
      if (it == db_.postlist_end(term)) return Status::NotFound("no article with id " + id);
      Xapian::Document doc = db_.get_document(*it);
      Hit hit = ToHit(doc, {});
      hit.text = JsonString(json::parse(doc.get_data(), nullptr, false), "text");
      return hit;
    } catch (const Xapian::Error& e) {
      return Status::Internal("lookup failed: " + e.get_description());
    }
  }

  Result<std::vector<Hit>> Similar(const std::string& id, int count,
                                   const Ranking& ranking) override {
    if (count < 1 || count > limits_.max_per_page) {
      return Status::InvalidArgument("per_page: must be between 1 and " +
                                     std::to_string(limits_.max_per_page));
    }
    try {
      return RunSimilar(id, count, ranking);
    } catch (const Xapian::DatabaseModifiedError&) {
      db_.reopen();
      Refresh();
      return Status::Unavailable("the index changed during the search; retry");
    } catch (const Xapian::Error& e) {
      return Status::Internal("similar failed: " + e.get_description());
    }
  }

  Result<std::vector<std::string>> Suggest(const std::string& text, int count) override {
    if (text.size() > limits_.max_query_bytes) {
      return Status::InvalidArgument("q: longer than " + std::to_string(limits_.max_query_bytes) +
                                     " bytes");
    }
    if (count < 1 || count > 50) return Status::InvalidArgument("count: must be between 1 and 50");
    try {
      return Completions(db_, text, static_cast<std::size_t>(count), &analyzer_);
    } catch (const Xapian::Error& e) {
      return Status::Internal("suggest failed: " + e.get_description());
    }
  }

  Result<bool> Reopen() override {
    try {
      // A rebuild or rollback switches the stub to other databases: open those.
      const std::string stub = ReadStub(path_);
      if (stub != stub_) {
        db_ = OpenDatabase(path_, &parts_);
        stub_ = stub;
        Refresh();
        if (lane_) (void)lane_->Reopen();
        return true;
      }
      const bool changed = db_.reopen();
      if (changed) Refresh();
      if (lane_) (void)lane_->Reopen();
      return changed;
    } catch (const Xapian::Error& e) {
      return Status::Unavailable(path_ + ": cannot reopen: " + e.get_description());
    }
  }

  std::uint64_t DocumentCount() override { return db_.get_doccount(); }

  void SetLane(std::unique_ptr<XapianSearcher> lane) { lane_ = std::move(lane); }

  void Prepare() override {
    if (!columns_) return;
    std::vector<Xapian::valueno> slots = {schema::kSlotQuality, schema::kSlotDay};
    for (const std::string& facet : FacetNames()) {
      for (Xapian::valueno slot : FacetSlots(facet, max_topics_)) slots.push_back(slot);
    }
    try {
      for (const Xapian::Database& part : Parts()) {
        for (Xapian::valueno slot : slots) CachedColumn(part, slot);
      }
    } catch (const Xapian::Error&) {
      // Changed meanwhile: the searches read the columns themselves.
    }
  }

 private:
  void Refresh() {
    days_ = PublicationDays(db_);
    bands_ = QualityBands(db_);
    has_samples_ = db_.term_exists(std::string(schema::kPrefixSample) +
                                   std::to_string(schema::kSampleLevels[0]));
    languages_ = IndexLanguages(db_);
    word_pairs_ = IndexHasWordPairs(db_);
    // Value columns need the document ids of local shards: each part of a stub of
    // several, or the database itself when it is one shard with a revision (remote
    // shards have none).
    columns_ = false;
    try {
      if (parts_.empty() && db_.size() == 1) db_.get_revision();
      if (!parts_.empty() || db_.size() == 1) {
        for (const Xapian::Database& part : Parts()) WarmColumns(part);
        columns_ = true;
      }
    } catch (const Xapian::Error&) {
      // Remote, or changed meanwhile: counted with spies, or read at the next count.
    }
    // Topic slots in use, from value statistics: these add up over shards, where
    // metadata would come from the first shard only.
    max_topics_ = 0;
    for (int i = 0; i < schema::kMaxTopicSlots; ++i) {
      if (db_.get_value_freq(schema::kSlotTopicFirst + static_cast<Xapian::valueno>(i)) > 0) {
        max_topics_ = i + 1;
      }
    }
  }

  // A search runs in one lane, or in two on two threads (UseLanes): each lane matches
  // its share of every local shard's document ids (DocidShare), with the same
  // statistics, so the merge of their rankings and counts is what one match gives.
  SearchResponse Run(const SearchRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    Matched matched;
    std::optional<std::future<Matched>> other;
    PageFloor floor(2, static_cast<std::size_t>(request.page * request.per_page));
    if (UseLanes()) {
      try {
        other = std::async(std::launch::async, [this, &request, &floor] {
          return lane_->Match(request, Lane{1, 2}, &floor);
        });
      } catch (const std::system_error&) {
        // No thread to spare: one lane.
      }
    }
    if (other) {
      std::vector<Matched> lanes;
      try {
        lanes.push_back(Match(request, Lane{0, 2}, &floor));
      } catch (...) {
        other->wait();
        throw;
      }
      lanes.push_back(other->get());
      Merge(request, std::move(lanes), &matched);
    } else {
      matched = Match(request, Lane{});
    }
    SearchResponse response = Assemble(request, std::move(matched));
    response.took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
  }

  // Whether this search runs in two lanes: local shards, a database larger than
  // Limits::parallel_above, a core idle (no more searches running in the process than
  // half the cores, none waiting for a searcher), and the lane's searcher on the same
  // revision.
  bool UseLanes() {
    if (!lane_ || !columns_ || db_.get_doccount() <= limits_.parallel_above) return false;
    const int cores = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    if (running_searches.load() * 2 > cores || waiting_searches.load() > 0) return false;
    if (SameRevision(*lane_)) return true;
    if (!lane_->Reopen().ok()) return false;
    return SameRevision(*lane_);
  }

  bool SameRevision(const XapianSearcher& other) const {
    if (other.stub_ != stub_) return false;
    const std::vector<Xapian::Database> mine = Parts(), theirs = other.Parts();
    if (mine.size() != theirs.size()) return false;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (mine[i].get_revision() != theirs[i].get_revision()) return false;
    }
    return true;
  }

  // What a lane found: its ranking (the page itself in a single lane, else the lane's
  // best up to the end of the page), totals and value counts.
  struct Matched {
    SearchResponse response;  // notices, totals, suggestion
    bool browsing = false;
    std::int64_t origin = 0;
    MatchTerms terms;
    std::map<std::string, std::vector<std::string>> selected;  // filtered facet values
    std::vector<Ranked> ranked;
    std::map<std::string, SampledCounts> facets;
    SampledCounts days;
    bool want_days = false;
    bool tiered = false;               // ranked within a tier, total estimated
    std::uint64_t whole_estimate = 0;  // lane 0 of several, tiered: the whole match's
  };

  // Matches the lane's share of the request. `floor` is shared by the lanes of a search
  // (RankBestFirst); null in a single lane.
  Matched Match(const SearchRequest& request, Lane lane, PageFloor* shared = nullptr) {
    PageFloor own(1, static_cast<std::size_t>(request.per_page));
    PageFloor* floor = shared != nullptr ? shared : &own;
    const Leaving leaving{floor, lane.index};  // also when the match throws
    Matched out;
    SearchResponse& response = out.response;
    const bool split = lane.count > 1;
    const double lanes = lane.count;

    QueryParser parser(&analyzer_, db_, languages_, word_pairs_);
    ParsedQuery parsed = parser.Parse(request.query, request.languages);
    response.notices = parsed.notices;
    const bool browsing = parsed.text.empty();
    out.browsing = browsing;
    const SortOrder sort =
        request.sort ? *request.sort : (browsing ? SortOrder::kNewest : SortOrder::kRelevance);
    const std::int64_t origin = request.ranking.origin ? *request.ranking.origin : NowSeconds();
    out.origin = origin;

    // Not Query::MatchAll: that shared static's reference count is not atomic, and
    // copying it from several threads at once corrupts it.
    Xapian::Query text = browsing ? Xapian::Query(std::string()) : parsed.text;
    RequestFilters filters = BuildFilters(request, &analyzer_);
    for (const auto& [field, values] : parsed.scopes) {
      for (const auto& v : values)
        filters.selected[field == "lang" ? "language" : field].push_back(v);
    }
    out.selected = filters.selected;
    auto filtered = [&](const Xapian::Query& base, const std::string& skip, bool in_lane) {
      Xapian::Query q = base;
      Xapian::Query f = CombineFilters(filters, skip);
      if (!parsed.filter.empty())
        f = f.empty() ? parsed.filter : Xapian::Query(Xapian::Query::OP_AND, f, parsed.filter);
      if (in_lane && split) {
        Xapian::Query share((new DocidShare(lane))->release());
        f = f.empty() ? share : Xapian::Query(Xapian::Query::OP_AND, f, share);
      }
      if (!f.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
      if (!parsed.exclude.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, parsed.exclude);
      return q;
    };
    auto with_filters = [&](const Xapian::Query& base, const std::string& skip) {
      return filtered(base, skip, true);
    };

    // The unranked, filtered text query: facets and totals count its matches, and its
    // posting-list statistics (text bound, estimated matches) plan the tiers. In a
    // lane, estimates are of the lane's share and are scaled up (by `lanes`) where
    // they are weighed against the whole database.
    const Xapian::Query counted = with_filters(text, "");
    std::optional<Xapian::MSet> counted_stats;
    auto stats = [&]() -> const Xapian::MSet& {
      if (!counted_stats) counted_stats = Statistics(counted);
      return *counted_stats;
    };
    const Xapian::Query ranked = Rank(text, request.ranking, days_, origin,
                                      UseColumns(stats().get_matches_estimated() * lanes,
                                                 {schema::kSlotQuality, schema::kSlotDay}));
    const Xapian::Query query = with_filters(ranked, "");
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    if (request.collapse) enquire.set_collapse_key(schema::kSlotTextHash);
    if (limits_.time_limit_s > 0) enquire.set_time_limit(limits_.time_limit_s);
    switch (sort) {
      case SortOrder::kRelevance:
        break;
      case SortOrder::kNewest:
      case SortOrder::kOldest:
        enquire.set_sort_by_value_then_relevance(schema::kSlotPublished,
                                                 sort == SortOrder::kNewest);
        break;
      case SortOrder::kQuality:
        enquire.set_sort_by_value_then_relevance(schema::kSlotQuality, true);
        break;
    }

    // Facets and their total are counted in a match of their own, without ranking
    // sources: the page's match stays free to skip candidates that cannot reach it.
    // Facets whose own field is filtered are counted without that filter. Large result
    // sets are counted on a uniform sample and scaled.
    // A phrase whose matches are counted one by one (few of them) leaves their ids to
    // the page's match, which then checks no other candidate's positions.
    const bool want_facets = !request.facets.empty();
    std::shared_ptr<KnownDocids::ByShard> known;
    if (want_facets) {
      struct Count {
        std::vector<std::pair<Xapian::valueno, ValueCounts*>> slots;  // counted into
        std::vector<SampledCounts*> sinks;                            // scaled alike
        std::uint64_t scale = 1;                                      // 2^sample level
        std::uint64_t matches = 0;
      };
      std::map<std::string, Count> matches;  // by the facet left unfiltered ("": none)
      matches[""];
      for (const std::string& facet : request.facets) {
        Count& c = matches[CountedWithout(filters, facet)];
        if (facet == "date") {
          out.want_days = true;
          c.slots.emplace_back(schema::kSlotDay, &out.days.counts);
          c.sinks.push_back(&out.days);
          continue;
        }
        if (out.facets.count(facet)) continue;
        SampledCounts& sink = out.facets[facet];
        for (Xapian::valueno slot : FacetSlots(facet, max_topics_))
          c.slots.emplace_back(slot, &sink.counts);
        c.sinks.push_back(&sink);
      }
      for (auto& [skip, c] : matches) {
        const Xapian::Query q = skip.empty() ? counted : with_filters(text, skip);
        const double estimate =
            skip.empty() ? stats().get_matches_estimated() : Statistics(q).get_matches_estimated();
        int level =
            Positional(q)
                ? SampleLevel(Statistics(WithoutPositions(q)).get_matches_estimated() * lanes,
                              kTierPositionalCost)
                : SampleLevel(estimate * lanes);
        std::vector<Xapian::valueno> slots;
        for (const auto& slot : c.slots) slots.push_back(slot.first);
        const bool columns = UseColumns(estimate * lanes, slots);
        const bool keep = skip.empty() && columns && Positional(text);
        auto count = [&] {
          if (level > 0) return CountMatches(Sampled(q, level), c.slots, columns);
          return CountMatches(q, c.slots, columns, keep ? &known : nullptr);
        };
        c.matches = count();
        while (level > 0 && c.matches * lanes < kMinSampledMatches) {
          level = FinerLevel(level, static_cast<std::uint64_t>(c.matches * lanes));
          for (auto& slot : c.slots) slot.second->clear();
          c.matches = count();
        }
        c.scale = std::uint64_t{1} << level;
        for (SampledCounts* sink : c.sinks) sink->scale = c.scale;
        if (level > 0) response.facets_exact = false;
      }
      response.total = matches[""].matches * matches[""].scale;
      response.total_exact = matches[""].scale == 1;
    }

    // A lane ranks its best up to the end of the page; the merge cuts the page.
    const auto page_end = static_cast<Xapian::doccount>(request.page * request.per_page);
    const Xapian::doccount first =
        split ? 0 : static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
    const Xapian::doccount per_page =
        split ? page_end : static_cast<Xapian::doccount>(request.per_page);
    const Xapian::doccount check = std::max<Xapian::doccount>(page_end, kCheckAtLeast);
    Xapian::MSet mset;
    if (known) {
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query((new KnownDocids(known))->release())));
    }
    const bool tiered = !known && sort == SortOrder::kRelevance && limits_.tiered_ranking &&
                        RankBestFirst(&enquire, query, Positional(text), stats, request, origin,
                                      first, per_page, lane, floor, &mset);
    if (!tiered) mset = enquire.get_mset(first, per_page, check);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.ranked.push_back(Ranked{
          *it, it.get_weight(), sort == SortOrder::kRelevance ? std::string() : it.get_sort_key(),
          request.collapse ? it.get_collapse_key() : std::string(), it.get_collapse_count()});
    }

    if (want_facets) {
      // The total was counted with the facets.
    } else if (tiered) {
      response.total =
          std::max<std::uint64_t>(stats().get_matches_estimated(), first + mset.size());
      response.total_exact = false;
      out.tiered = true;
      // The estimate a single match gives, should every lane rank within a tier.
      if (split && lane.index == 0)
        out.whole_estimate = Statistics(filtered(text, "", false)).get_matches_estimated();
    } else if (mset.get_uncollapsed_matches_lower_bound() ==
               mset.get_uncollapsed_matches_upper_bound()) {
      // total counts matching articles, like the facets; exact duplicates fold into one
      // hit. Xapian's uncollapsed bounds serve when they meet.
      response.total = mset.get_uncollapsed_matches_estimated();
      response.total_exact = true;
    } else if (mset.get_uncollapsed_matches_upper_bound() <= kExactCountLimit) {
      // Few enough candidates to count them all, without the ranking sources.
      Xapian::Enquire count(db_);
      count.set_query(counted);
      count.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::ValueCountMatchSpy counter(schema::kSlotLanguage);
      count.add_matchspy(&counter);
      count.get_mset(0, 0, db_.get_doccount());
      response.total = counter.get_total();
      response.total_exact = true;
    } else {
      response.total = mset.get_uncollapsed_matches_estimated();
      response.total_exact = false;
    }

    if (!browsing) {
      for (auto t = parsed.text.get_unique_terms_begin(); t != parsed.text.get_unique_terms_end();
           ++t) {
        std::string term = *t;
        if (!term.empty() && term[0] == schema::kPrefixTitle[0]) term.erase(0, 1);
        if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) out.terms.insert(term);
      }
      // The suggestion counts over the whole database: the first lane finds it.
      if (lane.index == 0) {
        Suggest(
            request.query,
            [&](const Xapian::Query& base, const std::string& skip) {
              return filtered(base, skip, false);
            },
            &response);
      }
    }
    return out;
  }

  // Merges the lanes' findings into `out` (lanes[0] carries the parse and suggestion).
  static void Merge(const SearchRequest& request, std::vector<Matched> lanes, Matched* out) {
    std::vector<std::vector<Ranked>> rankings;
    for (Matched& m : lanes) rankings.push_back(std::move(m.ranked));
    const bool descending = request.sort != SortOrder::kOldest;
    const auto page_end = static_cast<std::size_t>(request.page * request.per_page);
    std::vector<Ranked> merged;
    MergeRanked(std::move(rankings), page_end, descending, &merged);
    *out = std::move(lanes[0]);
    const auto first = static_cast<std::size_t>((request.page - 1) * request.per_page);
    out->ranked.assign(merged.begin() + static_cast<std::ptrdiff_t>(std::min(first, merged.size())),
                       merged.end());
    for (std::size_t i = 1; i < lanes.size(); ++i) {
      const Matched& m = lanes[i];
      out->response.total += m.response.total;
      out->response.total_exact = out->response.total_exact && m.response.total_exact;
      out->response.facets_exact = out->response.facets_exact && m.response.facets_exact;
      for (const auto& [facet, counts] : m.facets) MergeCounts(counts, &out->facets[facet]);
      MergeCounts(m.days, &out->days);
      out->tiered = out->tiered && m.tiered;
    }
    if (out->tiered) out->response.total = std::max(out->whole_estimate, merged.size());
  }

  // The response: the page's hits with snippets, the facets and the histogram.
  SearchResponse Assemble(const SearchRequest& request, Matched matched) {
    SearchResponse response = std::move(matched.response);
    response.page = request.page;
    response.per_page = request.per_page;
    for (const Ranked& r : matched.ranked) {
      Xapian::Document doc = db_.get_document(r.docid);
      Hit hit = ToHit(doc, matched.terms);
      hit.score = r.weight;
      hit.duplicates = static_cast<int>(r.collapsed);
      if (request.explain)
        hit.explain = ExplainWeight(doc, hit.score, request.ranking, matched.origin);
      response.hits.push_back(std::move(hit));
    }
    for (const auto& [facet, counts] : matched.facets) {
      const auto sel = matched.selected.find(facet);
      static const std::vector<std::string> kNone;
      response.facets[facet] = FacetValues(counts.counts, counts.scale,
                                           sel != matched.selected.end() ? sel->second : kNone,
                                           kFacetValues, &analyzer_);
    }
    if (matched.want_days) {
      response.date_histogram =
          DateHistogram(matched.days.counts, matched.days.scale, &response.histogram_interval);
      response.relative_dates =
          RelativeDates(matched.days.counts, matched.days.scale, matched.origin);
    }
    return response;
  }

  // The filter a facet is counted without: its own when the request filters on it.
  static std::string CountedWithout(const RequestFilters& filters, const std::string& facet) {
    return filters.by_facet.count(facet) ? facet : std::string();
  }

  // Counts the matches of `query` and, among them, the values of each slot into its
  // ValueCounts: from value columns (UseColumns), else with Xapian's value-count spies,
  // which also run on remote shards.
  // With `keep` and columns, *keep gets the ids of the matches when there are at most
  // kKnownMatches, else stays null.
  std::uint64_t CountMatches(const Xapian::Query& query,
                             const std::vector<std::pair<Xapian::valueno, ValueCounts*>>& slots,
                             bool columns, std::shared_ptr<KnownDocids::ByShard>* keep = nullptr) {
    // Unranked; checking every candidate makes the count exact.
    auto count = [&](const Xapian::Database& db, const std::vector<Xapian::MatchSpy*>& spies) {
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      if (limits_.time_limit_s > 0) enquire.set_time_limit(limits_.time_limit_s);
      for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
      return std::uint64_t{enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated()};
    };
    std::uint64_t matches = 0;
    if (columns) {
      auto ids = keep != nullptr ? std::make_shared<KnownDocids::ByShard>() : nullptr;
      for (const Xapian::Database& part : Parts()) {
        ColumnCountSpy spy;
        for (const auto& slot : slots) spy.Add(CachedColumn(part, slot.first));
        if (ids) spy.KeepIds(kKnownMatches);
        matches += count(part, {&spy});
        for (std::size_t i = 0; i < slots.size(); ++i) {
          ValueCounts* sink = slots[i].second;
          spy.Counts(i, [sink](const std::string& value, std::uint64_t n) { (*sink)[value] += n; });
        }
        if (ids && spy.ids_complete()) {
          std::vector<Xapian::docid>& kept = (*ids)[part.get_uuid()];
          kept = spy.ids();
          std::sort(kept.begin(), kept.end());
        } else {
          ids.reset();
        }
      }
      if (keep != nullptr) *keep = std::move(ids);
      return matches;
    }
    // Xapian's own spies, one per slot: serialisable, so remote shards run them.
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    std::vector<Xapian::MatchSpy*> attached;
    for (const auto& slot : slots) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot.first));
      attached.push_back(spies.back().get());
    }
    matches = count(db_, attached);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      for (auto it = spies[i]->values_begin(); it != spies[i]->values_end(); ++it)
        (*slots[i].second)[*it] += it.get_termfreq();
    }
    return matches;
  }

  // Whether value columns serve a match expected to hold `estimated` articles that
  // reads `slots`: when they are cached, or when the match is large enough that Xapian
  // would decode most of the slots' value streams anyway (reading a column costs about
  // one such decoding). Local shards only.
  bool UseColumns(double estimated, const std::vector<Xapian::valueno>& slots) {
    if (!columns_) return false;
    bool cached = true;
    for (const Xapian::Database& part : Parts()) {
      for (Xapian::valueno slot : slots) cached = HasColumn(part, slot) && cached;
    }
    return cached || estimated * kColumnReadShare >= db_.get_doccount();
  }

  // The local shards: db_'s parts, or db_ itself.
  std::vector<Xapian::Database> Parts() const {
    return parts_.empty() ? std::vector<Xapian::Database>{db_} : parts_;
  }

  // Posting-list statistics of `query` (estimated matches, weight bound), without
  // matching.
  Xapian::MSet Statistics(const Xapian::Query& query) {
    Xapian::Enquire probe(db_);
    probe.set_query(query);
    return probe.get_mset(0, 0);
  }

  // The sample level (schema::kSampleLevels) to count `estimate` matches on: 0 (all of
  // them) up to Limits::facet_sample_above / cost, else the finest level whose sample
  // is expected to hold no more than that.
  int SampleLevel(double estimate, double cost = 1) const {
    if (!has_samples_ || limits_.facet_sample_above == 0) return 0;
    const double above = static_cast<double>(limits_.facet_sample_above) / cost;
    int level = 0;
    for (int l : schema::kSampleLevels) {
      if (estimate / std::ldexp(1.0, level) <= above) break;
      level = l;
    }
    return level;
  }

  // The coarsest level finer than `level` whose sample is expected to hold
  // kMinSampledMatches, given `found` at `level`; 0 when none is.
  static int FinerLevel(int level, std::uint64_t found) {
    int finer = 0;
    for (int l : schema::kSampleLevels) {
      if (l >= level) break;
      if (static_cast<double>(found) * std::ldexp(1.0, level - l) >= kMinSampledMatches) finer = l;
    }
    return finer;
  }

  static Xapian::Query Sampled(const Xapian::Query& query, int level) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(schema::kPrefixSample + std::to_string(level)));
  }

  // Relevance order with quality and recency: ranks the articles with the largest
  // quality + recency bounds (a TierPlanner tier of day and band cells) first. When the
  // last hit of the page there outweighs anything an article outside could score (the
  // text bound plus the tier's outside bound), the page is exactly the one a full match
  // gives, and the other candidates are never checked. Copies of a hit (collapse) are
  // then counted within the tier. `stats` gives the posting-list statistics of the
  // unranked text query: its weight bound is the text part's. False when no tier
  // decides the page. `enquire` is set up for `query` (collapse, time limit) and gets
  // it back. The page is `per_page` hits from `first`. In a lane, `query` and `stats`
  // hold the lane's share of the database, and `floor` is shared by the lanes: the
  // ranking then holds every article of the share that can make the merged page, though
  // not always a full page.
  template <typename Stats>
  bool RankBestFirst(Xapian::Enquire* enquire, const Xapian::Query& query, bool positional,
                     const Stats& stats, const SearchRequest& request, std::int64_t origin,
                     Xapian::doccount first, Xapian::doccount per_page, Lane lane, PageFloor* floor,
                     Xapian::MSet* out) {
    const Leaving leaving{floor, lane.index};  // this lane's tiers end here
    const double lanes = lane.count;
    const Xapian::doccount all = db_.get_doccount();
    const TierPlanner planner(request.ranking, days_, bands_, all, origin);
    if (!planner.usable()) return false;
    const double text_max = stats().get_max_possible();
    const double matches = stats().get_matches_estimated();
    // A phrase match checks positions of every candidate: tiers pay from fewer.
    const double min_matches =
        positional ? limits_.tier_min_matches / kTierPositionalCost : limits_.tier_min_matches;
    if (matches * lanes < min_matches || matches == 0) return false;
    const double need = first + per_page;
    const double cap = kTierMaxShare * all;
    // Deep enough to hold the page several times over by estimate. A tier reaching
    // past the text bound decides the page whenever it holds it: when one is small
    // enough, and not much larger than that, it is the first tried (otherwise the
    // first tier's last hit shows how deep the next must go, often far less deep).
    double depth = planner.DepthFor(kTierMargin * need * all / matches);
    if (planner.ExpectedWithin(kTierReach * text_max) <= cap) {
      if (planner.ExpectedWithin(kTierReach * text_max) <=
          kTierReachFirst * planner.ExpectedWithin(depth)) {
        depth = std::max(depth, kTierReach * text_max);
      }
    } else if (planner.ExpectedWithin(kTierTextShortfall * text_max) > cap) {
      // The page's last hit falls short of the text bound by this share or more, and
      // the tier must reach as far: too large to pay.
      return false;
    }
    // On local shards the tier is read from value columns: a filter of thousands of day
    // terms costs more than it saves.
    const bool columns = UseColumns(matches * lanes, {schema::kSlotQuality, schema::kSlotDay});
    for (int attempt = 0; attempt < kTierAttempts; ++attempt) {
      RankTier tier = planner.Cut(depth, kTierMaxTerms, !columns);
      if (columns && tier.cells > 0) {
        tier.filter =
            ColumnTier(request.ranking, origin, planner.top() - depth - kTierSlack, tier.expected);
      }
      if (tier.filter.empty() || tier.expected > cap) return false;
      enquire->set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, tier.filter));
      Xapian::MSet mset = enquire->get_mset(first, per_page);
      enquire->set_query(query);
      const double bound = text_max + tier.outside_max + kTierSlack;
      std::vector<double> weights;
      for (auto it = mset.begin(); it != mset.end(); ++it) weights.push_back(it.get_weight());
      const double last = floor->Exchange(lane.index, attempt, std::move(weights));
      if (last > bound) {
        *out = std::move(mset);
        return true;
      }
      if (last == -std::numeric_limits<double>::infinity()) {
        // Too few matches in the tier: their density there sizes the next one, up to
        // the largest tier allowed. A phrase's estimate is then far above its real
        // count, and so few matches are best found by the full match.
        if (positional) return false;
        if (tier.expected >= 0.9 * cap) return false;
        const double found = std::max<double>(mset.get_matches_estimated(), 0.5);
        const double articles = std::min(kTierMargin * need * tier.expected / found, 0.95 * cap);
        depth = std::max(depth * 2, planner.DepthFor(articles));
        continue;
      }
      // Every cell left out must be bounded below last - text_max. Deepening only
      // raises the last hit, so a tier that deep decides the page.
      depth = std::max(depth * 1.01, planner.top() - (last - text_max) + 2 * kTierSlack);
    }
    return false;
  }

  Result<std::vector<Hit>> RunSimilar(const std::string& id, int count, const Ranking& ranking) {
    const std::string id_term = indexer::IdTerm(id);
    auto it = db_.postlist_begin(id_term);
    if (it == db_.postlist_end(id_term)) return Status::NotFound("no article with id " + id);
    Xapian::Query like = MoreLikeThis(db_, *it);
    std::vector<Hit> hits;
    if (like.empty()) return hits;
    const std::int64_t origin = ranking.origin ? *ranking.origin : NowSeconds();
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Rank(like, ranking, days_, origin,
             UseColumns(db_.get_doccount(), {schema::kSlotQuality, schema::kSlotDay})),
        Xapian::Query(id_term)));
    enquire.set_collapse_key(schema::kSlotTextHash);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      Hit hit = ToHit(m.get_document(), {});
      hit.score = m.get_weight();
      hit.duplicates = static_cast<int>(m.get_collapse_count());
      hits.push_back(std::move(hit));
    }
    return hits;
  }

  // Fills the "did you mean" suggestion and the number of articles it would find.
  template <typename FilterFn>
  void Suggest(const std::string& query, const FilterFn& with_filters, SearchResponse* response) {
    std::optional<std::string> corrected = CorrectSpelling(query, db_, languages_, &analyzer_);
    if (!corrected) return;
    QueryParser parser(&analyzer_, db_, languages_, word_pairs_);
    ParsedQuery parsed = parser.Parse(*corrected);
    if (parsed.text.empty()) return;
    Xapian::Enquire count(db_);
    count.set_query(with_filters(parsed.text, ""));
    count.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = count.get_mset(0, 0, kCheckAtLeast);
    if (mset.get_matches_estimated() == 0) return;
    response->suggestion = *corrected;
    response->suggestion_total = mset.get_matches_estimated();
  }

  Hit ToHit(const Xapian::Document& doc, const MatchTerms& terms) {
    Hit hit;
    json j = json::parse(doc.get_data(), nullptr, false);
    if (j.is_discarded()) j = json::object();
    hit.id = JsonString(j, "id");
    hit.title = JsonString(j, "title");
    hit.url = JsonString(j, "url");
    hit.excerpt = JsonString(j, "excerpt");
    if (auto p = j.find("provider"); p != j.end() && p->is_object()) {
      hit.provider = JsonString(*p, "name");
      hit.site = JsonString(*p, "domain");
    }
    if (auto t = j.find("topics"); t != j.end() && t->is_array()) {
      for (const auto& v : *t) {
        if (v.is_string()) hit.topics.push_back(v.get<std::string>());
      }
    }
    hit.published = JsonString(j, "published");
    if (auto q = j.find("quality"); q != j.end() && q->is_number()) hit.quality = q->get<int>();
    hit.category = JsonString(j, "category");
    hit.type = JsonString(j, "type");
    hit.language = JsonString(j, "language");
    hit.collection = JsonString(j, "collection");
    if (auto r = j.find("related"); r != j.end() && r->is_array()) {
      for (const auto& rel : *r) {
        Related out{JsonString(rel, "title"), JsonString(rel, "url"), "",
                    JsonString(rel, "published")};
        if (auto p = rel.find("provider"); p != rel.end() && p->is_object())
          out.provider = JsonString(*p, "name");
        hit.related.push_back(std::move(out));
      }
    }
    const std::string language = hit.language.empty() ? "en" : hit.language;
    hit.title_html = Snippet(hit.title, terms, language, hit.title.size() + 1, &analyzer_);
    std::string text = JsonString(j, "text");
    if (text.empty()) text = hit.excerpt;
    hit.snippet_html = Snippet(text, terms, language, kSnippetChars, &analyzer_);
    return hit;
  }

  std::string path_;
  Limits limits_;
  // The searcher of the second lane, with handles of its own (a Xapian::Database and
  // the queries built on it are used by one thread at a time); null when searches run
  // in one lane.
  std::unique_ptr<XapianSearcher> lane_;
  Xapian::Database db_;
  std::vector<Xapian::Database> parts_;  // db_'s shards when it is a stub of local ones
  std::string stub_;                     // the stub file's text when path_ is a stub, else empty
  indexer::Analyzer analyzer_;
  std::vector<PublicationDay> days_;
  std::vector<QualityBand> bands_;
  bool has_samples_ = false;            // XS terms present (schema 3 and later)
  bool columns_ = false;                // facets count from value columns
  std::vector<std::string> languages_;  // languages present, for query analysis
  bool word_pairs_ = false;             // the index's phrases can use word pairs
  int max_topics_ = 0;
};

}  // namespace

WaitingSearch::WaitingSearch() { ++waiting_searches; }
WaitingSearch::~WaitingSearch() { --waiting_searches; }

const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> kNames = {"topic",    "provider",   "category", "type",
                                                  "language", "collection", "date"};
  return kNames;
}

Result<SortOrder> ParseSortOrder(const std::string& text) {
  if (text == "relevance") return SortOrder::kRelevance;
  if (text == "newest") return SortOrder::kNewest;
  if (text == "oldest") return SortOrder::kOldest;
  if (text == "quality") return SortOrder::kQuality;
  return Status::InvalidArgument("sort: expected relevance, newest, oldest or quality, got '" +
                                 text + "'");
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& db_path, Limits limits) {
  if (!std::filesystem::exists(db_path)) {
    return Status::NotFound(db_path + ": no database here (run `gazette index` first)");
  }
  try {
    // Read the stub before opening, so a switch in between is seen at the next Reopen.
    std::string stub = ReadStub(db_path);
    std::vector<Xapian::Database> parts;
    Xapian::Database db = OpenDatabase(db_path, &parts);
    auto searcher =
        std::make_unique<XapianSearcher>(db_path, limits, std::move(db), std::move(parts), stub);
    if (limits.parallel_above > 0) {
      std::vector<Xapian::Database> lane_parts;
      Xapian::Database lane_db = OpenDatabase(db_path, &lane_parts);
      searcher->SetLane(std::make_unique<XapianSearcher>(db_path, limits, std::move(lane_db),
                                                         std::move(lane_parts), stub));
    }
    return std::unique_ptr<Searcher>(std::move(searcher));
  } catch (const Xapian::Error& e) {
    return Status::Unavailable(db_path + ": cannot open database: " + e.get_description());
  }
}

}  // namespace gazette::query
