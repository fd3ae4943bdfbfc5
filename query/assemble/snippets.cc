// Snippet selection and highlighting with the indexing Analyzer, so every form the
// index matched (stems, normalised forms, segmented CJK words) is marked.
#include "query/assemble/snippets.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace gazette::query {
namespace {

struct Match {
  std::size_t begin, end;  // bytes
  std::string term;
};

// Bytes of text searched for a passage.
constexpr std::size_t kSnippetScanBytes = 4 * 1024;
// Matches tried as the start of the passage.
constexpr std::size_t kWindowStarts = 32;
// Leading bytes compared before a word is analysed.
constexpr std::size_t kHeadBytes = 3;

// Plain ASCII letters and digits: a word the Analyzer turns into one term.
bool IsPlainAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

// The first `n` (at most kHeadBytes) bytes of a word, lower-cased, packed with their
// count into one number.
std::uint32_t Head(std::string_view word, std::size_t n) {
  n = std::min(n, word.size());
  std::uint32_t key = static_cast<std::uint32_t>(n) << 24;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    key |= static_cast<std::uint32_t>(c) << (8 * i);
  }
  return key;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Moves a byte offset back to a character boundary.
std::size_t CharBoundary(std::string_view s, std::size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return std::min(pos, s.size());
}

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Whether the character at `i`, between two others, joins them into one word under
// the Unicode word-break rules (UAX #29 WB6-WB12: letter . letter, letter ' letter,
// digit . digit, digit , digit, ...). Sets *unsure when ICU's rules might treat it in
// a way not modelled here.
bool Joins(std::string_view text, std::size_t i, bool* unsure) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == '_' || c == '@') {
    *unsure = true;  // ExtendNumLet and the like: left to ICU
    return false;
  }
  if (i == 0 || i + 1 >= text.size()) return false;
  const auto p = static_cast<unsigned char>(text[i - 1]);
  const auto n = static_cast<unsigned char>(text[i + 1]);
  const bool letters = IsAsciiLetter(p) && IsAsciiLetter(n);
  const bool digits = IsAsciiDigit(p) && IsAsciiDigit(n);
  if (c == '.' || c == '\'') return letters || digits;
  if (c == ',' || c == ';') return digits;
  if (c == ':' && letters) *unsure = true;
  return false;
}

}  // namespace

