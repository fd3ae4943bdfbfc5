// A pool of query::Searcher instances, one per worker thread, kept fresh in the background.
#ifndef GAZETTE_WEB_SEARCHER_POOL_H_
#define GAZETTE_WEB_SEARCHER_POOL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "query/search.h"

namespace gazette::web {

class SearcherPool {
 public:
  // A checked-out Searcher; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease(SearcherPool* pool, std::unique_ptr<query::Searcher> searcher)
        : pool_(pool), searcher_(std::move(searcher)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    query::Searcher* operator->() { return searcher_.get(); }
    // The pool's load now: searchers leased (this one included) and requests waiting
    // for one. A search passes it on, so it runs in two lanes only on an idle machine.
    query::Load load() const { return pool_->CurrentLoad(); }

   private:
    SearcherPool* pool_;
    std::unique_ptr<query::Searcher> searcher_;
  };

  // Holds `size` searchers over `db_path`. Opening is tried at once and then retried by
  // the background thread (started by Start) until the database exists.
  SearcherPool(std::string db_path, query::Limits limits, int size,
               std::chrono::milliseconds reopen_interval = std::chrono::milliseconds(500));
  ~SearcherPool();  // stops the background thread

  // Starts the thread that reopens idle searchers every reopen_interval.
  void Start();

  // Waits for an idle searcher. Unavailable while no database could be opened.
  // Thread-safe.
  Result<Lease> Acquire();

  // Reopens every idle searcher (or opens the database if it is not open yet); the
  // background thread calls this. Thread-safe.
  void Refresh();

  // How many refreshes saw the database change (or appear).
  std::uint64_t reloads() const { return reloads_.load(); }
  bool available();

  // Searchers leased and requests waiting for one. Thread-safe.
  query::Load CurrentLoad() const;

 private:
  void Release(std::unique_ptr<query::Searcher> searcher);
  // Reopens one searcher (or opens a fresh one when that fails); true when it changed.
  bool RefreshOne(std::unique_ptr<query::Searcher>* searcher);
  Status OpenAll();  // REQUIRES: mutex_ is held and the pool is not open
  void Loop();

  const std::string db_path_;
  const query::Limits limits_;
  const int size_;
  const std::chrono::milliseconds interval_;

  std::mutex mutex_;
  std::condition_variable idle_changed_;
  std::vector<std::unique_ptr<query::Searcher>> idle_;  // guarded by mutex_
  bool open_ = false;                                   // guarded by mutex_
  Status open_status_;                                  // guarded by mutex_
  bool stopping_ = false;                               // guarded by mutex_
  std::condition_variable stop_changed_;
  std::thread thread_;
  std::atomic<std::uint64_t> reloads_{0};
  std::atomic<int> leased_{0};   // searchers out of the pool in Leases
  std::atomic<int> waiting_{0};  // requests in Acquire
  std::uint64_t epoch_ = 0;      // refresh passes so far; guarded by mutex_
  // The refresh pass each searcher last caught up with; guarded by mutex_.
  std::unordered_map<const query::Searcher*, std::uint64_t> refreshed_;
};

}  // namespace gazette::web

#endif  // GAZETTE_WEB_SEARCHER_POOL_H_
