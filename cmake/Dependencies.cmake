# Every third-party dependency, found the CMake way from Debian's packages.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4.22)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# zstd: stored records (indexer/stored_data.h), read back faster than Xapian's zlib.
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# SQLite: the alerts store, shared by the server and the indexer (alerts/store.h).
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# sd_notify: readiness and reload reports to systemd (gazette.service, Type=notify).
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
# jemalloc: the indexer's writers allocate and free millions of small nodes per batch,
# across threads; glibc's allocator costs ~12% of an indexing run more.
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp REQUIRED)
find_package(md4c REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(simdjson REQUIRED)  # stored records read on the query path
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(Threads REQUIRED)
# Abseil's flat hash map for the analysers' per-thread stem caches, looked up once per
# word: one probe, no division per bucket step as in std::unordered_map.
find_package(absl REQUIRED)
# CLD2 (libcld2-dev) ships no CMake or pkg-config file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(CLD2::CLD2 UNKNOWN IMPORTED)
set_target_properties(CLD2::CLD2 PROPERTIES IMPORTED_LOCATION "${CLD2_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
if(BUILD_TESTING)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
