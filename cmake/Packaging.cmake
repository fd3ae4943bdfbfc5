# The Debian package (`cpack -G DEB` in the build directory): the installed files of
# every install() rule, with dependencies computed from the binary's shared libraries
# by dpkg-shlibdeps.
set(CPACK_PACKAGE_NAME gazette)
set(CPACK_PACKAGE_VENDOR "gazette")
set(CPACK_PACKAGE_CONTACT "gazette maintainers <gazette@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search engine for news articles")
set(CPACK_PACKAGE_DESCRIPTION
    "gazette indexes news articles (Markdown with YAML front matter, or JSON Lines) into\n"
    "a Xapian database and answers keyword, faceted and filtered queries from the\n"
    "command line or over a JSON HTTP API with a built-in search page.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# xapian-compact and xapian-replicate for backups and replicas (docs/operations.md).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS xapian-tools)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/../packaging/debian/conffiles)
include(CPack)
