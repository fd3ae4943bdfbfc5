// Scratch directories and databases built from the bundled sample corpus.
#ifndef GAZETTE_TESTS_WEB_TEST_DB_H_
#define GAZETTE_TESTS_WEB_TEST_DB_H_

#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette::web::testing {

using ScratchDir = gazette::testing::TempDir;

// GAZETTE_SOURCE_DIR/corpus/sample, or its subdirectory `part` ("2023", ...).
std::string SamplePath(const std::string& part = "");

// Indexes `inputs` into `db_path`; fails the current test on error.
void IndexInto(const std::string& db_path, const std::vector<std::string>& inputs);

// A database of the whole sample corpus, built once per test run.
const std::string& SampleDb();

}  // namespace gazette::web::testing

#endif  // GAZETTE_TESTS_WEB_TEST_DB_H_
