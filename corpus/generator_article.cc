// One generated article from its index: text from the model, metadata with realistic
// distributions (recent dates, Zipf topics and providers, quality around 50).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "corpus/generator_internal.h"

namespace gazette::corpus::generator {
namespace {

constexpr std::int64_t kTenYears = 3653LL * 86400;
constexpr std::size_t kExcerptChars = 200;

// What other articles need to know about article `index`: drawn first from its stream,
// so related coverage can recompute it without generating the whole article.
struct Head {
  std::string title;
  std::string lead;  // the body's first sentence, also the excerpt
  const Provider* provider = nullptr;
  std::int64_t published_at = 0;
  int quality = 50;
  std::string url;
};

std::string Slug(const std::string& title) {
  std::string slug;
  for (char c : title) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 60) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "story" : slug;
}

// Cuts `text` to at most `limit` bytes at a space, adding "..." when cut.
std::string Shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut == 0) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

Head MakeHead(const Model& model, std::uint64_t index, Rng& rng) {
  Head head;
  head.title = model.text.Title(rng);
  model.text.AppendSentence(rng, &head.lead);
  head.provider = &model.providers[model.provider_zipf.Draw(rng)];
  // Age u^2 * ten years: the density falls linearly with age, so recent news dominates.
  const double u = rng.Uniform();
  head.published_at = (kReferenceTime - static_cast<std::int64_t>(u * u * kTenYears)) / 60 * 60;
  const double q = std::round(50.0 + 15.0 * rng.Normal());
  head.quality = static_cast<int>(std::clamp(q, 0.0, 100.0));
  const std::string date = FormatIsoUtc(head.published_at).substr(0, 10);  // YYYY-MM-DD
  head.url = "https://" + head.provider->domain + "/" + date.substr(0, 4) + "/" +
             date.substr(5, 2) + "/" + date.substr(8, 2) + "/" + Slug(head.title) + "-" +
             std::to_string(index) + "/";
  return head;
}

Head HeadOf(const Model& model, std::uint64_t index) {
  Rng rng(model.seed, index);
  return MakeHead(model, index, rng);
}

std::string Base64ish(Rng& rng, int chars) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (int i = 0; i < chars; ++i) s += kAlphabet[rng.Between(0, 63)];
  return s + "==";
}

}  // namespace

Article MakeArticle(const Model& model, std::uint64_t index) {
  Rng rng(model.seed, index);
  const Head head = MakeHead(model, index, rng);
  Article a;
  a.title = head.title;
  a.excerpt = Shorten(head.lead, kExcerptChars);
  a.provider = *head.provider;
  a.published_at = head.published_at;
  a.quality = head.quality;
  a.web_url = head.url;
  a.original_url = head.url;

  // Body: about mean_words words (uniform over 0.25x..1.75x), paragraphs of 1-5
  // sentences, starting with the lead.
  const int target =
      std::max(1, static_cast<int>(model.mean_words * (0.25 + 1.5 * rng.Uniform()) + 0.5));
  a.body = head.lead;
  int words = 1;
  for (char c : head.lead) words += c == ' ';
  int in_paragraph = 1;
  int paragraph_size = static_cast<int>(rng.Between(1, 5));
  while (words < target) {
    if (in_paragraph >= paragraph_size) {
      a.body += "\n\n";
      in_paragraph = 0;
      paragraph_size = static_cast<int>(rng.Between(1, 5));
    } else {
      a.body += ' ';
    }
    words += model.text.AppendSentence(rng, &a.body);
    ++in_paragraph;
  }

  a.category = rng.Chance(0.85) ? "news" : (rng.Chance(0.5) ? "business" : "opinion");
  a.type = rng.Chance(0.9) ? "article" : "video";
  // 1-5 distinct topics, fewer more likely.
  const double t = rng.Uniform();
  const int topics = t < 0.35 ? 1 : t < 0.65 ? 2 : t < 0.85 ? 3 : t < 0.95 ? 4 : 5;
  while (static_cast<int>(a.topics.size()) < topics) {
    const std::string& topic = model.topics[model.topic_zipf.Draw(rng)];
    if (std::find(a.topics.begin(), a.topics.end(), topic) == a.topics.end()) {
      a.topics.push_back(topic);
    }
  }
  a.heat = rng.Chance(0.4) ? -1 : static_cast<int>(1000.0 * std::pow(rng.Uniform(), 3.0));
  a.published = rng.Chance(0.8);
  if (model.text.built_in()) a.language = "en";
  if (rng.Chance(0.6)) {
    a.images.push_back({"https://" + a.provider.domain + "/img/" + std::to_string(index) + ".jpg",
                        static_cast<int>(rng.Between(400, 2000)),
                        static_cast<int>(rng.Between(300, 1200)), rng.Chance(0.5)});
  }
  // 1-3 other articles of the corpus, near this one in index order (a story cluster).
  const auto related = model.count > 1 ? rng.Between(1, 3) : 0;
  for (std::int64_t r = 0; r < related; ++r) {
    const auto span = static_cast<std::int64_t>(std::min<std::uint64_t>(model.count - 1, 50));
    const auto offset = rng.Between(1, span);
    const auto count = static_cast<std::int64_t>(model.count);
    const auto other =
        static_cast<std::uint64_t>((static_cast<std::int64_t>(index) + offset) % count);
    const Head h = HeadOf(model, other);
    RelatedArticle item;
    item.title = h.title;
    item.excerpt = Shorten(h.lead, kExcerptChars);
    item.published_at = h.published_at;
    item.web_url = h.url;
    item.type = "article";
    item.provider = *h.provider;
    item.quality = h.quality;
    a.related.push_back(std::move(item));
  }
  a.secured = Base64ish(rng, 86);
  return a;
}

}  // namespace gazette::corpus::generator
