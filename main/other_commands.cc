// `gazette serve` and `gazette corpus check`.
#include <iostream>

#include "corpus/reader.h"
#include "main/commands.h"
#include "web/server.h"

namespace gazette {

int RunServe(const Config& config) {
  web::ServerOptions options;
  options.db_path = config.db;
  const std::size_t colon = config.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "gazette serve: --listen: expected HOST:PORT, got '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.host = config.listen.substr(0, colon);
  try {
    options.port = std::stoi(config.listen.substr(colon + 1));
  } catch (const std::exception&) {
    options.port = -1;
  }
  if (options.port < 0 || options.port > 65535) {
    std::cerr << "gazette serve: --listen: bad port in '" << config.listen << "'\n";
    return kExitUsage;
  }
  options.threads = config.server_threads;
  options.limits = config.limits;
  options.ranking = config.ranking;
  options.admin_token = config.admin_token;
  Status status = web::Serve(options);
  if (!status.ok()) {
    std::cerr << "gazette serve: " << status.message() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

int RunCorpusCheck(const std::vector<std::string>& paths) {
  auto files = corpus::ListInputs(paths);
  if (!files.ok()) {
    std::cerr << "gazette corpus check: " << files.status().message() << "\n";
    return kExitFatal;
  }
  std::size_t good = 0;
  std::size_t bad = 0;
  std::vector<corpus::Diagnostic> warnings;
  auto report = [&](const Result<corpus::Article>& article) {
    if (article.ok()) {
      ++good;
    } else {
      ++bad;
      std::cerr << "error: " << article.status().message() << "\n";
    }
  };
  for (const auto& file : *files) {
    auto bytes = corpus::ReadFileBytes(file.path, corpus::kDefaultMaxFileBytes);
    if (!bytes.ok()) {
      ++bad;
      std::cerr << "error: " << bytes.status().message() << "\n";
      continue;
    }
    if (file.format == corpus::InputFormat::kMarkdown) {
      report(corpus::ParseMarkdown(*bytes, file.path, &warnings));
    } else {
      for (const auto& line : corpus::SplitJsonLines(*bytes)) {
        report(corpus::ParseJsonLine(line.bytes, file.path, line.line, &warnings));
      }
    }
  }
  for (const auto& w : warnings) std::cerr << "warning: " << w.ToString() << "\n";
  std::cout << good << " articles ok, " << bad << " broken, " << warnings.size() << " warnings in "
            << files->size() << " files\n";
  return bad == 0 ? kExitOk : kExitPartial;
}

}  // namespace gazette
