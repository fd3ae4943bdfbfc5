// The query set that goes with a generated corpus: what benchmark clients send.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "corpus/generator_internal.h"

namespace gazette::corpus::generator {
namespace {

constexpr std::uint64_t kQueryStream = 0x7175657279ULL;  // streams apart from articles'
constexpr std::size_t kSkipRanks = 40;                   // stop words make poor queries
constexpr std::size_t kFrequentRanks = 2000;             // "frequent" = ranks 40..2000

std::vector<std::string> AsciiWords(const std::string& text) {
  std::vector<std::string> words(1);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      words.back() += static_cast<char>(std::tolower(u));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// A frequent word (65%: Zipf-like over ranks 40..2000) or a rare one (uniform over the
// rest of the vocabulary).
std::string Word(const std::vector<std::string>& ranked, Rng& rng) {
  const std::size_t n = ranked.size();
  if (n <= kSkipRanks) return ranked[rng.Between(0, n - 1)];
  const std::size_t frequent_end = std::min(n, kFrequentRanks);
  if (frequent_end == n || rng.Chance(0.65)) {
    const double u = rng.Uniform();
    const auto span = static_cast<double>(frequent_end - kSkipRanks);
    return ranked[kSkipRanks +
                  std::min(frequent_end - kSkipRanks - 1, static_cast<std::size_t>(span * u * u))];
  }
  return ranked[rng.Between(frequent_end, n - 1)];
}

std::string Words(const std::vector<std::string>& ranked, Rng& rng, int count) {
  std::string q;
  for (int i = 0; i < count; ++i) q += (q.empty() ? "" : " ") + Word(ranked, rng);
  return q;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<std::string> MakeQueries(const Model& model, std::uint64_t count) {
  std::vector<std::string> queries;
  const std::vector<std::string>& ranked = model.text.ranked_words();
  for (std::uint64_t q = 0; q < count; ++q) {
    Rng rng(model.seed ^ kQueryStream, q);
    const double kind = rng.Uniform();
    const double l = rng.Uniform();
    const int length = l < 0.3 ? 1 : l < 0.65 ? 2 : l < 0.9 ? 3 : 4;
    std::string query;
    if (kind < 0.15 && model.count > 0) {
      // A phrase of 2-3 words from a generated body, so it matches at least one article.
      const Article a =
          MakeArticle(model, static_cast<std::uint64_t>(rng.Between(0, model.count - 1)));
      const std::vector<std::string> words = AsciiWords(a.body);
      const auto size = static_cast<std::int64_t>(rng.Between(2, 3));
      if (static_cast<std::int64_t>(words.size()) >= size) {
        const auto start = rng.Between(0, static_cast<std::int64_t>(words.size()) - size);
        query = "\"";
        for (std::int64_t k = 0; k < size; ++k) query += (k ? " " : "") + words[start + k];
        query += "\"";
      }
    } else if (kind < 0.25 && model.count > 0) {
      // title:word, the word taken from a generated title, plus 0-1 more words.
      const Article a =
          MakeArticle(model, static_cast<std::uint64_t>(rng.Between(0, model.count - 1)));
      const std::vector<std::string> words = AsciiWords(a.title);
      if (!words.empty()) {
        query = "title:" + words[rng.Between(0, words.size() - 1)];
        if (length > 2) query += " " + Words(ranked, rng, 1);
      }
    } else if (kind < 0.35) {
      // topic:X scope (quoted when it has spaces) with 1-2 words.
      const std::string topic = Lower(model.topics[model.topic_zipf.Draw(rng)]);
      query = Words(ranked, rng, std::min(length, 2)) +
              " topic:" + (topic.find(' ') == std::string::npos ? topic : "\"" + topic + "\"");
    }
    if (query.empty()) query = Words(ranked, rng, length);
    queries.push_back(std::move(query));
  }
  return queries;
}

}  // namespace gazette::corpus::generator
