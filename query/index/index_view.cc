// Opening a database, following its revisions, and the facts of each revision.
#include "query/index/index_view.h"

#include <cstdlib>

#include "base/stub.h"
#include "indexer/schema.h"
#include "query/index/value_columns.h"
#include "query/plan/term_expansion.h"

namespace gazette::query {
namespace {

namespace schema = indexer::schema;

// Value columns are read for a match expected to hold at least one article in
// kColumnReadShare (UseColumns).
constexpr double kColumnReadShare = 64;

// The stub at `path` as read now; empty (so Xapian reports the problem when opening)
// when nothing readable is there.
Stub CurrentStub(const std::string& path) {
  auto stub = ReadStub(path);
  return stub.ok() ? std::move(*stub) : Stub();
}

// Opens the database `stub` describes at `path`. A stub of several local shards is
// opened shard by shard, and `parts` gets each shard (sharing the combined database's
// state, so they reopen with it); otherwise Xapian reads the path and `parts` stays
// empty.
Xapian::Database OpenDatabase(const std::string& path, const Stub& stub,
                              std::vector<Xapian::Database>* parts) {
  parts->clear();
  if (stub.other_line != 0 || stub.shards.size() < 2) return Xapian::Database(path);
  Xapian::Database all;
  for (const std::string& shard : stub.shards) {
    parts->emplace_back(shard);
    all.add_database(parts->back());
  }
  return all;
}

// Value columns need the document ids of local shards: each part of a stub of several,
// or the database itself when it is one shard with a revision (remote shards have
// none).
bool WarmAllColumns(const IndexView& view) {
  try {
    if (view.parts.empty() && view.db.size() == 1) view.db.get_revision();
    if (view.parts.empty() && view.db.size() != 1) return false;
    for (const Xapian::Database& part : view.Parts()) WarmColumns(part);
    return true;
  } catch (const Xapian::Error&) {
    // Remote, or changed meanwhile: counted with spies, or read at the next count.
    return false;
  }
}

// Whether `db` holds any term that starts with `prefix`.
bool HoldsPrefix(const Xapian::Database& db, const char* prefix) {
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace

std::vector<Xapian::Database> IndexView::Parts() const {
  return parts.empty() ? std::vector<Xapian::Database>{db} : parts;
}

IndexView OpenView(const std::string& path) {
  IndexView view;
  view.path = path;
  // The shards opened are the ones the stub text names, so a switch after this read is
  // seen at the next reopen.
  const Stub stub = CurrentStub(path);
  view.stub = stub.text;
  view.db = OpenDatabase(path, stub, &view.parts);
  ReadFacts(&view);
  return view;
}

void ReadFacts(IndexView* view) {
  IndexFacts& f = view->facts;
  const Xapian::Database& db = view->db;
  f.days = PublicationDays(db);
  f.bands = QualityBands(db);
  f.has_samples =
      db.term_exists(std::string(schema::kPrefixSample) + std::to_string(schema::kSampleLevels[0]));
  f.languages = IndexLanguages(db);
  f.word_pairs = IndexHasWordPairs(db);
  // Each local shard's record; remote shards are one database, whose metadata is its
  // first shard's.
  f.field_words = true;
  f.some_field_words = false;
  for (const Xapian::Database& part : view->Parts()) {
    if (part.get_doccount() == 0) continue;
    const bool marked = HoldsPrefix(part, schema::kPrefixTopicWord) ||
                        HoldsPrefix(part, schema::kPrefixExcerptWord);
    f.field_words = f.field_words && marked;
    f.some_field_words = f.some_field_words || marked;
  }
  f.columns = WarmAllColumns(*view);
  f.documents = db.get_doccount();
  // Topic slots in use, from value statistics: these add up over shards, where
  // metadata would come from the first shard only.
  f.max_topics = 0;
  for (int i = 0; i < schema::kMaxTopicSlots; ++i) {
    if (db.get_value_freq(schema::kSlotTopicFirst + static_cast<Xapian::valueno>(i)) > 0) {
      f.max_topics = i + 1;
    }
  }
}

bool ReopenView(IndexView* view) {
  // A rebuild or rollback switches the stub to other databases: open those.
  const Stub stub = CurrentStub(view->path);
  if (stub.text != view->stub) {
    view->db = OpenDatabase(view->path, stub, &view->parts);
    view->stub = stub.text;
    ReadFacts(view);
    return true;
  }
  const bool changed = view->db.reopen();
  if (changed) ReadFacts(view);
  return changed;
}

bool SameRevision(const IndexView& a, const IndexView& b) {
  if (a.stub != b.stub) return false;
  const std::vector<Xapian::Database> mine = a.Parts(), theirs = b.Parts();
  if (mine.size() != theirs.size()) return false;
  for (std::size_t i = 0; i < mine.size(); ++i) {
    if (mine[i].get_revision() != theirs[i].get_revision()) return false;
  }
  return true;
}

bool UseColumns(const IndexView& view, double estimated,
                const std::vector<Xapian::valueno>& slots) {
  if (!view.facts.columns) return false;
  bool cached = true;
  for (const Xapian::Database& part : view.Parts()) {
    for (Xapian::valueno slot : slots) cached = HasColumn(part, slot) && cached;
  }
  return cached || estimated * kColumnReadShare >= view.db.get_doccount();
}

Xapian::MSet Statistics(const IndexView& view, const Xapian::Query& query) {
  Xapian::Enquire probe(view.db);
  probe.set_query(query);
  return probe.get_mset(0, 0);
}

Xapian::MSet Statistics(const IndexView& view, const Xapian::Query& query,
                        const Xapian::Weight& weight) {
  Xapian::Enquire probe(view.db);
  probe.set_query(query);
  probe.set_weighting_scheme(weight);
  return probe.get_mset(0, 0);
}

}  // namespace gazette::query
