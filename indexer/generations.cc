// Whole-database operations: activate, discard and roll back generations; drop a
// collection.
#include "indexer/document.h"
#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/schema.h"

namespace gazette::indexer {

Status ActivateGeneration(const std::string& db_path, int generation) {
  auto lock = WriterLock::Acquire(db_path);
  if (!lock.ok()) return lock.status();
  auto layout = ReadLayout(GenerationStub(db_path, generation));
  if (!layout.ok()) return layout.status();
  layout->path = db_path;
  layout->generation = generation;
  return Activate(*layout);
}

void DiscardGeneration(const std::string& db_path, int generation) {
  // Without the lock, the generation may be another writer's: leave it for the next
  // writer's clean-up.
  auto lock = WriterLock::Acquire(db_path);
  if (!lock.ok() || IsComplete(db_path, generation)) return;
  Layout layout;
  layout.path = db_path;
  layout.generation = generation;
  Discard(layout);
}

Result<int> RollbackGeneration(const std::string& db_path) {
  auto lock = WriterLock::Acquire(db_path);
  if (!lock.ok()) return lock.status();
  RemoveIncomplete(db_path);
  auto layout = Rollback(db_path);
  if (!layout.ok()) return layout.status();
  return layout->generation;
}

Result<std::uint64_t> DropCollection(const std::string& db_path, const std::string& collection) {
  auto lock = WriterLock::Acquire(db_path);
  if (!lock.ok()) return lock.status();
  auto layout = ReadLayout(db_path);
  if (!layout.ok()) return layout.status();
  std::uint64_t dropped = 0;
  try {
    Analyzer analyzer;
    const std::string term = BooleanTerm(schema::kPrefixCollection, collection, &analyzer);
    for (const std::string& shard : layout->shards) {
      Xapian::WritableDatabase db(shard, Xapian::DB_OPEN);
      dropped += db.get_termfreq(term);
      db.delete_document(term);
      db.commit();
    }
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Unavailable(db_path + ": database is locked by another writer");
  } catch (const Xapian::Error& e) {
    return Status::IoError(db_path + ": " + e.get_description());
  }
  return dropped;
}

}  // namespace gazette::indexer
