// The byte encodings of the store's blobs (private to alerts/): integers as 8
// little-endian bytes, lists of article keys, and length-prefixed texts.
#ifndef GAZETTE_ALERTS_STORE_KEYS_H_
#define GAZETTE_ALERTS_STORE_KEYS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace gazette::alerts {

inline void PutInt64(std::string* bytes, std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  for (int b = 0; b < 8; ++b) bytes->push_back(static_cast<char>((bits >> (8 * b)) & 0xFF));
}

inline std::int64_t GetInt64(const std::string& bytes, std::size_t at) {
  std::uint64_t bits = 0;
  for (int b = 0; b < 8; ++b) {
    bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + b])) << (8 * b);
  }
  return static_cast<std::int64_t>(bits);
}

inline std::string PackKeys(const std::vector<std::int64_t>& keys) {
  std::string bytes;
  bytes.reserve(keys.size() * 8);
  for (std::int64_t key : keys) PutInt64(&bytes, key);
  return bytes;
}

inline std::vector<std::int64_t> UnpackKeys(const std::string& bytes) {
  std::vector<std::int64_t> keys;
  keys.reserve(bytes.size() / 8);
  for (std::size_t at = 0; at + 8 <= bytes.size(); at += 8) keys.push_back(GetInt64(bytes, at));
  return keys;
}

inline void PutText(std::string* bytes, const std::string& text) {
  PutInt64(bytes, static_cast<std::int64_t>(text.size()));
  *bytes += text;
}

// Reads an integer at *at and moves past it; false when `bytes` end first.
inline bool GetCount(const std::string& bytes, std::size_t* at, std::size_t* count) {
  if (*at + 8 > bytes.size()) return false;
  *count = static_cast<std::size_t>(GetInt64(bytes, *at));
  *at += 8;
  return true;
}

// Reads a text PutText wrote at *at and moves past it; false when `bytes` end first.
inline bool GetText(const std::string& bytes, std::size_t* at, std::string* text) {
  std::size_t size = 0;
  if (!GetCount(bytes, at, &size) || size > bytes.size() - *at) return false;
  text->assign(bytes, *at, size);
  *at += size;
  return true;
}

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_STORE_KEYS_H_
