// AlertMatcher: store -> compiled saved searches -> matches of each committed batch.
#include "alerts/alert_matcher.h"

#include <chrono>
#include <ctime>
#include <iostream>
#include <limits>
#include <optional>
#include <unordered_map>

#include "query/request_query.h"

namespace gazette::alerts {
namespace {

using indexer::CommittedDocument;

// The database saved searches are parsed against: the index, or, while a new one is
// not live yet, the batch itself.
Xapian::Database ParsingDatabase(const std::string& db_path,
                                 const std::vector<const Xapian::Document*>& batch) {
  try {
    return Xapian::Database(db_path);
  } catch (const Xapian::Error&) {
    Xapian::WritableDatabase memory(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const Xapian::Document* doc : batch) memory.add_document(*doc);
    return memory;
  }
}

}  // namespace

AlertMatcher::AlertMatcher(std::string db_path, Store* store)
    : db_path_(std::move(db_path)), store_(store) {
  ahead_ = std::async(std::launch::async, [this]() -> std::optional<Result<Compiled>> {
    std::optional<Xapian::Database> db;
    try {
      db.emplace(db_path_);
    } catch (const Xapian::Error&) {
      return std::nullopt;  // a new index: its first batch is parsed against
    }
    return Compile(*db);
  });
}

AlertMatcher::~AlertMatcher() {
  if (ahead_.valid()) ahead_.wait();
}

Result<AlertMatcher::Compiled> AlertMatcher::Compile(const Xapian::Database& db) const {
  const auto start = std::chrono::steady_clock::now();
  Compiled compiled;
  auto version = store_->SearchesVersion();
  if (!version.ok()) return version.status();
  compiled.version = *version;
  auto searches = store_->List();
  if (!searches.ok()) return searches.status();
  try {
    compiled.context = query::RequestQueries::Context(db);
    query::RequestQueries parse(db);
    std::vector<Xapian::Query> queries;
    // Saved searches with the same parameters (many people follow the same name) are
    // parsed and matched once.
    std::unordered_map<std::string, std::size_t> query_of;
    for (const SavedSearch& search : *searches) {
      auto [it, fresh] = query_of.try_emplace(ParamsJson(search.request).dump(), queries.size());
      if (fresh) {
        auto query = parse.Of(search.request);
        if (!query.ok()) {
          std::cerr << "gazette: saved search " << search.id << " (" << search.name
                    << ") skipped: " << query.status().message() << "\n";
          query_of.erase(it);
          continue;
        }
        queries.push_back(std::move(*query));
        compiled.ids.emplace_back();
      }
      compiled.ids[it->second].push_back(search.id);
      ++compiled.searches;
      if (!search.webhook.empty()) compiled.hooked.insert(search.id);
    }
    // Anchors weigh the same terms many times over.
    std::unordered_map<std::string, double> frequencies;
    compiled.percolator =
        std::make_unique<Percolator>(queries, [&db, &frequencies](const std::string& term) {
          auto [it, fresh] = frequencies.try_emplace(term, 0.0);
          if (fresh) it->second = static_cast<double>(db.get_termfreq(term));
          return it->second;
        });
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("saved searches: cannot read the index to parse them: " +
                               e.get_msg());
  }
  compiled.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return compiled;
}

Status AlertMatcher::Refresh(const std::vector<const Xapian::Document*>& batch) {
  if (ahead_.valid()) {
    std::optional<Result<Compiled>> ahead = ahead_.get();
    if (ahead && ahead->ok()) {
      totals_.compile_seconds += (*ahead)->seconds;
      compiled_ = std::move(**ahead);
    }
  }
  auto version = store_->SearchesVersion();
  if (!version.ok()) return version.status();
  if (compiled_.percolator && compiled_.version == *version) {
    try {
      const Xapian::Database db(db_path_);
      if (query::RequestQueries::Context(db) == compiled_.context) return Status::Ok();
    } catch (const Xapian::Error&) {
      return Status::Ok();  // no index to compare with (a new one, not live yet)
    }
  }
  auto compiled = Compile(ParsingDatabase(db_path_, batch));
  if (!compiled.ok()) return compiled.status();
  totals_.compile_seconds += compiled->seconds;
  compiled_ = std::move(*compiled);
  return Status::Ok();
}

std::vector<AlertMatcher::PartMatch> AlertMatcher::MatchPart(
    const std::vector<const Xapian::Document*>& batch, std::size_t begin, std::size_t end) const {
  const std::vector<const Xapian::Document*> part(batch.begin() + begin, batch.begin() + end);
  std::vector<PartMatch> found;
  std::size_t entry_of = part.size();
  bool readable = false;  // the document's data is a record this version wrote
  for (const auto& [search, doc] : compiled_.percolator->Match(part)) {
    PartMatch m;
    m.search = static_cast<std::uint32_t>(search);
    m.doc = static_cast<std::uint32_t>(begin + doc);
    if (entry_of != doc) {
      // The entry travels with its document's first match.
      entry_of = doc;
      auto article = ArticleFromDocumentData(part[doc]->get_data());
      readable = article.ok();
      if (readable) m.entry = std::move(*article);
    }
    if (readable) found.push_back(std::move(m));
  }
  return found;
}

void AlertMatcher::OnCommit(const std::vector<CommittedDocument>& documents) {
  const auto start = std::chrono::steady_clock::now();
  const auto since_start = [&start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const Xapian::Document*> batch;
  std::vector<const CommittedDocument*> committed;
  for (const CommittedDocument& d : documents) {
    if (d.change == CommittedDocument::Change::kDeleted || d.document == nullptr) continue;
    batch.push_back(d.document);
    committed.push_back(&d);
  }
  if (batch.empty() || !status_.ok()) return;
  Status s = Refresh(batch);
  totals_.wait_seconds += since_start();
  std::size_t matches = 0;
  if (s.ok() && !compiled_.ids.empty()) {
    totals_.searches = compiled_.searches;
    totals_.unanchored = compiled_.percolator->unanchored();
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    // Two halves of a large batch are matched at once, each with its matched entries.
    const std::size_t half = batch.size() >= kSplitBatchesOf ? batch.size() / 2 : batch.size();
    auto second = std::async(half < batch.size() ? std::launch::async : std::launch::deferred,
                             [&] { return MatchPart(batch, half, batch.size()); });
    std::vector<PartMatch> found = MatchPart(batch, 0, half);
    for (PartMatch& m : second.get()) found.push_back(std::move(m));
    totals_.match_seconds += since_start();
    Recording recording;
    recording.searches_version = compiled_.version;
    recording.hooked = compiled_.hooked;
    recording.matches.reserve(found.size());
    std::uint32_t last_doc = std::numeric_limits<std::uint32_t>::max();
    for (PartMatch& m : found) {
      if (m.doc != last_doc) {
        const bool added = committed[m.doc]->change == CommittedDocument::Change::kAdded;
        if (m.entry.id.empty()) m.entry.id = committed[m.doc]->id;
        recording.articles.push_back({std::move(m.entry), added ? "added" : "updated", now});
        last_doc = m.doc;
      }
      for (const std::string& id : compiled_.ids[m.search]) {
        recording.matches.emplace_back(id,
                                       static_cast<std::uint32_t>(recording.articles.size() - 1));
      }
    }
    matches = recording.matches.size();
    s = store_->Record(recording);
  }
  if (!s.ok()) status_ = s;
  totals_.documents += batch.size();
  totals_.matches += matches;
  totals_.seconds += since_start();
}

AlertMatcher::Totals AlertMatcher::totals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return totals_;
}

Status AlertMatcher::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

}  // namespace gazette::alerts
