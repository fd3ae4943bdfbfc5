// Article -> Xapian::Document: terms, values and stored data, on in-memory databases.
#include "indexer/document.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "indexer/schema.h"
#include "indexer/stored_data.h"

namespace gazette::indexer {
namespace {

corpus::Article SampleArticle() {
  corpus::Article a;
  a.title = "Meta\xE2\x80\x99s PyTorch Foundation";
  a.excerpt = "PyTorch moves to the Linux Foundation.";
  a.body = "The deep learning framework will be governed by a new foundation.";
  a.category = "News";
  a.type = "article";
  a.topics = {"Machine Learning", "AI"};
  a.provider = {"SiliconANGLE", "siliconangle.com"};
  a.published_at = 1662992580;  // 2022-09-12T14:23:00Z
  a.quality = 48;
  a.published = false;
  a.web_url = "https://example.com/pytorch";
  a.secured = "SECRET-BLOB";
  corpus::RelatedArticle r;
  r.title = "PyTorch joins the Linux Foundation";
  r.web_url = "https://example.com/related";
  r.provider = {"SD Times", "sdtimes.com"};
  a.related.push_back(r);
  return a;
}

std::set<std::string> TermsOf(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

TEST_CASE("CanonicalId prefers webUrl - then originalUrl - then collection:path") {
  corpus::Article a;
  DocumentOrigin origin;
  origin.collection = "wire";
  origin.relative = "2022/a.md";
  CHECK(CanonicalId(a, origin) == "wire:2022/a.md");
  a.original_url = "https://orig.example/a";
  CHECK(CanonicalId(a, origin) == "https://orig.example/a");
  a.web_url = "https://web.example/a";
  CHECK(CanonicalId(a, origin) == "https://web.example/a");
}

TEST_CASE("IdTerm keeps long ids distinct and within Xapian's term limit") {
  const std::string base(400, 'a');
  const std::string t1 = IdTerm(base + "1");
  const std::string t2 = IdTerm(base + "2");
  CHECK(t1 != t2);
  CHECK(t1.size() <= 200);
  CHECK(IdTerm("https://x.example/a") == "Qhttps://x.example/a");
}

TEST_CASE("ToDocument indexes fields - filters and values - never the secured blob") {
  Analyzer analyzer;
  DocumentOrigin origin;
  origin.source = "/corpus/a.md";
  origin.content_hash = 42;
  Xapian::Document doc = ToDocument(SampleArticle(), origin, &analyzer);
  const auto terms = TermsOf(doc);

  for (const char* t : {"Qhttps://example.com/pytorch", "Smeta", "Spytorch", "meta", "pytorch",
                        "foundat", "Kmachine learning", "Kai", "XPsiliconangle",
                        "Hsiliconangle.com", "XCATnews", "XTYPEarticle", "Len", "XCOLdefault",
                        "XPUBfalse", "D20220912", "M202209", "Y2022", "join"}) {
    INFO(t);
    CHECK(terms.count(t) == 1);
  }
  for (const auto& t : terms) CHECK(t.find("secret") == std::string::npos);

  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kSlotPublished)) == 1662992580.0);
  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kSlotQuality)) == 48.0);
  CHECK(doc.get_value(schema::kSlotDay) == "20220912");
  CHECK(doc.get_value(schema::kSlotProvider) == "SiliconANGLE");
  CHECK(doc.get_value(schema::kSlotTopicFirst) == "Machine Learning");
  CHECK(doc.get_value(schema::kSlotTopicFirst + 1) == "AI");
  CHECK(doc.get_value(schema::kSlotContentHash) == HashHex(42));
  CHECK(doc.get_value(schema::kSlotSource) == "/corpus/a.md");

  REQUIRE(IsPackedStoredData(doc.get_data()));
  const std::string record = UnpackStoredData(doc.get_data());
  const auto data = nlohmann::json::parse(record);
  CHECK(data["id"] == "https://example.com/pytorch");
  CHECK(data["title"] == "Meta\xE2\x80\x99s PyTorch Foundation");
  CHECK(data["published"] == "2022-09-12T14:23:00Z");
  CHECK(data["related"][0]["provider"]["name"] == "SD Times");
  CHECK(record.find("SECRET") == std::string::npos);
}

TEST_CASE("Quality bands - and nested uniform samples independent of shard routing") {
  Analyzer analyzer;
  DocumentOrigin origin;
  corpus::Article a = SampleArticle();
  CHECK(TermsOf(ToDocument(a, origin, &analyzer)).count("XQ4") == 1);
  a.quality = 100;
  CHECK(TermsOf(ToDocument(a, origin, &analyzer)).count("XQ9") == 1);
  a.quality.reset();
  CHECK(TermsOf(ToDocument(a, origin, &analyzer)).count("XQn") == 1);

  // 8,000 ids: each level holds about 1/4 of the level below it, and an article in a
  // level is in every coarser one. Two shards split each sample evenly.
  corpus::Article small;
  small.title = "x";
  constexpr int kDocs = 8000;
  int level2 = 0, level4 = 0, level2_shard0 = 0;
  for (int i = 0; i < kDocs; ++i) {
    small.web_url = "https://example.com/a/" + std::to_string(i);
    const auto terms = TermsOf(ToDocument(small, origin, &analyzer));
    const bool in2 = terms.count("XS2") == 1;
    const bool in4 = terms.count("XS4") == 1;
    CHECK((in2 || !in4));
    level2 += in2;
    level4 += in4;
    if (in2 && HashBytes(IdTerm(small.web_url)) % 2 == 0) ++level2_shard0;
  }
  // Binomial bounds at about four standard deviations.
  CHECK(level2 > 1850);
  CHECK(level2 < 2150);
  CHECK(level4 > 420);
  CHECK(level4 < 580);
  CHECK(level2_shard0 > level2 / 2 - 90);
  CHECK(level2_shard0 < level2 / 2 + 90);
}

