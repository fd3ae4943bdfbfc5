// The generator's text model: Zipf-distributed built-in words, or sentences sampled
// from real articles.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corpus/generator_internal.h"
#include "corpus/reader.h"

namespace gazette::corpus::generator {
namespace {

constexpr std::size_t kVocabularySize = 50000;
constexpr double kWordExponent = 1.0;   // Zipf's law for running text
constexpr std::size_t kStopRanks = 40;  // titles avoid the most frequent words
constexpr std::size_t kMaxSentences = 400000;

void Capitalise(std::string* s, std::size_t at) {
  if (at < s->size()) (*s)[at] = static_cast<char>(std::toupper((*s)[at]));
}

int CountWords(const std::string& s) {
  int n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

// Cuts plain text into sentences of 4-60 words at ". ", "? ", "! " and line breaks.
void SplitSentences(const std::string& text, std::vector<std::string>* out) {
  std::string current;
  auto flush = [&] {
    while (!current.empty() && current.back() == ' ') current.pop_back();
    const int words = current.empty() ? 0 : CountWords(current);
    if (words >= 4 && words <= 60 && out->size() < kMaxSentences) out->push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      flush();
      continue;
    }
    if (c == ' ' && (current.empty() || current.back() == ' ')) continue;
    current += c;
    if ((c == '.' || c == '?' || c == '!') && (i + 1 == text.size() || text[i + 1] == ' ')) {
      flush();
    }
  }
  flush();
}

// Lower-case ASCII words of `text`, counted.
void CountAsciiWords(const std::string& text, std::unordered_map<std::string, std::size_t>* n) {
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      if (word.size() >= 2) ++(*n)[word];
      word.clear();
    }
  }
}

}  // namespace

TextModel::TextModel(std::vector<std::string> words, double exponent)
    : words_(std::move(words)), zipf_(words_.size(), exponent) {}

TextModel TextModel::BuiltIn() {
  return TextModel(BuiltInVocabulary(kVocabularySize), kWordExponent);
}

Result<TextModel> TextModel::FromSource(const std::string& dir, std::size_t max_articles) {
  auto files = ListInputs({dir});
  if (!files.ok()) return files.status();
  std::vector<std::string> sentences;
  std::vector<std::string> titles;
  std::vector<Diagnostic> warnings;
  std::size_t articles = 0;
  auto take = [&](const Result<Article>& a) {
    if (!a.ok()) return;
    ++articles;
    if (CountWords(a->title) >= 3) titles.push_back(a->title);
    SplitSentences(a->body, &sentences);
  };
  for (const InputFile& file : *files) {
    if (articles >= max_articles) break;
    auto bytes = ReadFileBytes(file.path, kDefaultMaxFileBytes);
    if (!bytes.ok()) continue;
    ForEachArticle(
        file, *bytes, {},
        [&](const ArticleResult& a) {
          take(a);
          return articles < max_articles;
        },
        &warnings);
    warnings.clear();
  }
  if (sentences.empty() || titles.empty()) {
    return Status::InvalidArgument("--source " + dir + ": no article with usable sentences");
  }
  std::unordered_map<std::string, std::size_t> counts;
  for (const std::string& s : sentences) CountAsciiWords(s, &counts);
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> words;
  for (auto& [w, n] : ranked) words.push_back(w);
  if (words.empty()) words.push_back("news");
  TextModel model(std::move(words), kWordExponent);
  model.sentences_ = std::move(sentences);
  model.titles_ = std::move(titles);
  return model;
}

int TextModel::AppendSentence(Rng& rng, std::string* out) const {
  if (!sentences_.empty()) {
    const std::string& s = sentences_[rng.Between(0, sentences_.size() - 1)];
    *out += s;
    return CountWords(s);
  }
  const int words = static_cast<int>(rng.Between(6, 26));
  const std::size_t start = out->size();
  for (int i = 0; i < words; ++i) {
    if (i > 0) *out += (i > 3 && i + 2 < words && rng.Chance(0.06)) ? ", " : " ";
    *out += words_[zipf_.Draw(rng)];
  }
  Capitalise(out, start);
  *out += rng.Chance(0.04) ? '?' : '.';
  return words;
}

std::string TextModel::Title(Rng& rng) const {
  if (!titles_.empty()) return titles_[rng.Between(0, titles_.size() - 1)];
  std::string title;
  for (auto n = rng.Between(5, 12); n > 0; --n) {
    std::size_t rank = zipf_.Draw(rng);
    while (rank < kStopRanks && rng.Chance(0.8)) rank = zipf_.Draw(rng);
    if (!title.empty()) title += ' ';
    const std::size_t start = title.size();
    title += words_[rank];
    if (rank >= kStopRanks || start == 0) Capitalise(&title, start);
  }
  return title;
}

}  // namespace gazette::corpus::generator
