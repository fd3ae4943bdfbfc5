// gazette.yaml: settings shared by every subcommand; flags override them.
#ifndef GAZETTE_MAIN_CONFIG_H_
#define GAZETTE_MAIN_CONFIG_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "corpus/field_map.h"
#include "query/search.h"

namespace gazette {

struct Config {
  std::string path;  // the gazette.yaml these settings came from; empty: built-in defaults
  std::string db = "data/gazette.db";
  // index
  int threads = 0;
  int writers = 0;
  std::size_t batch_size = 1000;
  std::size_t run_documents = 20000;
  bool stories = true;       // index.stories: story clustering (docs/stories.md)
  bool field_words = false;  // index.field_words: topic and excerpt word marks
  corpus::FieldMap fields;   // index.fields: gazette field -> source field
  std::string encoding;      // index.encoding: of inputs that are not UTF-8; "": detect
  // search
  query::Ranking ranking;
  query::Limits limits;
  // serve
  std::string listen = "127.0.0.1:8080";
  int server_threads = 0;
  std::string admin_token;
  std::string log_format = "text";  // access log: text or json
  std::string log_level = "info";   // debug, info, warn, error or off
  // rebuild gate: a rebuilt generation goes live only if its document count is within
  // this fraction of the live one's, and every canary query finds its article.
  double gate_tolerance = 0.2;
  struct Canary {
    std::string query;
    std::string expect;  // article id (URL) that must be among the first 20 hits
  };
  std::vector<Canary> canaries;
};

// Reads a YAML config file. Missing keys keep their defaults; unknown keys and wrong
// types are InvalidArgument naming the file, line and key.
Result<Config> LoadConfig(const std::string& path);

}  // namespace gazette

#endif  // GAZETTE_MAIN_CONFIG_H_
