// `gazette search` and `gazette stats`: ranked hits for people or JSON for programs.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

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

struct SearchArgs {
  query::SearchRequest request;
  bool json = false;
};

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
    std::printf("\n%s%s:", name.c_str(), r.facets_exact ? "" : " (estimated from a sample)");
    for (const auto& v : values) {
      std::printf(" %s%s (%s%llu)", v.selected ? "*" : "", v.value.c_str(),
                  r.facets_exact ? "" : "~", static_cast<unsigned long long>(v.count));
    }
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

Command AddSearchCommand(CLI::App* parent) {
  struct State {
    SearchArgs args;
    std::string since, until, sort, facets, origin;
    std::optional<double> w_quality, w_recency, half_life;
  };
  auto st = std::make_shared<State>();
  query::SearchRequest& req = st->args.request;
  CLI::App* app = parent->add_subcommand("search", "Search the database");
  app->add_option("query", req.query, "Query (words, \"phrases\", AND/OR/NOT, field:value)");
  app->add_option("--topic", req.topics, "Only articles with this topic (repeatable)");
  app->add_flag("--all-topics", req.all_topics, "Require every --topic, not any");
  app->add_option("--provider", req.providers, "Only this provider (repeatable)");
  app->add_option("--site", req.sites, "Only this provider domain (repeatable)");
  app->add_option("--category", req.categories, "Only this category (repeatable)");
  app->add_option("--type", req.types, "Only this type (repeatable)");
  app->add_option("--lang", req.languages, "Only this language (repeatable)");
  app->add_option("--collection", req.collections, "Only this collection (repeatable)");
  app->add_option("--since", st->since, "Published on or after DATE (YYYY-MM-DD)");
  app->add_option("--until", st->until, "Published on or before DATE (YYYY-MM-DD)");
  app->add_option("--min-quality", req.min_quality, "Minimum quality (0-100)");
  app->add_option("--sort", st->sort, "relevance, newest, oldest or quality");
  app->add_option("--page", req.page, "Page number (from 1)");
  app->add_option("--per-page", req.per_page, "Hits per page");
  app->add_option("--facets", st->facets,
                  "Comma-separated: topic,provider,category,type,language,collection,date");
  app->add_flag("--explain", req.explain, "Show each hit's score components");
  app->add_flag("--json", st->args.json, "Print the response as JSON");
  app->add_option("--quality-weight", st->w_quality, "Weight of quality in the score");
  app->add_option("--recency-weight", st->w_recency, "Weight of recency in the score");
  app->add_option("--half-life", st->half_life, "Recency half-life in days");
  app->add_option("--origin", st->origin, "Date recency is measured from (default: now)");
  return {app, [st](const Config& config) {
            SearchArgs args = st->args;
            query::SearchRequest& r = args.request;
            r.since = ParseDateFlag("--since", st->since, false);
            r.until = ParseDateFlag("--until", st->until, true);
            if (!st->sort.empty()) {
              auto order = query::ParseSortOrder(st->sort);
              if (!order.ok()) throw CLI::ValidationError("--sort", order.status().message());
              r.sort = *order;
            }
            for (std::size_t s = 0, e; s < st->facets.size(); s = e + 1) {
              e = st->facets.find(',', s);
              if (e == std::string::npos) e = st->facets.size();
              if (e > s) r.facets.push_back(st->facets.substr(s, e - s));
            }
            r.ranking = config.ranking;
            if (st->w_quality) r.ranking.quality = *st->w_quality;
            if (st->w_recency) r.ranking.recency = *st->w_recency;
            if (st->half_life) r.ranking.half_life_days = *st->half_life;
            r.ranking.origin = ParseDateFlag("--origin", st->origin, false);
            return RunSearch(config, args);
          }};
}

}  // namespace gazette
