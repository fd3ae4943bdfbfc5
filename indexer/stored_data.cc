#include "indexer/stored_data.h"

#include <endian.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace gazette::indexer {
namespace {

// zstd's fastest level: its frames of a news record are about as small as zlib's
// default ones (3% larger on generated articles).
constexpr int kLevel = 1;
// A record holds at most schema::kStoredTextBytes of text plus its fields; a frame that
// claims more than this is damaged, and is not given the memory it asks for.
constexpr unsigned long long kMaxRecordBytes = 64ull << 20;

struct FreeCompressor {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct FreeDecompressor {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

std::string PackStoredData(std::string_view record) {
  thread_local const std::unique_ptr<ZSTD_CCtx, FreeCompressor> context = [] {
    std::unique_ptr<ZSTD_CCtx, FreeCompressor> c(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, kLevel);
    // A checksum of the record: a damaged frame reads as empty, never as other text.
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
    return c;
  }();
  std::string out(ZSTD_compressBound(record.size()), '\0');
  const std::size_t size =
      ZSTD_compress2(context.get(), out.data(), out.size(), record.data(), record.size());
  // Only a context that could not be allocated fails here; JSON text still reads back.
  if (ZSTD_isError(size)) return std::string(record);
  out.resize(size);
  return out;
}

bool IsPackedStoredData(std::string_view data) {
  if (data.size() < sizeof(std::uint32_t)) return false;
  std::uint32_t magic = 0;
  std::memcpy(&magic, data.data(), sizeof magic);
  return le32toh(magic) == ZSTD_MAGICNUMBER;
}

std::string UnpackStoredData(std::string data) {
  if (!IsPackedStoredData(data)) return data;
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxRecordBytes) {
    return {};
  }
  thread_local const std::unique_ptr<ZSTD_DCtx, FreeDecompressor> context(ZSTD_createDCtx());
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t got =
      ZSTD_decompressDCtx(context.get(), out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(got) || got != out.size()) return {};
  return out;
}

}  // namespace gazette::indexer
