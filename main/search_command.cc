// `gazette search` and `gazette stats`: ranked hits for people or JSON for programs.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>
#include <utility>

#include "main/cli_choices.h"
#include "main/commands.h"
#include "query/json.h"
#include "query/request_rules.h"

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
  // Bold only on a terminal that shows it, and not when NO_COLOR is set (no-color.org).
  const char* term = std::getenv("TERM");
  const bool tty = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr &&
                   !(term != nullptr && std::string(term) == "dumb");
  for (const auto& notice : r.notices) std::cout << "note: " << notice << "\n";
  if (r.suggestion) {
    std::printf("Did you mean: %s (%llu results)\n", r.suggestion->c_str(),
                static_cast<unsigned long long>(r.suggestion_total));
  }
  std::printf("%s%llu results (%.1f ms)\n", r.total_exact ? "" : "about ",
              static_cast<unsigned long long>(r.total), r.took_ms);
  if (r.recency) {
    std::printf("recency weight %.3f (%s)%s%s\n", r.recency->weight,
                r.recency->automatic ? "auto" : "fixed", r.recency->reason.empty() ? "" : ": ",
                r.recency->reason.c_str());
  }
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
    if (hit.story.more > 0) {
      std::string providers;
      for (const auto& p : hit.story.providers) providers += (providers.empty() ? "" : ", ") + p;
      std::printf("     %d more from this story%s%s (--story %s)\n", hit.story.more,
                  providers.empty() ? "" : ": ", providers.c_str(), hit.story.id.c_str());
    }
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

// The query language, as `search --help` and the man page show it (docs/cli.md).
constexpr char kSearchFooter[] = R"(Query syntax:
  cocoa prices                 both words (stemmed: price matches prices); queries
                               of over 3 words match any word, most first (--match)
  "buffer stock"               a phrase
  cocoa OR coffee, NOT, ( )    boolean operators, in capitals
  +cocoa -coffee               must / must not
  oil NEAR prices, NEAR/3      within 10 (3) words of each other, in any order
  oil ADJ prices, ADJ/3        the same, in this order
  pyto*                        words starting with pyto
  title:pytorch                words in the title
  topic:"machine learning"     filters: topic, provider, site, category, type,
                               lang, collection (whole value); -topic:sport excludes
  published:2022-01-01..2022-09-30   a date range (either end may be left open)

Examples:
  gazette search --db news.db '"central bank" rates topic:markets' --facets topic,provider
  gazette search --db news.db --topic Energy --since 2024-01-01 --sort newest
  gazette search --db news.db 'cocoa prices' --json --explain
  gazette search --db news.db --match any 'a sentence pasted from an article'
  gazette search --db news.db 'oil NEAR/3 prices')";

}  // namespace

