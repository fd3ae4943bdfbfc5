// AlertMatcher: store -> compiled saved searches -> matches of each committed batch.
#include "alerts/alert_matcher.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <limits>
#include <optional>
#include <unordered_map>

#include "alerts/store_keys.h"
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

// The name of the compiled searches' kept form in the store.
constexpr char kCompiledBlob[] = "compiled searches";

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
  try {
    compiled.context = query::RequestQueries::Context(db);
    // What the compiled form is made from: a later build may parse differently.
    const std::string from = std::string(kCompiledFormat) + " " + GAZETTE_VERSION + " " +
                             std::to_string(compiled.version) + " " + compiled.context;
    std::vector<Xapian::Query> queries;
    std::vector<std::string> params;  // each query's request, as ParamsJson
    auto kept = store_->GetBlob(kCompiledBlob);
    if (!kept.ok() || !Decode(*kept, from, &queries, &params, &compiled) ||
        !SameParsing(db, queries, params)) {
      queries.clear();
      params.clear();
      compiled.ids.clear();
      compiled.hooked.clear();
      compiled.searches = 0;
      if (Status s = Parse(db, &queries, &params, &compiled); !s.ok()) return s;
      if (auto bytes = Encode(from, queries, params, compiled)) {
        store_->PutBlob(kCompiledBlob, *bytes);
      }
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

Status AlertMatcher::Parse(const Xapian::Database& db, std::vector<Xapian::Query>* queries,
                           std::vector<std::string>* params, Compiled* compiled) const {
  auto searches = store_->List();
  if (!searches.ok()) return searches.status();
  query::RequestQueries parse(db);
  // Saved searches with the same parameters (many people follow the same name) are
  // parsed and matched once.
  std::unordered_map<std::string, std::size_t> query_of;
  for (const SavedSearch& search : *searches) {
    std::string text = ParamsJson(search.request).dump();
    auto [it, fresh] = query_of.try_emplace(text, queries->size());
    if (fresh) {
      auto query = parse.Of(search.request);
      if (!query.ok()) {
        std::cerr << "gazette: saved search " << search.id << " (" << search.name
                  << ") skipped: " << query.status().message() << "\n";
        query_of.erase(it);
        continue;
      }
      queries->push_back(std::move(*query));
      params->push_back(std::move(text));
      compiled->ids.emplace_back();
    }
    compiled->ids[it->second].push_back(search.id);
    ++compiled->searches;
    if (!search.webhook.empty()) compiled->hooked.insert(search.id);
  }
  return Status::Ok();
}

bool AlertMatcher::SameParsing(const Xapian::Database& db,
                               const std::vector<Xapian::Query>& queries,
                               const std::vector<std::string>& params) {
  if (queries.empty()) return true;
  query::RequestQueries parse(db);
  const std::size_t step = std::max<std::size_t>(1, queries.size() / kRecheckedQueries);
  for (std::size_t q = 0; q < queries.size(); q += step) {
    auto request = RequestFromParams(nlohmann::json::parse(params[q], nullptr, false));
    if (!request.ok()) return false;
    auto query = parse.Of(*request);
    if (!query.ok() || query->serialise() != queries[q].serialise()) return false;
  }
  return true;
}

std::optional<std::string> AlertMatcher::Encode(const std::string& from,
                                                const std::vector<Xapian::Query>& queries,
                                                const std::vector<std::string>& params,
                                                const Compiled& compiled) {
  std::string bytes;
  PutText(&bytes, from);
  PutInt64(&bytes, static_cast<std::int64_t>(compiled.searches));
  try {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      PutText(&bytes, queries[q].serialise());
      PutText(&bytes, params[q]);
      PutInt64(&bytes, static_cast<std::int64_t>(compiled.ids[q].size()));
      for (const std::string& id : compiled.ids[q]) {
        PutText(&bytes, id);
        bytes.push_back(compiled.hooked.count(id) != 0 ? '1' : '0');
      }
    }
  } catch (const Xapian::Error&) {
    return std::nullopt;  // a query Xapian cannot serialise: compiled again each time
  }
  return bytes;
}

bool AlertMatcher::Decode(const std::string& bytes, const std::string& from,
                          std::vector<Xapian::Query>* queries, std::vector<std::string>* params,
                          Compiled* compiled) {
  std::size_t at = 0;
  std::string text;
  std::size_t searches = 0;
  if (!GetText(bytes, &at, &text) || text != from || !GetCount(bytes, &at, &searches)) {
    return false;
  }
  try {
    while (at < bytes.size()) {
      std::size_t count = 0;
      if (!GetText(bytes, &at, &text)) return false;
      queries->push_back(Xapian::Query::unserialise(text));
      if (!GetText(bytes, &at, &text) || !GetCount(bytes, &at, &count)) return false;
      params->push_back(text);
      auto& ids = compiled->ids.emplace_back();
      for (std::size_t i = 0; i < count; ++i) {
        if (!GetText(bytes, &at, &text) || at >= bytes.size()) return false;
        if (bytes[at++] == '1') compiled->hooked.insert(text);
        ids.push_back(std::move(text));
        ++compiled->searches;
      }
    }
  } catch (const Xapian::Error&) {
    return false;
  }
  return compiled->searches == searches;  // else cut short
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

AlertMatcher::Part AlertMatcher::MatchPart(const std::vector<const Xapian::Document*>& batch,
                                           const std::vector<const CommittedDocument*>& committed,
                                           std::size_t begin, std::size_t end,
                                           std::int64_t now) const {
  const std::vector<const Xapian::Document*> docs(batch.begin() + begin, batch.begin() + end);
  Part part;
  std::size_t entry_of = docs.size();
  bool readable = false;  // the document's data is a record this version wrote
  for (const auto& [query, doc] : compiled_.percolator->Match(docs)) {
    if (entry_of != doc) {
      entry_of = doc;
      auto article = ArticleFromDocumentData(docs[doc]->get_data());
      readable = article.ok();
      if (!readable) continue;
      const CommittedDocument& c = *committed[begin + doc];
      if (article->id.empty()) article->id = c.id;
      Recording::Article& a = part.articles.emplace_back();
      a.entry = std::move(*article);
      a.change = c.change == CommittedDocument::Change::kAdded ? "added" : "updated";
      a.matched_at = now;
      a.entry_json = EntryJson(a.entry);
    }
    if (readable) {
      part.matches.emplace_back(static_cast<std::uint32_t>(query),
                                static_cast<std::uint32_t>(part.articles.size() - 1));
    }
  }
  return part;
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
    // Two halves of a large batch are matched at once, each with its matched entries,
    // when its documents were built in memory: those read from a database (a rebuild's)
    // share its handle, which two threads may not use.
    const bool in_memory = std::all_of(
        batch.begin(), batch.end(), [](const Xapian::Document* d) { return d->get_docid() == 0; });
    const std::size_t half =
        in_memory && batch.size() >= kSplitBatchesOf ? batch.size() / 2 : batch.size();
    auto second = std::async(half < batch.size() ? std::launch::async : std::launch::deferred,
                             [&] { return MatchPart(batch, committed, half, batch.size(), now); });
    Part first = MatchPart(batch, committed, 0, half, now);
    Part other = second.get();
    totals_.match_seconds += since_start();
    Recording recording;
    recording.searches_version = compiled_.version;
    recording.hooked = compiled_.hooked;
    recording.articles = std::move(first.articles);
    const auto offset = static_cast<std::uint32_t>(recording.articles.size());
    for (Recording::Article& a : other.articles) recording.articles.push_back(std::move(a));
    for (auto& [query, article] : other.matches) article += offset;
    for (const Part* part : {&first, &other}) {
      for (const auto& [query, article] : part->matches) {
        for (const std::string& id : compiled_.ids[query]) {
          recording.matches.emplace_back(id, article);
        }
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