TEST_CASE("Title words weigh more than body words - and phrases stay within a field") {
  Analyzer analyzer;
  corpus::Article a;
  a.title = "Cocoa harvest";
  a.body = "Prices of cocoa fell. Harvest news.";
  Xapian::Document doc = ToDocument(a, DocumentOrigin{}, &analyzer);
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to("cocoa");
  REQUIRE(*t == "cocoa");
  CHECK(t.get_wdf() == schema::kWeightTitle + schema::kWeightBody);
  std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
  REQUIRE(positions.size() == 2);
  CHECK(positions[1] - positions[0] > static_cast<Xapian::termpos>(schema::kFieldPositionGap));
}

// The within-document frequency of `term` in `doc`, 0 when absent.
Xapian::termcount WdfOf(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term ? t.get_wdf() : 0;
}

TEST_CASE("Topic and excerpt words are marked - weightless, the length and frequencies stay") {
  Analyzer analyzer;
  corpus::Article a;
  a.title = "Harvest report";
  a.topics = {"cocoa", "west-africa"};
  a.excerpt = "The cocoa arrivals rose.";
  a.body = "Cocoa arrivals rose this week.";
  const std::string topic(schema::kPrefixTopicWord), excerpt(schema::kPrefixExcerptWord);
  // By default (index.field_words off) nothing is marked.
  for (const std::string& term : TermsOf(ToDocument(a, DocumentOrigin{}, &analyzer))) {
    CHECK(term.rfind(topic, 0) != 0);
    CHECK(term.rfind(excerpt, 0) != 0);
  }
  DocumentOptions marked;
  marked.field_words = true;
  Xapian::Document doc = ToDocument(a, DocumentOrigin{}, &analyzer, marked);
  // Unprefixed: each occurrence with its field's whole weight (topic 3, excerpt 2, body 1).
  CHECK(WdfOf(doc, "cocoa") == schema::kWeightTopic + schema::kWeightExcerpt + schema::kWeightBody);
  CHECK(WdfOf(doc, "arriv") == schema::kWeightExcerpt + schema::kWeightBody);
  CHECK(WdfOf(doc, "west") == schema::kWeightTopic);
  // The marks: present, wdf 0, no positions; a word of one field only is marked there
  // only.
  for (const std::string& mark : {topic + "cocoa", topic + "west", topic + "africa",
                                  excerpt + "cocoa", excerpt + "arriv", excerpt + "rose"}) {
    INFO(mark);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(mark);
    REQUIRE(t != doc.termlist_end());
    REQUIRE(*t == mark);
    CHECK(t.get_wdf() == 0);
    CHECK(t.positionlist_count() == 0);
  }
  CHECK(TermsOf(doc).count(topic + "arriv") == 0);
  CHECK(TermsOf(doc).count(excerpt + "west") == 0);
  CHECK(TermsOf(doc).count(excerpt + "week") == 0);   // a body word only
  CHECK(TermsOf(doc).count(topic + "harvest") == 0);  // a title word only
  CHECK(WdfOf(doc, "the") == schema::kWeightExcerpt);
  CHECK(TermsOf(doc).count(excerpt + "the") == 0);  // frequent words are not marked

  // The document's length (the sum of its wdfs, which BM25 normalises by) is the
  // fields' weights alone: the marks add nothing.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Xapian::docid id = db.add_document(doc);
  // Title 2 words x (5 + 1 for S), topics 3 words x 3, excerpt 4 x 2, body 5 x 1.
  CHECK(db.get_doclength(id) == 2 * (schema::kWeightTitle + 1) + 3 * schema::kWeightTopic +
                                    4 * schema::kWeightExcerpt + 5 * schema::kWeightBody);
}

TEST_CASE("Adjacent frequent words are also indexed as a pair - within a field, weightless") {
  Analyzer analyzer;
  corpus::Article a;
  a.title = "Talks of the future";
  a.excerpt = "The summit is";
  a.body = "At the end it was said that talks are near.";
  Xapian::Document doc = ToDocument(a, DocumentOrigin{}, &analyzer);
  std::set<std::string> pairs;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind(schema::kPrefixWordPair, 0) != 0) continue;
    pairs.insert((*t).substr(sizeof(schema::kPrefixWordPair) - 1));
    // No within-document frequency: document lengths, and scores, stay as they were.
    CHECK(t.get_wdf() == 0);
    CHECK(t.positionlist_count() == 0);
  }
  // "end", "talks", "summit", "near" and "future" are not frequent words; the
  // excerpt's last word and the body's first ("is at") are in different fields.
  CHECK(pairs == std::set<std::string>{"of the", "at the", "it was", "was said", "said that"});
}

TEST_CASE("Indexed documents are found by the analysed query terms") {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(ToDocument(SampleArticle(), DocumentOrigin{}, &analyzer));
  corpus::Article other;
  other.title = "Unrelated weather report";
  db.add_document(ToDocument(other, DocumentOrigin{}, &analyzer));

  std::vector<std::string> query_terms;
  analyzer.Terms("Meta's foundations", "en", &query_terms);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, query_terms.begin(), query_terms.end()));
  Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(*mset.begin() == 1);

  // Exact-topic filter, case-insensitively.
  enquire.set_query(
      Xapian::Query(BooleanTerm(schema::kPrefixTopic, "MACHINE LEARNING", &analyzer)));
  CHECK(enquire.get_mset(0, 10).size() == 1);
}

}  // namespace
}  // namespace gazette::indexer
