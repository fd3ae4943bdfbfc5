// The Searcher: a thin front over the stages of a search (IndexView, QueryPlan, the
// match in one or two lanes, Assemble), with one error policy for every read.
#include <chrono>
#include <filesystem>

#include "indexer/analysis/analyzer.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"
#include "query/assemble/assemble.h"
#include "query/facets/facets.h"
#include "query/index/value_columns.h"
#include "query/plan/field_weights.h"
#include "query/plan/spelling.h"
#include "query/rank/diversity.h"
#include "query/rank/match.h"
#include "query/rank/ranking.h"
#include "query/rank/recency_auto.h"
#include "query/rank/stories.h"
#include "query/rank/two_lanes.h"
#include "query/request_rules.h"
#include "query/search.h"
#include "query/stages.h"
#include "query/suggest.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

class XapianSearcher final : public Searcher {
 public:
  XapianSearcher(Limits limits, std::unique_ptr<Reader> main, std::unique_ptr<Reader> second)
      : limits_(limits), main_(std::move(main)), second_(std::move(second)) {}

  Result<SearchResponse> Search(const SearchRequest& request, const Load& load) override {
    if (Status s = CheckSearchRequest(request, limits_); !s.ok()) return s;
    return Guarded<SearchResponse>("search", [&] { return RunSearch(request, load); });
  }

  Result<Hit> Get(const std::string& id) override {
    return Guarded<Hit>("lookup", [&]() -> Result<Hit> {
      const std::optional<Xapian::docid> docid = FindArticle(main_->view, id);
      if (!docid) return Status::NotFound("no article with id " + id);
      const std::string data =
          indexer::UnpackStoredData(main_->view.db.get_document(*docid).get_data());
      Hit hit = DecodeHit(data, {}, &main_->analyzer);
      hit.text = StoredText(data);
      return hit;
    });
  }

  Result<std::vector<Hit>> Similar(const std::string& id, int count,
                                   const Ranking& ranking) override {
    if (Status s = CheckCount("count", count, limits_.max_per_page); !s.ok()) return s;
    return Guarded<std::vector<Hit>>("similar", [&]() -> Result<std::vector<Hit>> {
      return SimilarHits(main_->view, id, count, ranking, &main_->analyzer);
    });
  }

  Result<std::vector<std::string>> Suggest(const std::string& text, int count) override {
    if (Status s = CheckQueryText(text, limits_); !s.ok()) return s;
    if (Status s = CheckCount("count", count, kMaxSuggestions); !s.ok()) return s;
    return Guarded<std::vector<std::string>>("suggest", [&] {
      return Completions(main_->view.db, text, static_cast<std::size_t>(count), &main_->analyzer);
    });
  }

  Result<bool> Reopen() override {
    return Guarded<bool>("reopen", [&] {
      const bool changed = ReopenView(&main_->view);
      ReopenSecond();
      return changed;
    });
  }

  std::uint64_t DocumentCount() override {
    auto count = Guarded<std::uint64_t>(
        "count", [&] { return std::uint64_t{main_->view.db.get_doccount()}; });
    return count.ok() ? *count : main_->view.facts.documents;
  }

  void Prepare() override {
    const IndexView& view = main_->view;
    if (!view.facts.columns) return;
    std::vector<Xapian::valueno> slots = {schema::kSlotQuality, schema::kSlotDay};
    for (const std::string& facet : FacetNames()) {
      for (Xapian::valueno slot : FacetSlots(facet, view.facts.max_topics)) slots.push_back(slot);
    }
    try {
      for (const Xapian::Database& part : view.Parts()) {
        for (Xapian::valueno slot : slots) CachedColumn(part, slot);
      }
    } catch (const Xapian::Error&) {
      // Changed meanwhile: the searches read the columns themselves.
    }
  }

 private:
  // Runs `run` under the error policy (search.h): a changed index is followed and the
  // run retried once; what fails then, or an unreachable shard, is Unavailable.
  template <typename T, typename Fn>
  Result<T> Guarded(const char* what, const Fn& run) {
    for (int attempt = 0;; ++attempt) {
      try {
        return run();
      } catch (const Xapian::NetworkError& e) {
        return Status::Unavailable(std::string("a shard is unreachable: ") + e.get_description());
      } catch (const Xapian::DatabaseCorruptError& e) {
        // Damaged files are an internal error; a read of files a rebuild replaced can
        // look alike, so the newest revision is tried once first.
        if (attempt > 0 || !Follow()) {
          return Status::Internal(std::string(what) + " failed: " + e.get_description());
        }
      } catch (const Xapian::DatabaseError& e) {
        // Modified, or its files replaced by a rebuild: read the newest revision.
        if (attempt > 0 || !Follow()) {
          return Status::Unavailable(std::string("the index changed during the ") + what +
                                     "; retry (" + e.get_description() + ")");
        }
      } catch (const Xapian::Error& e) {
        return Status::Internal(std::string(what) + " failed: " + e.get_description());
      }
    }
  }

