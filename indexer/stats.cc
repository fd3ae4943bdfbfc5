// ReadStats: facts about a database for `gazette stats`.
#include <filesystem>

#include "indexer/indexer.h"
#include "indexer/layout.h"
#include "indexer/schema.h"

namespace gazette::indexer {
namespace {

std::uint64_t DirectorySize(const std::string& path) {
  std::error_code ec;
  std::uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

std::string DayToIso(const std::string& day) {
  if (day.size() != 8) return {};
  return day.substr(0, 4) + "-" + day.substr(4, 2) + "-" + day.substr(6, 2);
}

}  // namespace

Result<DatabaseStats> ReadStats(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) {
    return Status::NotFound(db_path + ": no database here (run `gazette index` first)");
  }
  try {
    Xapian::Database db(db_path);
    DatabaseStats stats;
    stats.documents = db.get_doccount();
    stats.average_length = db.get_avlength();
    auto layout = ReadLayout(db_path);
    if (layout.ok()) {
      stats.shards = static_cast<int>(layout->shards.size());
      stats.generation = layout->generation;
      // Revisions are per shard: "12" for one, "12,9" for two.
      for (const auto& shard : layout->shards) {
        stats.size_bytes += DirectorySize(shard);
        if (!stats.revision.empty()) stats.revision += ",";
        stats.revision += std::to_string(Xapian::Database(shard).get_revision());
      }
    }
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++stats.terms;
    const std::string col_prefix = schema::kPrefixCollection;
    for (auto t = db.allterms_begin(col_prefix); t != db.allterms_end(col_prefix); ++t) {
      stats.collections.emplace_back((*t).substr(col_prefix.size()), t.get_termfreq());
    }
    if (stats.documents > 0) {
      stats.oldest = DayToIso(db.get_value_lower_bound(schema::kSlotDay));
      stats.newest = DayToIso(db.get_value_upper_bound(schema::kSlotDay));
    }
    return stats;
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::Unavailable(db_path + ": cannot open database: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IoError(db_path + ": " + e.get_description());
  }
}

}  // namespace gazette::indexer