bool AsciiWordSpans(std::string_view text, std::vector<indexer::Analyzer::Span>* spans) {
  std::vector<indexer::Analyzer::Span> out;
  std::size_t start = std::string_view::npos;  // of the word being read
  bool unsure = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) return false;
    const bool alnum = IsAsciiLetter(c) || IsAsciiDigit(c);
    const bool joins = !alnum && Joins(text, i, &unsure);
    if (unsure) return false;
    if (alnum || (joins && start != std::string_view::npos)) {
      if (start == std::string_view::npos) start = i;
    } else if (start != std::string_view::npos) {
      out.push_back({start, i});
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back({start, text.size()});
  spans->insert(spans->end(), out.begin(), out.end());
  return true;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

// The first kSnippetScanBytes of `raw_text` (cut at a character boundary), with each
// run of spaces, tabs and line breaks made one space and none at the end: passages come
// from the lead, which carries the story, and analysing all of a long article for every
// hit would dominate query time; the source's line breaks mean nothing in one line.
std::string LeadText(std::string_view raw_text) {
  if (raw_text.size() > kSnippetScanBytes) {
    std::size_t cut = kSnippetScanBytes;
    while (cut > 0 && (static_cast<unsigned char>(raw_text[cut]) & 0xC0) == 0x80) --cut;
    raw_text = raw_text.substr(0, cut);
  }
  std::string collapsed;
  collapsed.reserve(raw_text.size());
  for (char c : raw_text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed.push_back(space ? ' ' : c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

// The words of `text` (into *spans) and those of them that analyse to one of `terms`,
// in text order.
std::vector<Match> FindMatches(std::string_view text, const MatchTerms& terms,
                               std::string_view language, indexer::Analyzer* analyzer,
                               std::vector<indexer::Analyzer::Span>* spans) {
  std::vector<Match> matches;
  if (!AsciiWordSpans(text, spans)) analyzer->WordSpans(text, spans);
  // Stems begin like their words (case aside), so an ASCII word whose first letters
  // begin no query term cannot match and needs no analysis. Most words do not even
  // begin with a term's first letter: one table lookup passes them over.
  std::unordered_set<std::uint32_t> heads;
  std::bitset<256> first_bytes;
  for (const std::string& t : terms) {
    heads.insert(Head(t, kHeadBytes));
    if (!t.empty()) first_bytes.set(Head(t, 1) & 0xFF);
  }
  auto may_match = [&](std::string_view word) {
    if (!IsPlainAscii(word)) return true;
    if (word.empty() || !first_bytes.test(Head(word, 1) & 0xFF)) return false;
    for (std::size_t n = 1; n <= kHeadBytes; ++n) {
      if (heads.count(Head(word, n))) return true;
    }
    return false;
  };
  std::vector<std::string> word_terms;
  for (const auto& span : *spans) {
    const std::string_view word = text.substr(span.begin, span.end - span.begin);
    if (!may_match(word)) continue;
    word_terms.clear();
    analyzer->Terms(word, language, &word_terms);
    for (const std::string& t : word_terms) {
      if (terms.count(t)) {
        matches.push_back(Match{span.begin, span.end, t});
        break;
      }
    }
  }
  return matches;
}

// A byte range of the text.
struct Window {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The start of the window of `window` bytes that covers the most distinct terms,
// starting at a match (0 without matches).
std::size_t BestStart(const std::vector<Match>& matches, std::size_t window) {
  std::size_t begin = 0;
  std::size_t best_score = 0;
  // Windows start at one of the first matches; later starts rarely win and would make
  // this quadratic in the number of matches.
  for (std::size_t i = 0; i < matches.size() && i < kWindowStarts; ++i) {
    std::set<std::string> distinct;
    std::size_t count = 0;
    for (std::size_t j = i; j < matches.size() && matches[j].end <= matches[i].begin + window;
         ++j) {
      distinct.insert(matches[j].term);
      ++count;
    }
    const std::size_t score = distinct.size() * 1000 + count;
    if (score > best_score) {
      best_score = score;
      begin = matches[i].begin;
    }
  }
  return begin;
}

// The passage shown: the span of about max_chars (approximated in bytes on the text's
// own density) that covers the most distinct terms, starting a little before its first
// match and ending at a word boundary; the whole text when it is short enough.
Window ChooseWindow(std::string_view text, const std::vector<Match>& matches,
                    const std::vector<indexer::Analyzer::Span>& spans, std::size_t max_chars) {
  const std::size_t chars = Utf8Length(text);
  if (chars <= max_chars) return Window{0, text.size()};
  const std::size_t window = text.size() * max_chars / chars;
  std::size_t begin = BestStart(matches, window);
  // Start a little before the first match, at a word start when possible.
  if (begin > 0) {
    std::size_t lead = std::min<std::size_t>(begin, window / 5);
    std::size_t want = begin - lead;
    for (const auto& span : spans) {
      if (span.begin >= want) {
        want = span.begin;
        break;
      }
    }
    begin = std::min(want, begin);
  }
  std::size_t end = CharBoundary(text, std::min(text.size(), begin + window));
  // End at a word boundary.
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    if (it->end <= end && it->end > begin) {
      end = it->end;
      break;
    }
  }
  if (spans.empty()) {
    std::size_t space = text.rfind(' ', end);
    if (space != std::string_view::npos && space > begin) end = space;
  }
  return Window{begin, end};
}

// The window of `text` HTML-escaped, its matches in <mark>, an ellipsis where cut.
std::string Highlight(std::string_view text, const std::vector<Match>& matches, Window w) {
  std::string out;
  if (w.begin > 0) out += "\xE2\x80\xA6";
  std::size_t pos = w.begin;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const Match& m = matches[i];
    if (m.begin < w.begin || m.end > w.end) continue;
    out += EscapeHtml(text.substr(pos, m.begin - pos));
    // Merge following matches separated only by spaces or punctuation-free gaps.
    std::size_t run_end = m.end;
    while (i + 1 < matches.size() && matches[i + 1].end <= w.end) {
      std::string_view gap = text.substr(run_end, matches[i + 1].begin - run_end);
      if (gap.find_first_not_of(" \t-") != std::string_view::npos || gap.size() > 3) break;
      run_end = matches[++i].end;
    }
    out += "<mark>";
    out += EscapeHtml(text.substr(m.begin, run_end - m.begin));
    out += "</mark>";
    pos = run_end;
  }
  out += EscapeHtml(text.substr(pos, w.end - pos));
  if (w.end < text.size()) out += "\xE2\x80\xA6";
  return out;
}

}  // namespace

std::string Snippet(std::string_view raw_text, const MatchTerms& terms, std::string_view language,
                    std::size_t max_chars, indexer::Analyzer* analyzer) {
  const std::string lead = LeadText(raw_text);
  const std::string_view text = lead;
  std::vector<indexer::Analyzer::Span> spans;
  std::vector<Match> matches;
  if (!terms.empty()) matches = FindMatches(text, terms, language, analyzer, &spans);
  return Highlight(text, matches, ChooseWindow(text, matches, spans, max_chars));
}

}  // namespace gazette::query
