// ReadStories: every article's story label, for evaluations (indexer/indexer.h).
#include <xapian.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"

namespace gazette::indexer {

Result<std::vector<StoryMember>> ReadStories(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return Status::NotFound(db_path + ": no database here");
  std::vector<StoryMember> out;
  try {
    Xapian::Database db(db_path);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      const Xapian::Document doc = db.get_document(*p);
      StoryMember m;
      Xapian::TermIterator t = doc.termlist_begin();
      t.skip_to(schema::kPrefixId);
      if (t != doc.termlist_end() && (*t).rfind(schema::kPrefixId, 0) == 0) {
        m.id = (*t).substr(std::strlen(schema::kPrefixId));
      }
      m.story = doc.get_value(schema::kSlotStory);
      const auto data = nlohmann::json::parse(UnpackStoredData(doc.get_data()), nullptr, false);
      if (data.is_object() && data.contains(schema::kDataTitle) &&
          data[schema::kDataTitle].is_string()) {
        m.title = data[schema::kDataTitle].get<std::string>();
      }
      out.push_back(std::move(m));
    }
    std::unordered_map<std::string, int> size;
    for (const StoryMember& m : out) ++size[m.story];
    for (StoryMember& m : out) m.shared = size[m.story] > 1;
  } catch (const Xapian::Error& e) {
    return Status::Unavailable(db_path + ": cannot read: " + e.get_description());
  }
  return out;
}

}  // namespace gazette::indexer
