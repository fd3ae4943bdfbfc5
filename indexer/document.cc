// Builds Xapian documents from articles: terms, values and stored data.
#include "indexer/document.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "indexer/analysis/language.h"
#include "indexer/analysis/word_pairs.h"
#include "indexer/schema.h"
#include "indexer/stored_data.h"
#include "indexer/story.h"

namespace gazette::indexer {
namespace {

using nlohmann::json;

// Adds positional terms for one text field, advancing *pos.
class FieldIndexer {
 public:
  FieldIndexer(Xapian::Document* doc, Analyzer* analyzer, std::string_view language)
      : doc_(doc), analyzer_(analyzer), language_(language) {}

  void Add(std::string_view text, int wdf, const char* also_prefix = nullptr) {
    terms_.clear();
    analyzer_->Analyze(text, language_, &terms_);
    bool previous_frequent = false;
    for (std::size_t i = 0; i < terms_.terms.size(); ++i) {
      const std::string& term = terms_.terms[i];
      ++pos_;
      doc_->add_posting(term, pos_, wdf);
      if (also_prefix != nullptr) doc_->add_posting(also_prefix + term, pos_, 1);
      const bool frequent = IsFrequentTerm(term);
      if (frequent && previous_frequent) {
        doc_->add_term(WordPairTerm(terms_.terms[i - 1], term), 0);
      }
      previous_frequent = frequent;
    }
    pos_ += schema::kFieldPositionGap;
    for (const std::string& exact : terms_.exact) {
      scratch_.assign(schema::kPrefixExact).append(exact);
      if (scratch_.size() <= kMaxTermBytes) doc_->add_term(scratch_, wdf);
    }
    // Bigram positions run on their own counter; a gap after each run keeps phrases
    // from joining the end of one run to the start of the next.
    for (const std::string& bigram : terms_.bigrams) {
      ++bigram_pos_;
      if (bigram.empty()) continue;
      scratch_.assign(schema::kPrefixBigram).append(bigram);
      doc_->add_posting(scratch_, bigram_pos_, wdf);
    }
    bigram_pos_ += schema::kFieldPositionGap;
  }

  // The terms of the last field added, in order.
  const std::vector<std::string>& terms() const { return terms_.terms; }

