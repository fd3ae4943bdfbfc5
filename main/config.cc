// Loads gazette.yaml with yaml-cpp.
#include "main/config.h"

#include "corpus/encoding.h"
#include "query/request_rules.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <set>

namespace gazette {
namespace {

using Setter = std::function<void(const YAML::Node&, Config*)>;

// A number of at least 0.
double NonNegative(const YAML::Node& n) {
  const double v = n.as<double>();
  if (!(v >= 0) || v > 1e9) throw YAML::RepresentationException(n.Mark(), "expected a number >= 0");
  return v;
}

const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"database", [](const YAML::Node& n, Config* c) { c->db = n.as<std::string>(); }},
      {"index.threads", [](const YAML::Node& n, Config* c) { c->threads = n.as<int>(); }},
      {"index.writers", [](const YAML::Node& n, Config* c) { c->writers = n.as<int>(); }},
      {"index.batch_size",
       [](const YAML::Node& n, Config* c) { c->batch_size = n.as<std::size_t>(); }},
      {"index.run_documents",
       [](const YAML::Node& n, Config* c) { c->run_documents = n.as<std::size_t>(); }},
      {"index.stories", [](const YAML::Node& n, Config* c) { c->stories = n.as<bool>(); }},
      {"index.field_words", [](const YAML::Node& n, Config* c) { c->field_words = n.as<bool>(); }},
      {"index.fields",
       [](const YAML::Node& n, Config* c) {
         if (!n.IsMap()) {
           throw YAML::RepresentationException(n.Mark(), "expected field: source pairs");
         }
         for (const auto& kv : n) {
           Status set = c->fields.Set(kv.first.as<std::string>(), kv.second.as<std::string>());
           if (!set.ok()) throw YAML::RepresentationException(kv.first.Mark(), set.message());
         }
       }},
      {"index.encoding",
       [](const YAML::Node& n, Config* c) {
         c->encoding = n.as<std::string>();
         Status known = corpus::CheckEncoding(c->encoding);
         if (!known.ok()) throw YAML::RepresentationException(n.Mark(), known.message());
       }},
      {"ranking.quality",
       [](const YAML::Node& n, Config* c) { c->ranking.quality = n.as<double>(); }},
      {"ranking.recency",
       [](const YAML::Node& n, Config* c) { c->ranking.recency = n.as<double>(); }},
      {"ranking.half_life_days",
       [](const YAML::Node& n, Config* c) { c->ranking.half_life_days = n.as<double>(); }},
      {"ranking.match",
       [](const YAML::Node& n, Config* c) {
         auto mode = query::ParseMatchMode(n.as<std::string>());
         if (!mode.ok()) throw YAML::RepresentationException(n.Mark(), "expected auto, all or any");
         c->ranking.match = *mode;
       }},
      {"ranking.max_per_provider",
       [](const YAML::Node& n, Config* c) { c->ranking.max_per_provider = n.as<int>(); }},
      {"ranking.recency_mode",
       [](const YAML::Node& n, Config* c) {
         const auto mode = query::ParseRecencyMode(n.as<std::string>());
         if (!mode.ok()) throw YAML::RepresentationException(n.Mark(), "expected auto or fixed");
         c->ranking.recency_auto = *mode;
       }},
      {"ranking.decay",
       [](const YAML::Node& n, Config* c) {
         const std::string d = n.as<std::string>();
         if (d != "exponential" && d != "gaussian") {
           throw YAML::RepresentationException(n.Mark(), "expected exponential or gaussian");
         }
         c->ranking.decay = d == "gaussian" ? query::Decay::kGaussian : query::Decay::kExponential;
       }},
      {"ranking.fields.title",
       [](const YAML::Node& n, Config* c) { c->ranking.fields.title = NonNegative(n); }},
      {"ranking.fields.excerpt",
       [](const YAML::Node& n, Config* c) { c->ranking.fields.excerpt = NonNegative(n); }},
      {"ranking.fields.topics",
       [](const YAML::Node& n, Config* c) { c->ranking.fields.topics = NonNegative(n); }},
      {"ranking.fields.body",
       [](const YAML::Node& n, Config* c) { c->ranking.fields.body = NonNegative(n); }},
      {"ranking.bm25.k1",
       [](const YAML::Node& n, Config* c) { c->ranking.bm25.k1 = NonNegative(n); }},
      {"ranking.bm25.b",
       [](const YAML::Node& n, Config* c) {
         c->ranking.bm25.b = NonNegative(n);
         if (c->ranking.bm25.b > 1) {
           throw YAML::RepresentationException(n.Mark(), "expected a number from 0 to 1");
         }
       }},
      {"limits.max_per_page",
       [](const YAML::Node& n, Config* c) { c->limits.max_per_page = n.as<int>(); }},
      {"limits.max_page_depth",
       [](const YAML::Node& n, Config* c) { c->limits.max_page_depth = n.as<int>(); }},
      {"limits.max_query_bytes",
       [](const YAML::Node& n, Config* c) { c->limits.max_query_bytes = n.as<std::size_t>(); }},
      {"limits.time_limit_ms",
       [](const YAML::Node& n, Config* c) { c->limits.time_limit_s = n.as<double>() / 1000.0; }},
      {"limits.facet_sample_above",
       [](const YAML::Node& n, Config* c) {
         c->limits.facet_sample_above = n.as<std::uint64_t>();
       }},
      {"limits.facet_sample_size",
       [](const YAML::Node& n, Config* c) { c->limits.facet_sample_size = n.as<std::uint64_t>(); }},
      {"limits.parallel_above",
       [](const YAML::Node& n, Config* c) { c->limits.parallel_above = n.as<std::uint64_t>(); }},
      {"server.listen", [](const YAML::Node& n, Config* c) { c->listen = n.as<std::string>(); }},
      {"server.threads", [](const YAML::Node& n, Config* c) { c->server_threads = n.as<int>(); }},
      {"rebuild.tolerance",
       [](const YAML::Node& n, Config* c) { c->gate_tolerance = n.as<double>(); }},
      {"rebuild.canaries",
       [](const YAML::Node& n, Config* c) {
         if (!n.IsSequence()) throw YAML::RepresentationException(n.Mark(), "expected a list");
         for (const auto& item : n) {
           if (!item.IsMap() || !item["query"] || !item["expect"]) {
             throw YAML::RepresentationException(item.Mark(),
                                                 "each canary needs query: and expect:");
           }
           c->canaries.push_back(
               {item["query"].as<std::string>(), item["expect"].as<std::string>()});
         }
       }},
      {"server.log_format",
       [](const YAML::Node& n, Config* c) {
         c->log_format = n.as<std::string>();
         if (c->log_format != "text" && c->log_format != "json") {
           throw YAML::RepresentationException(n.Mark(), "expected one of text, json");
         }
       }},
      {"server.log_level",
       [](const YAML::Node& n, Config* c) {
         c->log_level = n.as<std::string>();
         static const std::set<std::string> kLevels = {"debug", "info", "warn", "error", "off"};
         if (!kLevels.count(c->log_level)) {
           throw YAML::RepresentationException(n.Mark(),
                                               "expected one of debug, info, warn, error, off");
         }
       }},
      {"server.admin_token",
       [](const YAML::Node& n, Config* c) { c->admin_token = n.as<std::string>(); }},
  };
  return kSetters;
}

void Apply(const YAML::Node& node, const std::string& prefix, Config* config,
           const std::string& path) {
  for (const auto& kv : node) {
    const std::string key = prefix + kv.first.as<std::string>();
    const int line = kv.first.Mark().line + 1;
    if (kv.second.IsMap() && Setters().count(key) == 0) {
      Apply(kv.second, key + ".", config, path);
      continue;
    }
    auto it = Setters().find(key);
    if (it == Setters().end()) {
      throw std::runtime_error(path + ":" + std::to_string(line) + ": unknown setting '" + key +
                               "'");
    }
    try {
      it->second(kv.second, config);
    } catch (const YAML::Exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line) + ": " + key + ": " + e.msg);
    }
  }
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  Config config;
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (root.IsNull()) return config;
    if (!root.IsMap()) return Status::InvalidArgument(path + ": expected a mapping of settings");
    Apply(root, "", &config, path);
  } catch (const YAML::BadFile&) {
    return Status::NotFound(path + ": cannot read config file");
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  } catch (const std::runtime_error& e) {
    return Status::InvalidArgument(e.what());
  }
  return config;
}

}  // namespace gazette