Command AddSearchCommand(CLI::App* parent) {
  struct State {
    SearchArgs args;
    std::string since, until, sort, facets, facet_size, origin, match;
    std::optional<double> w_quality, w_recency, half_life;
    std::optional<int> max_per_provider;
    std::string recency;
    bool no_collapse = false;
    std::optional<double> w_title, w_excerpt, w_topics, w_body, k1, b;
  };
  auto st = std::make_shared<State>();
  query::SearchRequest& req = st->args.request;
  CLI::App* app = parent->add_subcommand("search", "Search the database");
  app->add_option("query", req.query, "Query; empty: every article the filters let through")
      ->type_name("QUERY");
  app->option_defaults()->group("Filters (repeatable ones OR-ed within a field)");
  app->add_option("--topic", req.topics, "Only articles with this topic")->type_name("TOPIC");
  app->add_flag("--all-topics", req.all_topics, "Require every --topic, not any");
  app->add_option("--provider", req.providers, "Only this provider")->type_name("NAME");
  app->add_option("--site", req.sites, "Only this provider domain")->type_name("DOMAIN");
  app->add_option("--category", req.categories, "Only this category")->type_name("CATEGORY");
  app->add_option("--type", req.types, "Only this type")->type_name("TYPE");
  app->add_option("--lang", req.languages, "Only this language (e.g. en, de)")->type_name("LANG");
  app->add_option("--collection", req.collections, "Only this collection")->type_name("NAME");
  app->add_option("--since", st->since, "Published on or after DATE (YYYY-MM-DD or date-time)")
      ->type_name("DATE");
  app->add_option("--until", st->until, "Published on or before DATE (a date includes the day)")
      ->type_name("DATE");
  app->add_option("--min-quality", req.min_quality, "Minimum quality")
      ->check(CLI::Range(0, 100))
      ->type_name("N");
  app->option_defaults()->group("Results");
  app->add_option("--sort", st->sort, "Order of the hits")
      ->type_name("ORDER")
      ->check(OneOf({"relevance", "newest", "oldest", "quality"}))
      ->default_str("relevance; newest without a query");
  app->add_option("--page", req.page, "Page number")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app->add_option("--per-page", req.per_page, "Hits per page (at most limits.max_per_page)")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app->add_option("--facets", st->facets, "Count the hits per value of these fields")
      ->type_name("FACETS")
      ->check(ListOf(query::FacetNames()));
  app->add_option("--match", st->match,
                  "Which words must match: all, any, or auto (all for short queries, any for long "
                  "ones or when all finds nothing)")
      ->type_name("MODE")
      ->check(OneOf({"auto", "all", "any"}))
      ->default_str("ranking.match, auto");
  app->add_option("--facet-size", st->facet_size, "Values shown per facet, largest first")
      ->type_name("N|all")
      ->default_str("20");
  app->add_flag("--explain", req.explain, "Show each hit's score components");
  app->add_flag("--no-collapse", st->no_collapse,
                "Show every article of a story instead of folding it into its best hit");
  app->add_option("--story", req.story, "Only the articles of this story (a hit's story id)")
      ->type_name("ID");
  app->add_option("--max-per-provider", st->max_per_provider,
                  "At most N hits of one provider on the first page (0: no cap)")
      ->check(CLI::Range(0, query::kMaxPerProvider))
      ->type_name("N")
      ->default_str("0");
  app->add_flag("--json", st->args.json, "Print the response as JSON (docs/api.md)");
  app->option_defaults()->group("Ranking (defaults from gazette.yaml ranking.*)");
  app->add_option("--quality-weight", st->w_quality, "Weight of quality in the score")
      ->check(CLI::NonNegativeNumber)
      ->type_name("W")
      ->default_str("1");
  app->add_option("--recency-weight", st->w_recency, "Weight of recency in the score")
      ->check(CLI::NonNegativeNumber)
      ->type_name("W")
      ->default_str("2");
  app->add_option("--recency", st->recency,
                  "auto: recency weighs by how the query's matches burst in recent days; "
                  "fixed: the recency weight as given")
      ->check(OneOf({"auto", "fixed"}))
      ->type_name("MODE")
      ->default_str("auto");
  app->add_option("--half-life", st->half_life, "Recency half-life")
      ->check(CLI::PositiveNumber)
      ->type_name("DAYS")
      ->default_str("30");
  app->add_option("--origin", st->origin, "Date recency is measured from")
      ->type_name("DATE")
      ->default_str("now");
  const std::tuple<const char*, std::optional<double>*, const char*> text_weights[] = {
      {"--title-weight", &st->w_title, "Weight of title words alone in the text score"},
      {"--excerpt-weight", &st->w_excerpt, "Extra weight of query words the excerpt holds"},
      {"--topics-weight", &st->w_topics, "Extra weight of query words the topics hold"},
      {"--body-weight", &st->w_body, "Weight of the whole text's score"},
      {"--k1", &st->k1, "BM25 k1: how much repeated words count"},
      {"--b", &st->b, "BM25 b: length normalisation, 0 to 1"}};
  for (const auto& [flag, slot, help] : text_weights) {
    app->add_option(flag, *slot, help)->check(CLI::NonNegativeNumber)->type_name("W");
  }
  app->footer(kSearchFooter);
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
            if (!st->facet_size.empty()) {
              auto size = query::ParseFacetSize(st->facet_size);
              if (!size.ok()) throw CLI::ValidationError("--facet-size", size.status().message());
              r.facet_size = *size;
            }
            r.ranking = config.ranking;
            if (st->w_quality) r.ranking.quality = *st->w_quality;
            if (st->w_recency) r.ranking.recency = *st->w_recency;
            if (st->half_life) r.ranking.half_life_days = *st->half_life;
            if (st->max_per_provider) r.ranking.max_per_provider = *st->max_per_provider;
            if (!st->recency.empty()) r.ranking.recency_auto = st->recency == "auto";
            if (st->no_collapse) r.collapse = false;
            r.ranking.origin = ParseDateFlag("--origin", st->origin, false);
            if (!st->match.empty()) r.ranking.match = *query::ParseMatchMode(st->match);
            query::FieldWeights& f = r.ranking.fields;
            for (auto [given, slot] : {std::pair{st->w_title, &f.title},
                                       {st->w_excerpt, &f.excerpt},
                                       {st->w_topics, &f.topics},
                                       {st->w_body, &f.body},
                                       {st->k1, &r.ranking.bm25.k1},
                                       {st->b, &r.ranking.bm25.b}}) {
              if (given) *slot = *given;
            }
            return RunSearch(config, args);
          }};
}

}  // namespace gazette
