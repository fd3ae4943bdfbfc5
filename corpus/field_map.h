// Field mapping on import: which source field each gazette field is read from, for
// corpora laid out with other names ({"_id", "title", "text"}, CSV headers, nested
// objects).
#ifndef GAZETTE_CORPUS_FIELD_MAP_H_
#define GAZETTE_CORPUS_FIELD_MAP_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace gazette::corpus {

// The gazette fields a source field can be mapped to, and the input-format key each
// stands for: id (the hit's id), title, excerpt, body, topics, date
// (publishedDateTime), provider (provider name, or the provider object), quality, url
// (webUrl) and language.
const std::vector<std::string>& MappableFields();

// Input-format keys read without a mapping (the fields of docs/architecture.md's
// input format, plus "id").
bool IsKnownInputKey(std::string_view key);

class FieldMap {
 public:
  // Reads "id=_id,body=text,date=meta.published": gazette field = source field, a dotted
  // source naming a nested member (a literal key with dots is preferred when present).
  // InvalidArgument naming the item at fault: an unknown gazette field, a field given
  // twice, an empty source.
  static Result<FieldMap> Parse(std::string_view spec);

  // Maps `field` (one of MappableFields()) to `source`, replacing an earlier mapping of
  // it. InvalidArgument names an unknown field or an empty source.
  Status Set(const std::string& field, const std::string& source);

  bool empty() const { return sources_.empty(); }
  const std::map<std::string, std::string>& sources() const { return sources_; }

  // The input-format key a record's top-level `key` is read as: the mapped field's key
  // when `key` is a mapped source, "" when `key` is an input-format key whose field is
  // mapped to another source (it is then ignored), else `key` itself.
  std::string_view InputKeyOf(std::string_view key) const;

  // "body=text,id=_id" (sorted by field): identifies the mapping, e.g. in fingerprints.
  std::string ToString() const;

 private:
  std::map<std::string, std::string> sources_;  // gazette field -> source
};

// The input-format key a gazette field stands for ("date" -> "publishedDateTime").
// REQUIRES: `field` is one of MappableFields().
std::string_view InputKeyOfField(std::string_view field);

}  // namespace gazette::corpus

#endif  // GAZETTE_CORPUS_FIELD_MAP_H_