 private:
  Xapian::Document* doc_;
  Analyzer* analyzer_;
  std::string_view language_;
  Analyzer::IndexTerms terms_;
  std::string scratch_;
  Xapian::termpos pos_ = 0;
  Xapian::termpos bigram_pos_ = 0;
};

std::string DateString(std::int64_t seconds, const char* format) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

json ProviderJson(const corpus::Provider& p) {
  return json{{schema::kDataProviderName, p.name}, {schema::kDataProviderDomain, p.domain}};
}

json ImagesJson(const std::vector<corpus::Image>& images) {
  json out = json::array();
  for (const auto& im : images) {
    out.push_back({{schema::kDataImageUrl, im.url},
                   {schema::kDataImageWidth, im.width},
                   {schema::kDataImageHeight, im.height},
                   {schema::kDataImageCached, im.is_cached}});
  }
  return out;
}

std::string StoredData(const corpus::Article& a, const DocumentOrigin& origin,
                       const std::string& id, const std::string& language) {
  json j;
  j[schema::kDataId] = id;
  j[schema::kDataTitle] = a.title;
  if (!a.excerpt.empty()) j[schema::kDataExcerpt] = a.excerpt;
  j[schema::kDataUrl] = !a.web_url.empty() ? a.web_url : a.original_url;
  if (!a.original_url.empty()) j[schema::kDataOriginalUrl] = a.original_url;
  j[schema::kDataProvider] = ProviderJson(a.provider);
  j[schema::kDataTopics] = a.topics;
  if (a.published_at) j[schema::kDataPublished] = corpus::FormatIsoUtc(*a.published_at);
  if (a.quality) j[schema::kDataQuality] = *a.quality;
  j[schema::kDataHeat] = a.heat;
  if (!a.category.empty()) j[schema::kDataCategory] = a.category;
  if (!a.type.empty()) j[schema::kDataType] = a.type;
  j[schema::kDataLanguage] = language;
  if (a.published) j[schema::kDataPublishedFlag] = *a.published;
  if (!a.images.empty()) j[schema::kDataImages] = ImagesJson(a.images);
  if (!a.related.empty()) {
    json related = json::array();
    for (const auto& r : a.related) {
      json rj{{schema::kDataTitle, r.title},
              {schema::kDataUrl, r.web_url},
              {schema::kDataProvider, ProviderJson(r.provider)}};
      if (!r.excerpt.empty()) rj[schema::kDataExcerpt] = r.excerpt;
      if (r.published_at) rj[schema::kDataPublished] = corpus::FormatIsoUtc(*r.published_at);
      if (!r.type.empty()) rj[schema::kDataType] = r.type;
      if (r.quality) rj[schema::kDataQuality] = *r.quality;
      if (!r.images.empty()) rj[schema::kDataImages] = ImagesJson(r.images);
      related.push_back(std::move(rj));
    }
    j[schema::kDataRelated] = std::move(related);
  }
  j[schema::kDataCollection] = origin.collection;
  j[schema::kDataSource] = origin.source;
  j[schema::kDataText] = CutUtf8(a.body, schema::kStoredTextBytes);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Marks each of `terms` (one field's words) as a word of that field: `prefix` + term,
// boolean (wdf 0, no positions), so the document's length and its words' frequencies
// stay as they are. Frequent words (indexer/analysis/word_pairs.h) are left unmarked: their
// text score is too small to be worth weighing up.
void MarkFieldWords(Xapian::Document* doc, const std::vector<std::string>& terms,
                    const char* prefix) {
  std::string term;
  for (const std::string& word : terms) {
    if (IsFrequentTerm(word)) continue;
    term.assign(prefix).append(word);
    if (term.size() <= kMaxTermBytes) doc->add_boolean_term(term);
  }
}

// The first words of a field: the lead of a story signature.
std::vector<std::string> Lead(const std::vector<std::string>& terms) {
  const std::size_t n = std::min(terms.size(), kStoryLeadWords);
  return std::vector<std::string>(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(n));
}

// The story signature, its band terms and the article's own story label, which the
// story pass (indexer/stories.h) replaces when it finds the article's story.
void AddStory(const std::string& id_term, std::uint64_t text_hash,
              std::optional<std::int64_t> published, StorySignature story, Xapian::Document* doc) {
  story.published = published.value_or(0);
  story.text_hash = text_hash;
  story.id_hash = StoryIdHash(id_term);
  for (std::uint64_t band : StoryBandKeys(story)) doc->add_boolean_term(StoryBandTerm(band));
  doc->add_value(schema::kSlotStory, StoryLabel(story.id_hash));
  doc->add_value(schema::kSlotStorySignature, EncodeStorySignature(story));
}

}  // namespace

std::string CanonicalId(const corpus::Article& article, const DocumentOrigin& origin) {
  if (!article.id.empty()) return article.id;
  if (!article.web_url.empty()) return article.web_url;
  if (!article.original_url.empty()) return article.original_url;
  return origin.collection + ":" + origin.relative;
}

Xapian::Document ToDocument(const corpus::Article& a, const DocumentOrigin& origin,
                            Analyzer* analyzer, const DocumentOptions& options) {
  Xapian::Document doc;
  const std::string id = CanonicalId(a, origin);
  const std::string language = TextLanguage(a.language, a.title, a.excerpt, a.body);

  FieldIndexer text(&doc, analyzer, language);
  text.Add(a.title, schema::kWeightTitle, schema::kPrefixTitle);
  const std::vector<std::string> title_terms = text.terms();
  for (const std::string& topic : a.topics) {
    text.Add(topic, schema::kWeightTopic);
    if (options.field_words) MarkFieldWords(&doc, text.terms(), schema::kPrefixTopicWord);
  }
  text.Add(a.excerpt, schema::kWeightExcerpt);
  if (options.field_words) MarkFieldWords(&doc, text.terms(), schema::kPrefixExcerptWord);
  std::vector<std::string> lead_terms = Lead(text.terms());
  text.Add(a.body, schema::kWeightBody);
  if (!a.body.empty()) lead_terms = Lead(text.terms());
  StorySignature story;
  if (options.stories) story = MakeStorySignature(title_terms, lead_terms);
  for (const auto& r : a.related) text.Add(r.title, schema::kWeightRelated);

  doc.add_boolean_term(IdTerm(id));
  for (const std::string& topic : a.topics) {
    doc.add_boolean_term(BooleanTerm(schema::kPrefixTopic, topic, analyzer));
  }
  if (!a.provider.name.empty()) {
    doc.add_boolean_term(BooleanTerm(schema::kPrefixProvider, a.provider.name, analyzer));
    doc.add_value(schema::kSlotProvider, a.provider.name);
  }
  if (!a.provider.domain.empty()) {
    doc.add_boolean_term(BooleanTerm(schema::kPrefixSite, a.provider.domain, analyzer));
  }
  if (!a.category.empty()) {
    std::string t = BooleanTerm(schema::kPrefixCategory, a.category, analyzer);
    doc.add_value(schema::kSlotCategory, t.substr(sizeof(schema::kPrefixCategory) - 1));
    doc.add_boolean_term(t);
  }
  if (!a.type.empty()) {
    std::string t = BooleanTerm(schema::kPrefixType, a.type, analyzer);
    doc.add_value(schema::kSlotType, t.substr(sizeof(schema::kPrefixType) - 1));
    doc.add_boolean_term(t);
  }
  doc.add_boolean_term(BooleanTerm(schema::kPrefixLanguage, language, analyzer));
  doc.add_value(schema::kSlotLanguage, language);
  doc.add_boolean_term(BooleanTerm(schema::kPrefixCollection, origin.collection, analyzer));
  doc.add_value(schema::kSlotCollection, origin.collection);
  if (a.published) {
    doc.add_boolean_term(std::string(schema::kPrefixPublished) + (*a.published ? "true" : "false"));
  }
  if (a.published_at) {
    const std::int64_t t = *a.published_at;
    doc.add_value(schema::kSlotPublished, Xapian::sortable_serialise(static_cast<double>(t)));
    const std::string day = DateString(t, "%Y%m%d");
    doc.add_value(schema::kSlotDay, day);
    doc.add_value(schema::kSlotMonth, day.substr(0, 6));
    doc.add_boolean_term(schema::kPrefixDay + day);
    doc.add_boolean_term(schema::kPrefixMonth + day.substr(0, 6));
    doc.add_boolean_term(schema::kPrefixYear + day.substr(0, 4));
  }
  if (a.quality) {
    doc.add_value(schema::kSlotQuality, Xapian::sortable_serialise(*a.quality));
    doc.add_boolean_term(QualityBandTerm(*a.quality));
  } else {
    doc.add_boolean_term(std::string(schema::kPrefixQualityBand) + "n");
  }
  const std::uint64_t sample_hash = HashBytes(id, schema::kSampleHashSeed);
  for (int level : schema::kSampleLevels) {
    if (sample_hash >> (64 - level) != 0) break;
    doc.add_boolean_term(schema::kPrefixSample + std::to_string(level));
  }
  for (std::size_t i = 0; i < a.topics.size() && i < schema::kMaxTopicSlots; ++i) {
    doc.add_value(schema::kSlotTopicFirst + static_cast<Xapian::valueno>(i), a.topics[i]);
  }
  doc.add_value(schema::kSlotContentHash, HashHex(origin.content_hash));
  std::string text_key = a.title;
  text_key.push_back('\n');
  text_key += a.body;
  doc.add_value(schema::kSlotTextHash, HashHex(HashBytes(text_key)));
  if (options.stories) {
    AddStory(IdTerm(id), HashBytes(text_key), a.published_at, std::move(story), &doc);
  } else {
    doc.add_value(schema::kSlotStory, StoryLabel(StoryIdHash(IdTerm(id))));
  }
  doc.add_value(schema::kSlotSource, origin.source);
  doc.set_data(PackStoredData(StoredData(a, origin, id, language)));
  return doc;
}

}  // namespace gazette::indexer
