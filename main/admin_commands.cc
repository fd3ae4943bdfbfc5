// `gazette rollback` and `gazette drop`: whole-database changes.
#include <iostream>
#include <memory>

#include "indexer/indexer.h"
#include "main/commands.h"

namespace gazette {

Command AddRollbackCommand(CLI::App* parent) {
  CLI::App* app = parent->add_subcommand(
      "rollback", "Make the generation before the live one live again (after --rebuild)");
  app->footer(
      "Examples:\n  gazette rollback --db news.db\n  gazette index --db news.db --rebuild "
      "~/articles && gazette rollback --db news.db   # undo the rebuild");
  return {app, [](const Config& config) {
            auto generation = indexer::RollbackGeneration(config.db);
            if (!generation.ok()) {
              std::cerr << "gazette rollback: " << generation.status().message() << "\n";
              return kExitFatal;
            }
            std::cout << "generation " << *generation << " is live again\n";
            return kExitOk;
          }};
}

Command AddDropCommand(CLI::App* parent) {
  auto collection = std::make_shared<std::string>();
  CLI::App* app = parent->add_subcommand("drop", "Delete every article of one collection");
  app->add_option("--collection", *collection, "Collection to delete")
      ->required()
      ->type_name("NAME");
  app->footer(
      "Examples:\n  gazette drop --db news.db --collection wire\n  gazette stats --db "
      "news.db   # lists the collections and their sizes");
  return {app, [collection](const Config& config) {
            auto dropped = indexer::DropCollection(config.db, *collection);
            if (!dropped.ok()) {
              std::cerr << "gazette drop: " << dropped.status().message() << "\n";
              return kExitFatal;
            }
            std::cout << "dropped " << *dropped << " articles of collection " << *collection
                      << "\n";
            return kExitOk;
          }};
}

}  // namespace gazette
