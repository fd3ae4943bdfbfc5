// The index schema: every term prefix, value slot and stored field, named once.
//
// Term prefixes follow Xapian's conventions (Q id, S title, K keyword, H host, L
// language, D/M/Y dates) with X-prefixes for gazette's own. Boolean terms carry
// case-folded values; free-text terms are the Analyzer's stems. docs/architecture.md
// has the same table for people.
#ifndef GAZETTE_INDEXER_SCHEMA_H_
#define GAZETTE_INDEXER_SCHEMA_H_

#include <xapian.h>

#include <cstdint>

namespace gazette::indexer::schema {

// Bumped whenever analysis or document layout changes: the incremental indexer then
// re-analyses every article instead of trusting content hashes.
inline constexpr int kSchemaVersion = 6;

// --- Term prefixes -------------------------------------------------------------
// Free text (diacritic-folded, stemmed, positional). Unprefixed terms hold every text
// field; the stemmer is the article's language's (docs/languages.md).
inline constexpr char kPrefixTitle[] = "S";  // title words: title:
// A word of the topics / of the excerpt, as its unprefixed term: "XKcocoa"; frequent
// words (analysis/word_pairs.h) are left out. Boolean (wdf 0, no positions), so it
// changes neither the document's length nor any score; field weights boost the text
// score of the query's words that are also topic or excerpt words
// (query/plan/field_weights.h). Written only with index.field_words
// (DocumentOptions::field_words), since schema 6.
inline constexpr char kPrefixTopicWord[] = "XK";
inline constexpr char kPrefixExcerptWord[] = "XA";
// Unstemmed word as written (case-folded) when diacritic folding changed it:
// "XEzürich". No positions; lets exact forms rank first.
inline constexpr char kPrefixExact[] = "XE";
// Character bigram of a CJK run: "XB東京". Positional (own position sequence per
// field, a gap between runs), so a bigram phrase finds any substring of 2+ characters.
inline constexpr char kPrefixBigram[] = "XB";
// Two adjacent free-text terms that are both frequent words (indexer/analysis/word_pairs.h):
// "XWof the". No positions, no within-document frequency; phrases of frequent words
// are filtered by their pairs (since schema 4).
inline constexpr char kPrefixWordPair[] = "XW";
inline constexpr int kWordPairsSince = 4;
// Boolean (exact, case-folded, no positions).
inline constexpr char kPrefixId[] = "Q";             // canonical id (URL or collection:path)
inline constexpr char kPrefixTopic[] = "K";          // whole topic: "Kmachine learning"
inline constexpr char kPrefixProvider[] = "XP";      // provider name
inline constexpr char kPrefixSite[] = "H";           // provider domain: site:
inline constexpr char kPrefixCategory[] = "XCAT";    // category:
inline constexpr char kPrefixType[] = "XTYPE";       // type:
inline constexpr char kPrefixLanguage[] = "L";       // lang:
inline constexpr char kPrefixCollection[] = "XCOL";  // collection the article came from
inline constexpr char kPrefixPublished[] = "XPUB";   // "XPUBtrue" / "XPUBfalse"
inline constexpr char kPrefixDay[] = "D";            // D20220912 (UTC)
inline constexpr char kPrefixMonth[] = "M";          // M202209
inline constexpr char kPrefixYear[] = "Y";           // Y2022
// Quality band: "XQ0".."XQ9" for quality 0-9 .. 90-100, "XQn" without a quality. Lets
// the ranking visit the articles with the largest quality and recency bounds first.
inline constexpr char kPrefixQualityBand[] = "XQ";
// Uniform sample: "XS<l>" on the articles whose sample hash has its top l bits zero,
// for l in kSampleLevels (one in 4, 16, 64, ...). Facets of large result sets are
// counted on a sample.
inline constexpr char kPrefixSample[] = "XS";
inline constexpr int kSampleLevels[] = {2, 4, 6, 8, 10, 12};
// Story band: a MinHash band of the words of the title and lead, "XSB" + band letter +
// 8 hex digits (indexer/story.h). Articles sharing one are near-duplicate candidates.
inline constexpr char kPrefixStoryBand[] = "XSB";
inline constexpr std::uint64_t kSampleHashSeed = 0x6761'7a65'7474'65ULL;

// --- Value slots -----------------------------------------------------------------
enum Slot : Xapian::valueno {
  kSlotPublished = 0,    // sortable_serialise(seconds since epoch, UTC)
  kSlotQuality = 1,      // sortable_serialise(quality 0..100); absent = unknown
  kSlotDay = 2,          // "YYYYMMDD": recency decay map and day histogram
  kSlotMonth = 3,        // "YYYYMM": month histogram
  kSlotProvider = 4,     // provider name as written: provider facet
  kSlotCategory = 5,     // category, case-folded: category facet
  kSlotType = 6,         // type, case-folded: type facet
  kSlotLanguage = 7,     // language code: language facet
  kSlotCollection = 8,   // collection name: collection facet
  kSlotContentHash = 9,  // 16 hex digits: hash of the source bytes + schema version
  kSlotTextHash = 10,    // 16 hex digits: hash of title + body, collapses exact duplicates
  kSlotSource = 11,      // source key: "<absolute path>" or "<absolute path>:<line>"
  kSlotStory = 12,       // 16 hex digits: the story label (docs/stories.md); results collapse on it
  kSlotStorySignature = 13,  // indexer/story.h: the words that decide the story
  kSlotTopicFirst = 20,      // topics as written, one per slot: kSlotTopicFirst + i
};
// Topics beyond this many per article are searchable but not counted in facets.
inline constexpr int kMaxTopicSlots = 24;

// --- Field weights (within-document frequency added per occurrence) ---------------
inline constexpr int kWeightTitle = 5;
inline constexpr int kWeightTopic = 3;
inline constexpr int kWeightExcerpt = 2;
inline constexpr int kWeightBody = 1;
inline constexpr int kWeightRelated = 1;
// Gap in term positions between fields, so phrases never span two fields.
inline constexpr int kFieldPositionGap = 100;

// --- Database metadata keys ------------------------------------------------------
inline constexpr char kMetaSchemaVersion[] = "gazette.schema_version";
inline constexpr char kMetaMaxTopics[] = "gazette.max_topics";  // topic slots in use
// The oldest schema any document of the shard was written with, the least over its
// collections; a run raises a collection's only when it leaves none of its documents
// unwritten and unchecked. Query features that need
// index terms of a later schema (word pairs) look at this, not at kMetaSchemaVersion.
// Per collection: kMetaOldestSchema + "." + the collection name.
inline constexpr char kMetaOldestSchema[] = "gazette.oldest_schema";
// "I/N" in a database built from shard I of N (indexer.h ShardShare); absent otherwise.
inline constexpr char kMetaShare[] = "gazette.share";

// --- Document data ---------------------------------------------------------------
// A JSON object holding what a hit shows, never the `secured` field, stored as a zstd
// frame (indexer/stored_data.h). Its keys, written
// by indexer/document.cc and read back by query's hits:
inline constexpr char kDataId[] = "id";
inline constexpr char kDataTitle[] = "title";
inline constexpr char kDataExcerpt[] = "excerpt";
inline constexpr char kDataUrl[] = "url";
inline constexpr char kDataOriginalUrl[] = "original_url";
inline constexpr char kDataProvider[] = "provider";  // {"name", "domain"}
inline constexpr char kDataProviderName[] = "name";
inline constexpr char kDataProviderDomain[] = "domain";
inline constexpr char kDataTopics[] = "topics";        // [...]
inline constexpr char kDataPublished[] = "published";  // ISO-8601 UTC, or absent
inline constexpr char kDataQuality[] = "quality";
inline constexpr char kDataHeat[] = "heat";
inline constexpr char kDataCategory[] = "category";
inline constexpr char kDataType[] = "type";
inline constexpr char kDataLanguage[] = "language";
inline constexpr char kDataPublishedFlag[] = "published_flag";
inline constexpr char kDataImages[] = "images";  // [{url, width, height, isCached}]
inline constexpr char kDataImageUrl[] = "url";
inline constexpr char kDataImageWidth[] = "width";
inline constexpr char kDataImageHeight[] = "height";
inline constexpr char kDataImageCached[] = "isCached";
// [{"title", "url", "provider", "excerpt", "published", "type", "quality", "images"}]
inline constexpr char kDataRelated[] = "related";
inline constexpr char kDataCollection[] = "collection";
inline constexpr char kDataSource[] = "source";
inline constexpr char kDataText[] = "text";  // the body's plain text, cut at kStoredTextBytes
inline constexpr std::size_t kStoredTextBytes = 16 * 1024;

}  // namespace gazette::indexer::schema

#endif  // GAZETTE_INDEXER_SCHEMA_H_
