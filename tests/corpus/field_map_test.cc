// Field mappings: parsing --map and index.fields, and how record keys are read.
#include "corpus/field_map.h"

#include <catch2/catch.hpp>

namespace gazette::corpus {
namespace {

TEST_CASE("FieldMap::Parse reads field=source items") {
  auto map = FieldMap::Parse("id=_id,body=text,,date=meta.published");
  REQUIRE(map.ok());
  CHECK(map->sources().size() == 3);
  CHECK(map->sources().at("id") == "_id");
  CHECK(map->sources().at("date") == "meta.published");
  CHECK(map->ToString() == "body=text,date=meta.published,id=_id");
  CHECK(FieldMap::Parse("").ok());
}

TEST_CASE("FieldMap::Parse names the item at fault") {
  auto unknown = FieldMap::Parse("id=_id,author=by");
  REQUIRE(!unknown.ok());
  CHECK(unknown.status().message().find("unknown field \"author\" (fields: id, title,") == 0);
  auto no_eq = FieldMap::Parse("body");
  REQUIRE(!no_eq.ok());
  CHECK(no_eq.status().message() == "\"body\": expected field=source, e.g. body=text");
  auto twice = FieldMap::Parse("body=text,body=content");
  REQUIRE(!twice.ok());
  CHECK(twice.status().message() == "\"body\" is mapped twice");
  auto empty = FieldMap::Parse("body=");
  REQUIRE(!empty.ok());
  CHECK(empty.status().message() == "body: no source field given");
}

TEST_CASE("InputKeyOf: mapped sources, displaced input keys, everything else as is") {
  auto map = FieldMap::Parse("id=_id,body=text,url=link,date=meta.when");
  REQUIRE(map.ok());
  CHECK(map->InputKeyOf("_id") == "id");
  CHECK(map->InputKeyOf("text") == "body");
  CHECK(map->InputKeyOf("link") == "webUrl");
  CHECK(map->InputKeyOf("body").empty());  // body is read from "text"
  CHECK(map->InputKeyOf("webUrl").empty());
  CHECK(map->InputKeyOf("publishedDateTime").empty());
  CHECK(map->InputKeyOf("title") == "title");
  CHECK(map->InputKeyOf("meta") == "meta");
  CHECK(map->InputKeyOf("author") == "author");
}

TEST_CASE("known input keys") {
  for (const char* key : {"id", "title", "body", "publishedDateTime", "webUrl", "images", "related",
                          "secured", "heat", "originalUrl"}) {
    CHECK(IsKnownInputKey(key));
  }
  CHECK_FALSE(IsKnownInputKey("text"));
  CHECK_FALSE(IsKnownInputKey("date"));
  CHECK(InputKeyOfField("date") == "publishedDateTime");
  CHECK(InputKeyOfField("url") == "webUrl");
  CHECK(MappableFields().size() == 10);
}

}  // namespace
}  // namespace gazette::corpus