  // Reopens the views at the newest revision; false when that fails.
  bool Follow() {
    try {
      ReopenView(&main_->view);
    } catch (const Xapian::Error&) {
      return false;
    }
    ReopenSecond();
    return true;
  }

  // The second lane's view follows lazily: UseLanes reopens it when it is behind.
  void ReopenSecond() {
    if (!second_) return;
    try {
      ReopenView(&second_->view);
    } catch (const Xapian::Error&) {
      // Searches run in one lane until it follows.
    }
  }

  SearchResponse RunSearch(const SearchRequest& asked, const Load& load) {
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t now = NowSeconds();
    // The recency weight this query gets (query/rank/recency_auto.h).
    SearchRequest request = asked;
    RecencyChoice recency;
    recency.weight = asked.ranking.recency;
    if (asked.ranking.recency_auto && asked.ranking.recency > 0) {
      recency = ChooseRecency(main_->view, Plan(*main_, asked, now), asked.ranking);
    }
    request.ranking.recency = recency.weight;
    const SearchRequest window = DiversityWindow(request);
    QueryPlan plan;  // lane 0's, for Assemble
    const LaneMatch match = [&](Reader& reader, Lane lane, PageFloor* floor) {
      QueryPlan mine = [&] {
        StageClock clock(Stage::kParse);
        QueryParser parser(&reader.analyzer, reader.view.db, reader.view.facts.languages,
                           reader.view.facts.word_pairs);
        return PlanQuery(window, &parser, &reader.analyzer, now);
      }();
      Matched matched = [&] {
        StageClock clock(Stage::kMatch);
        return MatchLane(reader.view, limits_, window, mine, lane, floor);
      }();
      if (lane.index == 0) plan = std::move(mine);
      return matched;
    };
    Matched matched = UseLanes(*main_, second_.get(), limits_, load)
                          ? MatchInLanes(main_.get(), second_.get(), window, match)
                          : match(*main_, Lane{}, nullptr);
    // "Did you mean" only when the results are poor: fewer than a page, or found only
    // once the matching relaxed the query.
    if (!plan.browsing &&
        (plan.relaxed || matched.response.total < static_cast<std::uint64_t>(request.per_page))) {
      StageClock clock(Stage::kSpelling);
      SuggestCorrection(main_->view, request, plan, &main_->analyzer, &matched.response);
    }
    if (request.ranking.max_per_provider > 0) CapProviders(main_->view, request, &matched.ranked);
    std::vector<Story> stories = StoriesOf(main_->view, plan, matched.ranked);
    SearchResponse response =
        Assemble(main_->view, request, plan, std::move(matched), &main_->analyzer);
    if (auto notice = FieldWordsNotice(main_->view.facts.field_words,
                                       main_->view.facts.some_field_words, request.ranking.fields);
        notice && !plan.browsing) {
      response.notices.push_back(*notice);
    }
    for (std::size_t i = 0; i < response.hits.size() && i < stories.size(); ++i) {
      response.hits[i].story = std::move(stories[i]);
    }
    if (request.explain) response.recency = recency;
    response.took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
  }

  QueryPlan Plan(Reader& reader, const SearchRequest& request, std::int64_t now) {
    QueryParser parser(&reader.analyzer, reader.view.db, reader.view.facts.languages,
                       reader.view.facts.word_pairs);
    return PlanQuery(request, &parser, &reader.analyzer, now);
  }

  Limits limits_;
  std::unique_ptr<Reader> main_;
  // The second lane's reader, with handles of its own (a Xapian::Database and the
  // queries built on it are used by one thread at a time); null: always one lane.
  std::unique_ptr<Reader> second_;
};

}  // namespace

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& db_path, Limits limits) {
  if (!std::filesystem::exists(db_path)) {
    return Status::NotFound(db_path + ": no database here (run `gazette index` first)");
  }
  try {
    auto main = std::make_unique<Reader>();
    main->view = OpenView(db_path);
    std::unique_ptr<Reader> second;
    if (limits.parallel_above > 0) {
      second = std::make_unique<Reader>();
      second->view = OpenView(db_path);
    }
    return std::unique_ptr<Searcher>(
        std::make_unique<XapianSearcher>(limits, std::move(main), std::move(second)));
  } catch (const Xapian::Error& e) {
    return Status::Unavailable(db_path + ": cannot open database: " + e.get_description());
  }
}

}  // namespace gazette::query
