// The generator's fixed catalogs: the built-in vocabulary, topics and providers.
#include <set>
#include <string>
#include <vector>

#include "corpus/generator_internal.h"

namespace gazette::corpus::generator {
namespace {

// Common English words in rough order of frequency in news text: the head of the
// vocabulary's Zipf distribution, so stop words and everyday words dominate as in
// real articles.
// (A data table, kept dense.)
// clang-format off
constexpr const char* kEnglish[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "it", "on", "was", "with", "he",
    "as", "said", "by", "at", "from", "his", "an", "be", "has", "have", "are", "this", "but",
    "not", "they", "who", "had", "were", "their", "its", "been", "or", "will", "would", "which",
    "she", "we", "after", "more", "year", "new", "one", "about", "also", "than", "all", "there",
    "when", "up", "out", "her", "two", "last", "first", "people", "government", "can", "into",
    "over", "could", "years", "some", "time", "other", "if", "most", "no", "percent", "market",
    "company", "state", "while", "world", "week", "before", "president", "what", "three",
    "million", "under", "could", "city", "police", "since", "only", "against", "country",
    "billion", "between", "during", "officials", "many", "minister", "told", "report", "group",
    "where", "because", "officials", "such", "national", "public", "still", "former", "may",
    "party", "around", "day", "home", "next", "however", "back", "court", "security", "health",
    "according", "money", "early", "season", "months", "prices", "energy", "bank", "business",
    "election", "school", "family", "data", "plan", "workers", "power", "water", "deal",
    "research", "service", "system", "team", "market", "industry", "policy", "growth", "rates",
    "trade", "oil", "war", "climate", "study", "program", "law", "news", "budget", "sales",
    "leaders", "support", "women", "children", "local", "high", "economy", "service", "issue",
    "change", "case", "office", "vote", "tax", "rise", "fell", "rose", "shares", "investors",
    "profit", "revenue", "quarter", "demand", "supply", "costs", "inflation", "interest",
    "central", "federal", "council", "members", "board", "chief", "executive", "director",
    "agency", "ministry", "union", "foreign", "military", "forces", "attack", "crisis", "talks",
    "agreement", "decision", "announced", "expected", "reported", "added", "made", "make", "take",
    "took", "found", "show", "called", "according", "help", "held", "began", "won", "lost",
    "played", "game", "match", "club", "coach", "players", "league", "final", "cup", "film",
    "music", "book", "art", "show", "festival", "television", "online", "internet", "software",
    "technology", "digital", "phone", "computer", "network", "users", "platform", "artificial",
    "intelligence", "learning", "machine", "model", "cloud", "chip", "battery", "electric", "car",
    "vehicle", "airline", "flight", "airport", "train", "road", "housing", "property", "rent",
    "hospital", "doctors", "patients", "vaccine", "disease", "drug", "science", "space",
    "mission", "scientists", "university", "students", "teachers", "weather", "storm", "flood",
    "fire", "heat", "drought", "farmers", "food", "prices", "exports", "imports", "tariffs",
    "currency", "dollar", "euro", "stocks", "bonds", "debt", "loan", "fund", "capital", "merger",
    "acquisition", "startup", "investment", "launch", "product", "customers", "retail", "store",
    "brand", "consumer", "spending", "jobs", "unemployment", "wages", "strike", "protest",
    "rights", "justice", "judge", "trial", "prison", "crime", "investigation", "evidence",
    "border", "migrants", "refugees", "aid", "summit", "treaty", "sanctions", "nuclear",
    "weapons", "defence", "army", "navy", "parliament", "senate", "congress", "campaign",
    "candidate", "voters", "poll", "majority", "coalition", "opposition", "reform", "pension",
    "welfare", "education", "transport", "infrastructure", "pipeline", "gas", "coal", "solar",
    "wind", "renewable", "emissions", "carbon", "pollution", "forest", "ocean", "species",
    "wildlife", "region", "province", "capital", "village", "community", "residents", "village",
    "church", "museum", "history", "century", "decade", "future", "strategy", "risk", "warning",
    "threat", "safety", "record",
};
// clang-format on

// Syllables for the rest of the vocabulary: onset + vowel + optional coda.
constexpr const char* kOnsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",
                                   "m",  "n",  "p",  "r",  "s",  "t",  "v",  "w",  "z",
                                   "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh",
                                   "sl", "st", "th", "tr", "qu", "",   "sc", "sp", "cr"};
constexpr const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "ou", "io", "y"};
constexpr const char* kCodas[] = {"",  "",  "",  "",  "",   "",   "n", "r",
                                  "s", "l", "t", "m", "nd", "st", "ck"};

template <typename T, std::size_t N>
constexpr std::size_t Size(const T (&)[N]) {
  return N;
}

}  // namespace

std::vector<std::string> BuiltInVocabulary(std::size_t size) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  for (const char* w : kEnglish) {
    if (words.size() < size && seen.insert(w).second) words.push_back(w);
  }
  // A fixed stream (not the user's seed): the vocabulary is part of the program.
  Rng rng(0x766f636162ULL, 0);
  while (words.size() < size) {
    std::string w;
    // 1-3 syllables, two most often: words of 3-10 letters, like English.
    const double u = rng.Uniform();
    for (int n = u < 0.25 ? 1 : u < 0.8 ? 2 : 3; n > 0; --n) {
      w += kOnsets[rng.Between(0, Size(kOnsets) - 1)];
      w += kVowels[rng.Between(0, Size(kVowels) - 1)];
      w += kCodas[rng.Between(0, Size(kCodas) - 1)];
    }
    if (w.size() >= 3 && seen.insert(w).second) words.push_back(w);
  }
  return words;
}

std::vector<std::string> TopicCatalog() {
  static constexpr const char* kAreas[] = {
      "Energy",   "Technology", "Politics",  "Markets",    "Health",        "Sports",
      "Climate",  "Science",    "Education", "Transport",  "Housing",       "Agriculture",
      "Defence",  "Media",      "Retail",    "Banking",    "Insurance",     "Aviation",
      "Shipping", "Automotive", "Space",     "Football",   "Tennis",        "Music",
      "Film",     "Fashion",    "Food",      "Travel",     "Law",           "Crime",
      "Labour",   "Trade",      "Mining",    "Oil",        "Cybersecurity", "AI",
      "Startups", "Pharma",     "Telecoms",  "Real Estate"};
  static constexpr const char* kAspects[] = {"", " Policy", " Markets", " Research", " Industry"};
  std::vector<std::string> topics;
  for (const char* aspect : kAspects) {
    for (const char* area : kAreas) topics.push_back(std::string(area) + aspect);
  }
  return topics;  // areas alone first: the broad topics are the popular ones
}

std::vector<Provider> ProviderCatalog() {
  static constexpr const char* kPlaces[] = {
      "Northern", "Capital",  "Harbor",    "Valley",  "Metro",    "Coastal", "Prairie",
      "Summit",   "Lakeside", "Riverside", "Pacific", "Atlantic", "Central", "Eastern",
      "Western",  "Highland", "Union",     "Liberty", "Pioneer",  "Global"};
  static constexpr const char* kKinds[] = {"Times", "Herald", "Post", "Wire", "Daily"};
  std::vector<Provider> providers;
  for (const char* kind : kKinds) {
    for (const char* place : kPlaces) {
      Provider p;
      p.name = std::string(place) + " " + kind;
      for (char c : p.name) {
        if (c != ' ') p.domain += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      p.domain += ".example.com";
      providers.push_back(std::move(p));
    }
  }
  return providers;
}

}  // namespace gazette::corpus::generator
