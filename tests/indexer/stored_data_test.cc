// Stored records: compressed on the way in, JSON text of older indexes read as it is,
// damaged frames refused.
#include "indexer/stored_data.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace gazette::indexer {
namespace {

std::string LongText() {
  std::string text;
  for (int i = 0; text.size() < 16 * 1024; ++i) {
    text += "Paragraph " + std::to_string(i) + ": the harbour's cranes, \xE6\xB8\xAF\xE3\x81\xAE ";
  }
  return text;
}

TEST_CASE("A stored record reads back as it was written") {
  const std::vector<std::string> records = {
      "", "{}", R"({"id":"a","title":"Cranes","text":"The cranes moved again."})",
      R"({"title":"\u6e2f","text":")" + LongText() + "\"}", std::string("{\"x\":\"\0\"}", 10)};
  for (const std::string& record : records) {
    INFO(record.substr(0, 60));
    const std::string data = PackStoredData(record);
    CHECK(IsPackedStoredData(data));
    CHECK(UnpackStoredData(data) == record);
  }
  // Text compresses: the long record is stored in well under half its size.
  const std::string text = R"({"text":")" + LongText() + "\"}";
  CHECK(PackStoredData(text).size() < text.size() / 2);
}

TEST_CASE("JSON text written before records were compressed reads back unchanged") {
  for (const std::string& data : {std::string(R"({"id":"a","title":"Cranes"})"), std::string(""),
                                  std::string("not json"), std::string("\x28\xB5\x2F")}) {
    INFO(data);
    CHECK_FALSE(IsPackedStoredData(data));
    CHECK(UnpackStoredData(data) == data);
  }
}

TEST_CASE("A damaged compressed record reads as empty, never as other text") {
  const std::string record = R"({"id":"a","title":"Cranes","text":")" + LongText() + "\"}";
  const std::string data = PackStoredData(record);
  REQUIRE(data.size() > 64);
  SECTION("cut short") {
    for (std::size_t keep : {std::size_t{4}, std::size_t{12}, data.size() / 2, data.size() - 1}) {
      INFO(keep);
      CHECK(UnpackStoredData(data.substr(0, keep)).empty());
    }
  }
  SECTION("a byte changed inside the compressed text") {
    for (std::size_t at : {data.size() / 3, data.size() / 2, data.size() - 2}) {
      INFO(at);
      std::string bad = data;
      bad[at] = static_cast<char>(bad[at] ^ 0x5A);
      CHECK(UnpackStoredData(bad).empty());
    }
  }
  SECTION("trailing bytes after the frame") { CHECK(UnpackStoredData(data + "{}").empty()); }
}

}  // namespace
}  // namespace gazette::indexer
