// Sentences pasted from Reuters articles into `gazette search` find their article first
// in the default matching mode (or a re-sent copy holding the same sentence).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indexer/analysis/language.h"

#include "tests/integration/shared_index.h"
#include "tests/support/test_support.h"

namespace gazette {
namespace {

using testing::RunGazette;
using testing::ShellQuote;

struct Pasted {
  std::string url;                // the article's id
  std::string sentence;           // 15 words of its body, as they stand in the file
  std::vector<std::string> body;  // the body's words
};

// The lower-cased words of `words` that are not English stop words, punctuation split off.
std::vector<std::string> ContentWords(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& w : words) {
    std::string word;
    for (char c : w + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (!word.empty()) {
        if (!indexer::IsStopWord(word, "en")) out.push_back(word);
        word.clear();
      }
    }
  }
  return out;
}

// The file of a Reuters article id (".../article/3007" -> reuters/03/03007.md).
std::string FileOf(const std::string& url) {
  const int n = std::stoi(url.substr(url.rfind('/') + 1));
  char name[64];
  std::snprintf(name, sizeof name, "/reuters/%02d/%05d.md", n / 1000, n);
  return testing::SharedCorpora() + name;
}

// Words 20..34 of the body of a Reuters Markdown file, its webUrl and its words; no
// sentence when the body is shorter.
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
  p.body = words;
  if (words.size() < 35) return p;
  for (std::size_t i = 20; i < 35; ++i) p.sentence += (i > 20 ? " " : "") + words[i];
  return p;
}

std::vector<std::string> Split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST_CASE("A 15-word sentence pasted from an article's body finds that article first") {
  const std::string db = testing::IndexOf("reuters")->db;
  int tried = 0;
  // One article from each folder of a thousand, chosen by position, not by result.
  for (int folder = 0; folder < 22; folder += 3) {
    char name[64];
    std::snprintf(name, sizeof name, "/reuters/%02d/%05d.md", folder, folder * 1000 + 7);
    const Pasted p = PasteFrom(testing::SharedCorpora() + name);
    if (p.sentence.empty()) continue;  // a body under 35 words
    ++tried;
    INFO(name << ": " << p.sentence);
    const testing::CommandOutput out =
        RunGazette("--db " + ShellQuote(db) + " search --json --no-collapse " +
                   ShellQuote(p.sentence) + " --per-page 3");
    REQUIRE(out.status == 0);
    const auto response = nlohmann::json::parse(out.out);
    REQUIRE_FALSE(response["hits"].empty());
    const std::string first = response["hits"][0]["id"];
    if (first != p.url) {
      // Reuters re-sent some stories with a word changed: the first hit must hold the
      // sentence too, its stop words aside, and the article itself come next.
      INFO("first hit " << first);
      const std::vector<std::string> want = ContentWords(Split(p.sentence));
      const std::vector<std::string> got = ContentWords(PasteFrom(FileOf(first)).body);
      CHECK(std::search(got.begin(), got.end(), want.begin(), want.end()) != got.end());
      REQUIRE(response["hits"].size() > 1);
      CHECK(response["hits"][1]["id"] == p.url);
    }
  }
  CHECK(tried >= 5);
}

}  // namespace
}  // namespace gazette
