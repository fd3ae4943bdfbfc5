// Sentences pasted from Reuters articles into `gazette search` find their article first
// in the default matching mode.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/shared_index.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

using testing::RunGazette;
using testing::ShellQuote;

struct Pasted {
  std::string url;       // the article's id
  std::string sentence;  // 15 words of its body, as they stand in the file
};

// Words 20..34 of the body of a Reuters Markdown file and its webUrl; empty when the
// body is shorter.
Pasted PasteFrom(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  Pasted p;
  int fences = 0;
  std::vector<std::string> words;
  while (std::getline(in, line)) {
    if (line == "---") {
      ++fences;
      continue;
    }
    if (fences < 2) {
      if (line.rfind("webUrl: ", 0) == 0) p.url = line.substr(9, line.size() - 10);
      continue;
    }
    std::istringstream split(line);
    for (std::string w; split >> w;) words.push_back(w);
  }
  if (words.size() < 35) return {};
  for (std::size_t i = 20; i < 35; ++i) p.sentence += (i > 20 ? " " : "") + words[i];
  return p;
}

TEST_CASE("A 15-word sentence pasted from an article's body finds that article first") {
  const std::string db = testing::IndexOf("reuters")->db;
  int tried = 0;
  // One article from each folder of a thousand, chosen by position, not by result.
  for (int folder = 0; folder < 22; folder += 3) {
    char name[64];
    std::snprintf(name, sizeof name, "/reuters/%02d/%05d.md", folder, folder * 1000 + 7);
    const Pasted p = PasteFrom(testing::SharedCorpora() + name);
    if (p.sentence.empty()) continue;
    ++tried;
    INFO(name << ": " << p.sentence);
    const testing::CommandOutput out = RunGazette("--db " + ShellQuote(db) + " search --json " +
                                                  ShellQuote(p.sentence) + " --per-page 3");
    REQUIRE(out.status == 0);
    const auto response = nlohmann::json::parse(out.out);
    REQUIRE_FALSE(response["hits"].empty());
    CHECK(response["hits"][0]["id"] == p.url);
  }
  CHECK(tried >= 5);
}

}  // namespace
}  // namespace gazette
