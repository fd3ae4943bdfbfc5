// AlertMatcher: store -> compiled saved searches -> matches of each committed batch.
#include "alerts/alert_matcher.h"

#include <chrono>
#include <ctime>
#include <iostream>
#include <optional>

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
    : db_path_(std::move(db_path)), store_(store) {}

AlertMatcher::~AlertMatcher() = default;

Status AlertMatcher::Refresh(const std::vector<const Xapian::Document*>& batch) {
  auto version = store_->SearchesVersion();
  if (!version.ok()) return version.status();
  if (percolator_ && *version == version_) return Status::Ok();
  const auto start = std::chrono::steady_clock::now();
  auto searches = store_->List();
  if (!searches.ok()) return searches.status();
  Xapian::Database db = ParsingDatabase(db_path_, batch);
  query::RequestQueries parse(db);
  std::vector<Xapian::Query> queries;
  ids_.clear();
  for (const SavedSearch& search : *searches) {
    auto query = parse.Of(search.request);
    if (!query.ok()) {
      std::cerr << "gazette: saved search " << search.id << " (" << search.name
                << ") skipped: " << query.status().message() << "\n";
      continue;
    }
    queries.push_back(std::move(*query));
    ids_.push_back(search.id);
  }
  percolator_ = std::make_unique<Percolator>(queries, [&db](const std::string& term) {
    return static_cast<double>(db.get_termfreq(term));
  });
  version_ = *version;
  totals_.searches = ids_.size();
  totals_.unanchored = percolator_->unanchored();
  totals_.compile_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

void AlertMatcher::OnCommit(const std::vector<CommittedDocument>& documents) {
  const auto start = std::chrono::steady_clock::now();
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
  std::vector<Match> matches;
  if (s.ok() && !ids_.empty()) {
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    const auto pairs = percolator_->Match(batch);
    totals_.match_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Each matched document's entry is read once, whatever number of searches it matched.
    std::vector<std::optional<ArticleEntry>> entries(batch.size());
    for (const auto& [search, doc] : pairs) {
      if (!entries[doc]) {
        auto article = ArticleFromDocumentData(batch[doc]->get_data());
        if (!article.ok()) continue;
        entries[doc] = std::move(*article);
        if (entries[doc]->id.empty()) entries[doc]->id = committed[doc]->id;
      }
      Match match;
      match.search_id = ids_[search];
      match.change =
          committed[doc]->change == CommittedDocument::Change::kAdded ? "added" : "updated";
      match.matched_at = now;
      match.article = *entries[doc];
      matches.push_back(std::move(match));
    }
    s = store_->Record(matches);
  }
  if (!s.ok()) status_ = s;
  totals_.documents += batch.size();
  totals_.matches += matches.size();
  totals_.seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
