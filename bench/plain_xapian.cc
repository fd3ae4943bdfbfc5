// plain_xapian: the "plain Xapian" peer of bench/peers.sh -- what a straightforward
// Xapian application does, for comparison with gazette: one document per article,
// TermGenerator with English stemming (default strategy, STEM_SOME) and positions,
// QueryParser (all words required) for queries. Reads articles with gazette's own readers.
//
//   plain_xapian index --db DIR PATH...
//   plain_xapian query --db DIR --queries FILE [--per-page 10]
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench/articles.h"
#include "bench/clients.h"
#include "corpus/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace corpus = gazette::corpus;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void Add(const corpus::Article& a, Xapian::TermGenerator* tg, Xapian::WritableDatabase* db) {
  Xapian::Document doc;
  tg->set_document(doc);
  tg->index_text(a.title, 1, "S");
  tg->index_text(a.title);
  tg->increase_termpos();
  tg->index_text(a.excerpt);
  tg->increase_termpos();
  tg->index_text(a.body);
  for (const std::string& t : a.topics) doc.add_boolean_term("K" + Lower(t));
  doc.set_data(a.title + "\n" + a.web_url);
  db->add_document(doc);
}

int Index(const std::string& db_path, const std::vector<std::string>& paths) {
  const auto start = Clock::now();
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  std::size_t count = 0;
  std::size_t broken = 0;
  const gazette::Status read = gazette::bench::ForEachArticle(
      paths, [&](const corpus::InputFile&, int, const gazette::Result<corpus::Article>& a) {
        if (!a.ok()) {
          ++broken;
        } else {
          Add(*a, &tg, &db);
          ++count;
        }
        return true;
      });
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.message().c_str());
    return 1;
  }
  db.commit();
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("indexed %zu articles (%zu broken) in %.2f s, %.0f articles/s\n", count, broken, s,
              static_cast<double>(count) / s);
  return 0;
}

int Query(const std::string& db_path, const std::string& queries_path, int per_page, int clients) {
  std::vector<std::string> queries;
  std::ifstream in(queries_path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  if (queries.empty()) {
    std::fprintf(stderr, "no queries in %s\n", queries_path.c_str());
    return 1;
  }
  // One Database, QueryParser and Enquire per client thread.
  auto result = gazette::bench::RunClients(queries, clients, [&]() -> gazette::bench::Client {
    struct State {
      Xapian::Database db;
      Xapian::QueryParser qp;
      Xapian::Enquire enquire;
      explicit State(const std::string& path) : db(path), enquire(db) {
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_database(db);
        qp.set_default_op(Xapian::Query::OP_AND);  // as gazette, FTS5 and Sphinx
        qp.add_prefix("title", "S");
        qp.add_boolean_prefix("topic", "K");
      }
    };
    auto state = std::make_shared<State>(db_path);
    return [state, per_page](const std::string& q, std::uint64_t* hits) {
      try {
        state->enquire.set_query(state->qp.parse_query(q));
        Xapian::MSet mset = state->enquire.get_mset(0, static_cast<Xapian::doccount>(per_page));
        std::size_t bytes = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          bytes += it.get_document().get_data().size();
        }
        static_cast<void>(bytes);  // as an application reads what it shows
        *hits += mset.get_matches_estimated();
        return true;
      } catch (const Xapian::Error&) {
        return false;
      }
    };
  });
  gazette::bench::PrintResult(result, clients, "");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Plain Xapian indexer and query timer (bench/peers.sh)"};
  app.require_subcommand(1);
  std::string db;
  app.add_option("--db", db, "Database")->required();
  std::vector<std::string> paths;
  CLI::App* index = app.add_subcommand("index", "Index article files");
  index->add_option("paths", paths, "Files or directories")->required();
  std::string queries;
  int per_page = 10;
  CLI::App* query = app.add_subcommand("query", "Time the queries of a file");
  query->add_option("--queries", queries, "Queries, one per line")->required();
  query->add_option("--per-page", per_page, "Hits per query");
  int clients = 1;
  query->add_option("--clients", clients, "Concurrent clients")->check(CLI::Range(1, 256));
  app.fallthrough();
  CLI11_PARSE(app, argc, argv);
  try {
    return *index ? Index(db, paths) : Query(db, queries, per_page, clients);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s\n", e.get_description().c_str());
    return 1;
  }
}
