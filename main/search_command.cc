// `gazette search` and `gazette stats`: ranked hits for people or JSON for programs.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "indexer/indexer.h"
#include "main/commands.h"
#include "query/json.h"

namespace gazette {
namespace {

// Turns highlighted HTML into terminal text: <mark> as bold (or nothing), entities decoded.
std::string HtmlToTerminal(const std::string& html, bool bold) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      if (bold) out += "\x1b[1m";
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      if (bold) out += "\x1b[0m";
      i += 7;
    } else if (html[i] == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
      bool done = false;
      for (const auto& [name, c] : kEntities) {
        const std::size_t n = std::char_traits<char>::length(name);
        if (html.compare(i, n, name) == 0) {
          out.push_back(c);
          i += n;
          done = true;
          break;
        }
      }
      if (!done) out.push_back(html[i++]);
    } else {
      out.push_back(html[i++]);
    }
  }
  return out;
}

}  // namespace

int RunSearch(const Config& config, const SearchArgs& args) {
  auto searcher = query::Searcher::Open(config.db, config.limits);
  if (!searcher.ok()) {
    std::cerr << "gazette search: " << searcher.status().message() << "\n";
    return kExitFatal;
  }
  auto response = (*searcher)->Search(args.request);
  if (!response.ok()) {
    std::cerr << "gazette search: " << response.status().message() << "\n";
    return response.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  const query::SearchResponse& r = *response;
  if (args.json) {
    std::cout << query::ToJson(r).dump(2) << "\n";
    return kExitOk;
  }
  const bool tty = isatty(STDOUT_FILENO);
  for (const auto& notice : r.notices) std::cout << "note: " << notice << "\n";
  if (r.suggestion) {
    std::printf("Did you mean: %s (%llu results)\n", r.suggestion->c_str(),
                static_cast<unsigned long long>(r.suggestion_total));
  }
  std::printf("%s%llu results (%.1f ms)\n", r.total_exact ? "" : "about ",
              static_cast<unsigned long long>(r.total), r.took_ms);
  int rank = (r.page - 1) * r.per_page;
  for (const auto& hit : r.hits) {
    std::printf("\n%3d. %s\n", ++rank, HtmlToTerminal(hit.title_html, tty).c_str());
    std::string meta = hit.published.empty() ? "undated" : hit.published.substr(0, 10);
    if (!hit.provider.empty()) meta += " · " + hit.provider;
    if (!hit.url.empty()) meta += " · " + hit.url;
    std::printf("     %s\n", meta.c_str());
    if (!hit.snippet_html.empty()) {
      std::printf("     %s\n", HtmlToTerminal(hit.snippet_html, tty).c_str());
    }
    if (hit.explain) {
      std::printf("     score %.3f = text %.3f + quality %.3f + recency %.3f\n", hit.score,
                  hit.explain->text, hit.explain->quality, hit.explain->recency);
    }
    if (hit.duplicates > 0) std::printf("     (+%d identical)\n", hit.duplicates);
  }
  for (const auto& [name, values] : r.facets) {
    std::printf("\n%s:", name.c_str());
    for (const auto& v : values) {
      std::printf(" %s%s (%llu)", v.selected ? "*" : "", v.value.c_str(),
                  static_cast<unsigned long long>(v.count));
    }
    std::printf("\n");
  }
  return kExitOk;
}

int RunStats(const Config& config, bool json) {
  auto stats = indexer::ReadStats(config.db);
  if (!stats.ok()) {
    std::cerr << "gazette stats: " << stats.status().message() << "\n";
    return kExitFatal;
  }
  const auto& s = *stats;
  if (json) {
    nlohmann::json collections = nlohmann::json::object();
    for (const auto& [name, n] : s.collections) collections[name] = n;
    nlohmann::json j = {
        {"documents", s.documents},
        {"terms", s.terms},
        {"average_length", s.average_length},
        {"size_bytes", s.size_bytes},
        {"revision", s.revision},
        {"collections", collections},
        {"oldest", s.oldest.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.oldest)},
        {"newest", s.newest.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.newest)}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("database     %s (revision %s)\n", config.db.c_str(), s.revision.c_str());
  std::printf("documents    %llu\n", static_cast<unsigned long long>(s.documents));
  std::printf("terms        %llu\n", static_cast<unsigned long long>(s.terms));
  std::printf("avg length   %.1f terms\n", s.average_length);
  std::printf("size         %.1f MB\n", static_cast<double>(s.size_bytes) / 1e6);
  if (!s.oldest.empty()) std::printf("dates        %s .. %s\n", s.oldest.c_str(), s.newest.c_str());
  for (const auto& [name, n] : s.collections) {
    std::printf("collection   %s: %llu\n", name.c_str(), static_cast<unsigned long long>(n));
  }
  return kExitOk;
}

}  // namespace gazette
