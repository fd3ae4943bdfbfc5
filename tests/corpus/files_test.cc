// Tests for corpus/files.cc: listing input files and reading them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corpus/reader.h"
#include "tests/support/test_support.h"

namespace gazette::corpus {
namespace {

using testing::TempDir;

TEST_CASE("ListInputs walks directories for article files - sorted - hidden skipped", "[files]") {
  TempDir dir;
  dir.Write("b/two.markdown", "---\ntitle: t\n---\n");
  dir.Write("a.md", "12345");
  dir.Write("c/d/feed.jsonl", "{}\n");
  dir.Write("UPPER.MD", "x");
  dir.Write("notes.txt", "not an article");
  dir.Write(".hidden.md", "skipped");
  dir.Write(".git/inside.md", "skipped");
  const std::string root = dir.path().string();

  const Result<std::vector<InputFile>> files = ListInputs({root});
  REQUIRE(files.ok());
  std::vector<std::string> relative;
  for (const InputFile& f : *files) relative.push_back(f.relative);
  CHECK(relative ==
        std::vector<std::string>{"UPPER.MD", "a.md", "b/two.markdown", "c/d/feed.jsonl"});
  CHECK((*files)[1].path == root + "/a.md");
  CHECK((*files)[1].size == 5);
  CHECK((*files)[1].format == InputFormat::kMarkdown);
  CHECK((*files)[3].format == InputFormat::kJsonLines);
}

TEST_CASE("ListInputs takes files named directly and drops repeats", "[files]") {
  TempDir dir;
  const std::string md = dir.Write("sub/one.md", "abc");
  const std::string jsonl = dir.Write("feed.jsonl", "{}");
  const Result<std::vector<InputFile>> files = ListInputs({md, jsonl, md});
  REQUIRE(files.ok());
  REQUIRE(files->size() == 2);
  CHECK((*files)[0].path == jsonl);
  CHECK((*files)[0].relative == "feed.jsonl");
  CHECK((*files)[0].format == InputFormat::kJsonLines);
  CHECK((*files)[1].relative == "one.md");
  CHECK((*files)[1].size == 3);
}

TEST_CASE("ListInputs reports a missing path by name", "[files]") {
  TempDir dir;
  const std::string missing = (dir.path() / "nope").string();
  const Result<std::vector<InputFile>> files = ListInputs({dir.path().string(), missing});
  REQUIRE_FALSE(files.ok());
  CHECK(files.status().code() == StatusCode::kNotFound);
  CHECK_THAT(files.status().message(), Catch::Contains(missing));
}

TEST_CASE("ReadFileBytes reads whole files and enforces the limit", "[files]") {
  TempDir dir;
  const std::string bytes("binary\0and text\r\n", 17);
  const std::string path = dir.Write("f.md", bytes);

  const Result<std::string> read = ReadFileBytes(path, 1024);
  REQUIRE(read.ok());
  CHECK(*read == bytes);

  const Result<std::string> exact = ReadFileBytes(path, bytes.size());
  CHECK(exact.ok());

  const Result<std::string> big = ReadFileBytes(path, 10);
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().code() == StatusCode::kInvalidArgument);
  CHECK(big.status().message() == path + ": file is too large: 17 bytes, limit 10");

  const std::string empty = dir.Write("empty.md", "");
  const Result<std::string> none = ReadFileBytes(empty, 10);
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("ReadFileBytes reports unreadable paths as IoError", "[files]") {
  TempDir dir;
  const std::string missing = (dir.path() / "missing.md").string();
  const Result<std::string> absent = ReadFileBytes(missing, 100);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.status().code() == StatusCode::kIoError);
  CHECK_THAT(absent.status().message(), Catch::StartsWith(missing + ": "));

  const Result<std::string> directory = ReadFileBytes(dir.path().string(), 100);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().code() == StatusCode::kIoError);
  CHECK_THAT(directory.status().message(), Catch::Contains(dir.path().string()));
}

}  // namespace
}  // namespace gazette::corpus
