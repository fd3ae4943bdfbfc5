// A prepared SQLite statement and the delivery states of stored matches (private to
// alerts/).
#ifndef GAZETTE_ALERTS_STATEMENT_H_
#define GAZETTE_ALERTS_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace gazette::alerts {

// Delivery states of a match.
inline constexpr int kPending = 0;
inline constexpr int kDone = 1;  // delivered, or its search has no webhook
inline constexpr int kGivenUp = -1;

// One prepared statement, finalised on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  Statement& Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& BindBlob(int index, const std::string& bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  // Makes the statement ready to run again with new bindings.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int column) {
    const auto* text = sqlite3_column_text(stmt_, column);
    return text == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(text),
                                         sqlite3_column_bytes(stmt_, column));
  }
  std::string Blob(int column) {
    const void* bytes = sqlite3_column_blob(stmt_, column);
    return bytes == nullptr
               ? std::string()
               : std::string(static_cast<const char*>(bytes), sqlite3_column_bytes(stmt_, column));
  }
  std::int64_t Int(int column) { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

}  // namespace gazette::alerts

#endif  // GAZETTE_ALERTS_STATEMENT_H_
