// Generated articles with a known truth: rewrites of other articles (the same story
// told again, for the story clustering's evaluation) and articles planted in bursts
// of recent days or spread evenly (for query-adaptive recency).
#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/generator_internal.h"

namespace gazette::corpus::generator {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(std::move(w));
  return words;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A word of the model for substitutions: not among the most frequent.
std::string SomeWord(const Model& model, Rng& rng) {
  const auto& words = model.text.ranked_words();
  const auto hi = static_cast<std::int64_t>(std::min<std::size_t>(words.size(), 5000)) - 1;
  return words[static_cast<std::size_t>(rng.Between(std::min<std::int64_t>(100, hi), hi))];
}

// `text` with each word replaced by another with probability `p`.
std::string Replace(const Model& model, Rng& rng, const std::string& text, double p) {
  std::vector<std::string> words = Words(text);
  for (std::string& w : words) {
    if (rng.Chance(p)) w = SomeWord(model, rng);
  }
  return Join(words);
}

std::string Cased(std::string text, bool upper) {
  for (char& c : text) {
    const auto u = static_cast<unsigned char>(c);
    c = static_cast<char>(upper ? std::toupper(u) : std::tolower(u));
  }
  return text;
}

// The first `n` words of `text`.
std::string FirstWords(const std::string& text, std::size_t n) {
  std::vector<std::string> words = Words(text);
  words.resize(std::min(words.size(), n));
  return Join(words);
}

}  // namespace

std::uint64_t RewriteOf(const Model& model, std::uint64_t rewrite) {
  Rng rng(model.seed ^ 0x7265777269746573ULL, rewrite);
  return rng.Next() % model.count;
}

Article MakeRewrite(const Model& model, std::uint64_t rewrite, std::uint64_t index) {
  const Article original = MakeArticle(model, RewriteOf(model, rewrite));
  Rng rng(model.seed ^ 0x73746f7279ULL, rewrite);
  Article a = original;
  a.related.clear();
  a.provider = model.providers[model.provider_zipf.Draw(rng)];
  a.published_at = *original.published_at + rng.Between(60, 12 * 3600) / 60 * 60;
  a.web_url = a.original_url =
      "https://" + a.provider.domain + "/rewrite/" + std::to_string(index) + "/";
  const std::string lead = original.excerpt;
  const double kind = rng.Uniform();
  // The original's opening: its lead and what follows, as rewrites keep it.
  const std::string opening = FirstWords(original.body, 60);
  if (kind < 0.3) {  // the same wire copy, cased otherwise, cut short
    a.title = Cased(original.title, rng.Chance(0.5));
    a.body = FirstWords(original.body, 160);
  } else if (kind < 0.6) {  // an update: a few words changed, new paragraphs
    a.title = "Update: " + Replace(model, rng, original.title, 0.1);
    a.body = Replace(model, rng, opening, 0.1);
    for (int i = 0; i < 3; ++i) model.text.AppendSentence(rng, &(a.body += "\n\n"));
  } else if (kind < 0.85) {  // a rewrite: a fifth of the words changed, the rest new
    a.title = Replace(model, rng, original.title, 0.2);
    a.body = Replace(model, rng, opening, 0.2);
    for (int i = 0; i < 5; ++i) model.text.AppendSentence(rng, &(a.body += " "));
  } else {  // a flash: the headline and the start of the lead
    a.title = Cased(Replace(model, rng, original.title, 0.1), true);
    a.body = FirstWords(lead, 15);
  }
  a.excerpt = FirstWords(a.body, 30);
  return a;
}

namespace {

// Letters for a number: 0 -> "a", 25 -> "z", 26 -> "ba".
std::string Letters(std::uint64_t n) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return out;
}

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kTenYears = 3653 * kDay;

}  // namespace

std::string BurstWord(std::uint64_t b) { return "zorbax" + Letters(b); }
std::string EvergreenWord(std::uint64_t b) { return "quilvex" + Letters(b); }

Article MakePlanted(const Model& model, std::uint64_t planted, std::uint64_t index) {
  Rng rng(model.seed ^ 0x6275727374ULL, planted);
  const std::uint64_t b = planted / kPlantedPerBurst;
  const std::uint64_t k = planted % kPlantedPerBurst;
  Article a;
  a.provider = model.providers[model.provider_zipf.Draw(rng)];
  a.quality = static_cast<int>(rng.Between(40, 60));
  a.language = model.text.built_in() ? "en" : "";
  a.category = "news";
  a.type = "article";
  std::string word;
  std::int64_t age = 0;
  int mentions = 1;
  if (k < kBurstRecent) {  // the burst: the last two days
    word = BurstWord(b);
    age = rng.Between(0, 2 * kDay);
  } else if (k < kBurstRecent + kBurstOld) {  // older coverage, more about the word
    word = BurstWord(b);
    age = rng.Between(30 * kDay, kTenYears);
    mentions = 4;
  } else {  // evergreen: spread evenly over ten years
    word = EvergreenWord(b);
    age = rng.Between(0, kTenYears);
    mentions = static_cast<int>(rng.Between(1, 4));
  }
  a.published_at = (kReferenceTime - age) / 60 * 60;
  a.title = model.text.Title(rng) + " " + word;
  for (int m = 0; m < mentions; ++m) {
    model.text.AppendSentence(rng, &a.body);
    a.body += " " + word + ". ";
  }
  for (int i = 0; i < 4; ++i) model.text.AppendSentence(rng, &(a.body += " "));
  a.excerpt = FirstWords(a.body, 30);
  a.web_url = a.original_url =
      "https://" + a.provider.domain + "/planted/" + std::to_string(index) + "/";
  return a;
}

}  // namespace gazette::corpus::generator
