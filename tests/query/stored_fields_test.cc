// The simdjson reader of stored records decodes what the full JSON parse decodes, on
// every stored record of real corpora and on records built to hit its edge cases, and
// declines what it cannot decode alike.
#include "query/assemble/stored_fields.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/stored_data.h"
#include "tests/support/test_support.h"

namespace gazette::query {
namespace {

using testing::TempDir;

bool SameImages(const std::vector<Image>& a, const std::vector<Image>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].url != b[i].url || a[i].width != b[i].width || a[i].height != b[i].height) {
      return false;
    }
  }
  return true;
}

bool SameRelated(const std::vector<Related>& a, const std::vector<Related>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Related& x = a[i];
    const Related& y = b[i];
    if (x.title != y.title || x.url != y.url || x.provider != y.provider ||
        x.published != y.published || x.excerpt != y.excerpt || x.type != y.type ||
        x.quality != y.quality || !SameImages(x.images, y.images)) {
      return false;
    }
  }
  return true;
}

// Every field StoredFields carries, compared.
bool Same(const StoredFields& a, const StoredFields& b) {
  const Hit& x = a.hit;
  const Hit& y = b.hit;
  return a.text == b.text && x.id == y.id && x.title == y.title && x.url == y.url &&
         x.excerpt == y.excerpt && x.provider == y.provider && x.site == y.site &&
         x.topics == y.topics && x.published == y.published && x.quality == y.quality &&
         x.category == y.category && x.type == y.type && x.language == y.language &&
         x.collection == y.collection && SameRelated(x.related, y.related) &&
         SameImages(x.images, y.images);
}

// Whether the reader reads `record`; when it does, it must agree with the full parse.
bool ReadsAlike(const std::string& record) {
  StoredFields fast;
  const bool read = ReadStoredFields(record, &fast);
  const StoredFields full = ParseStoredFields(record);
  if (read) CHECK(Same(fast, full));
  CHECK(Same(DecodeStoredFields(record), full));
  return read;
}

TEST_CASE("The stored-record reader agrees with the full parse on every real record") {
  const std::string corpora = testing::SharedCorpora();
  if (corpora.empty()) FAIL("../shared/corpora is missing: cannot test");
  TempDir dir;
  indexer::IndexOptions options;
  options.db_path = dir.Sub("db");
  // Every field a file can carry (seed), related coverage (Reuters), an invalid UTF-8
  // byte (BBC), German and Japanese text.
  auto summary =
      indexer::IndexPaths({corpora + "/seed", corpora + "/reuters/00", corpora + "/bbc",
                           corpora + "/10kgnad-de", corpora + "/livedoor-ja/it-life-hack"},
                          options);
  REQUIRE(summary.ok());
  Xapian::Database db(options.db_path);  // a stub file Xapian follows
  int records = 0, with_related = 0, with_images = 0, non_ascii = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::string data = indexer::UnpackStoredData(db.get_document(*it).get_data());
    StoredFields fast;
    REQUIRE(ReadStoredFields(data, &fast));
    const StoredFields full = ParseStoredFields(data);
    INFO(data.substr(0, 200));
    REQUIRE(Same(fast, full));
    ++records;
    with_related += !fast.hit.related.empty();
    with_images += !fast.hit.images.empty();
    for (unsigned char c : fast.text) {
      if (c >= 0x80) {
        ++non_ascii;
        break;
      }
    }
  }
  // The comparison covers what the reader must get right.
  CHECK(records > 4000);
  CHECK(with_related > 100);
  CHECK(with_images > 0);
  CHECK(non_ascii > 1000);
}

TEST_CASE("The stored-record reader decodes escapes, types and repeats as the full parse does") {
  const std::vector<std::string> read = {
      R"({"id":"a","title":"T","text":"body"})",
      R"( {"id" : "a" , "title":"x\"y\\z\/\b\f\n\r\t"} )",
      R"({"title":"\u00e9\u20ac\ud83d\ude00 \u0041","text":"caf\u00E9"})",
      "{\"title\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD\"}",
      R"({"t\u0069tle":"escaped key","text":""})",
      R"({"title":"first","title":"last"})",
      R"({"title":5,"id":null,"url":true,"excerpt":["x"],"text":{"a":1}})",
      R"({"quality":71,"provider":{"name":"P","domain":"p.example","x":[1,2]}})",
      R"({"quality":-3})",
      R"({"quality":"71","provider":"flat"})",
      R"({"quality":0,"heat":1.25,"other":-0.5})",
      R"({"provider":{"name":"a"},"provider":{"domain":"d"}})",
      R"({"topics":["a",1,"b",null,{"c":"d"},["e"]],"topics":["z"]})",
      R"({"topics":"notalist"})",
      R"({"images":[{"url":"u","width":640,"height":360},{"url":""},"x",{"width":3},{"url":"v"}]})",
      R"({"related":[{"title":"r","url":"ru","provider":{"name":"n","domain":"dd"},"published":"p",)"
      R"("excerpt":"e","type":"t","quality":3,"images":[{"url":"i","width":1}]},7,{}]})",
      R"({"nested":[[[[{"a":[{"b":[true,false,null]}]}]]]],"id":"deep"})",
      R"({})",
  };
  for (const std::string& record : read) {
    INFO(record);
    CHECK(ReadsAlike(record));
  }
  // Invalid JSON (each gives empty fields), and valid records the reader leaves to the
  // full parse.
  const std::vector<std::string> declined = {
      "",
      "[]",
      R"("text")",
      R"({"title":"x")",
      R"({"title":"x"} x)",
      R"({"title":"x",})",
      R"({"title" "x"})",
      R"({'title':"x"})",
      R"({"title":"a\x"})",
      R"({"title":"\ud83d"})",
      R"({"title":"\ude00"})",
      R"({"title":"\ud83d\u0041"})",
      R"({"title":"\u12"})",
      "{\"title\":\"tab\there\"}",
      "{\"title\":\"bad \xC3\"}",
      "{\"title\":\"overlong \xC0\xAF\"}",
      "{\"title\":\"surrogate \xED\xA0\x80\"}",
      "{\"title\":\"too high \xF4\x90\x80\x80\"}",
      R"({"quality":01})",
      R"({"quality":1.})",
      R"({"quality":-})",
      R"({"quality":+1})",
      R"({"id":tru})",
      R"({"quality":1e2})",
      R"({"quality":7.9})",
      R"({"images":[{"url":"u","width":2.5}]})",
      R"({"quality":2147483648})",
      R"({"quality":12345678901234567890})",
      "\xEF\xBB\xBF{\"title\":\"after a byte order mark\"}",
  };
  for (const std::string& record : declined) {
    INFO(record);
    CHECK_FALSE(ReadsAlike(record));
  }
}

}  // namespace
}  // namespace gazette::query
