// The fields a hit shows, decoded from a stored document's JSON record (private to
// query/): simdjson's validating parser, reading only those fields, with
// nlohmann::json's full parse as the reference and the fallback.
#ifndef GAZETTE_QUERY_ASSEMBLE_STORED_FIELDS_H_
#define GAZETTE_QUERY_ASSEMBLE_STORED_FIELDS_H_

#include <string>
#include <string_view>

#include "query/search.h"

namespace gazette::query {

// What a hit shows of a stored record: the hit's fields (without score, marked title
// and snippet) and the stored body text.
struct StoredFields {
  Hit hit;
  std::string text;
};

// The fields of `data` read by simdjson, without building nlohmann::json's tree. False
// when the record is not one this reader decodes exactly as ParseStoredFields does
// (invalid JSON, a fraction, exponent or out-of-range number where an integer is read,
// nesting deeper than simdjson's bound); *out is then unspecified.
bool ReadStoredFields(std::string_view data, StoredFields* out);

// The fields of `data` from a full parse; a record that is not a JSON object gives
// empty fields.
StoredFields ParseStoredFields(const std::string& data);

// ReadStoredFields, else ParseStoredFields.
StoredFields DecodeStoredFields(const std::string& data);

}  // namespace gazette::query

#endif  // GAZETTE_QUERY_ASSEMBLE_STORED_FIELDS_H_
