// A stored document's data (Xapian::Document::set_data): the article's JSON record
// (schema.h, "Document data") as one zstd frame.
//
// Xapian compresses document data with zlib, and inflating it was most of the time a
// hit took to fetch its record. A zstd frame decodes in about a third of that time; zlib
// cannot shrink it further, so Xapian stores it as it is. Records written as JSON text
// (indexes built before records were compressed) read back unchanged.
#ifndef GAZETTE_INDEXER_STORED_DATA_H_
#define GAZETTE_INDEXER_STORED_DATA_H_

#include <string>
#include <string_view>

namespace gazette::indexer {

// `record` as the data to store.
std::string PackStoredData(std::string_view record);

// True when `data` is a compressed record (a zstd frame), false for JSON text.
bool IsPackedStoredData(std::string_view data);

// The JSON record held by stored `data`: a compressed record decoded, anything else as
// it is. A compressed record that does not decode (a damaged index) gives "".
std::string UnpackStoredData(std::string data);

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_STORED_DATA_H_
