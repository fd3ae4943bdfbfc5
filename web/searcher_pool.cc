// Searcher checkout, background reopen and waiting for a database to appear.
#include "web/searcher_pool.h"

#include <iostream>

namespace gazette::web {

SearcherPool::Lease::~Lease() {
  if (searcher_) pool_->Release(std::move(searcher_));
}

SearcherPool::SearcherPool(std::string db_path, query::Limits limits, int size,
                           std::chrono::milliseconds reopen_interval)
    : db_path_(std::move(db_path)),
      limits_(limits),
      size_(std::max(size, 1)),
      interval_(reopen_interval) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_status_ = OpenAll();
}

SearcherPool::~SearcherPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SearcherPool::Start() {
  thread_ = std::thread([this] { Loop(); });
}

Status SearcherPool::OpenAll() {
  std::vector<std::unique_ptr<query::Searcher>> opened;
  for (int i = 0; i < size_; ++i) {
    auto searcher = query::Searcher::Open(db_path_, limits_);
    if (!searcher.ok()) {
      return Status::Unavailable("no database to search yet: " + searcher.status().message());
    }
    opened.push_back(std::move(*searcher));
  }
  // Value columns are shared by all searchers: one reads them ahead for all.
  opened.front()->Prepare();
  idle_ = std::move(opened);
  open_ = true;
  idle_changed_.notify_all();
  return Status::Ok();
}

Result<SearcherPool::Lease> SearcherPool::Acquire() {
  struct Waiting {
    std::atomic<int>* count;
    explicit Waiting(std::atomic<int>* c) : count(c) { ++*count; }
    ~Waiting() { --*count; }
  } waiting(&waiting_);
  std::unique_lock<std::mutex> lock(mutex_);
  if (!open_) return open_status_;
  idle_changed_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<query::Searcher> searcher = std::move(idle_.back());
  idle_.pop_back();
  // A searcher that was busy during the last refresh catches up now, so every request
  // after a refresh sees the same database.
  const std::uint64_t epoch = epoch_;
  if (refreshed_[searcher.get()] < epoch) {
    refreshed_.erase(searcher.get());
    lock.unlock();
    const bool changed = RefreshOne(&searcher);
    lock.lock();
    refreshed_[searcher.get()] = epoch;
    if (changed) ++reloads_;
  }
  ++leased_;
  return Lease(this, std::move(searcher));
}

query::Load SearcherPool::CurrentLoad() const {
  query::Load load;
  load.running = leased_.load();
  load.waiting = waiting_.load();
  return load;
}

bool SearcherPool::RefreshOne(std::unique_ptr<query::Searcher>* searcher) {
  auto reopened = (*searcher)->Reopen();
  if (reopened.ok()) return *reopened;
  // The database may have been swapped underneath: start over from the path.
  auto fresh = query::Searcher::Open(db_path_, limits_);
  if (!fresh.ok()) return false;
  *searcher = std::move(*fresh);
  return true;
}

void SearcherPool::Release(std::unique_ptr<query::Searcher> searcher) {
  --leased_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(searcher));
  }
  idle_changed_.notify_one();
}

bool SearcherPool::available() {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_;
}

void SearcherPool::Refresh() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!open_) {
    if (OpenAll().ok()) {
      ++reloads_;
      std::cerr << "gazette: database " << db_path_ << " is open\n";
    }
    return;
  }
  // Take the idle searchers out one at a time so requests keep being served; leased
  // ones catch up when next acquired (a Searcher also retries a search that races a
  // commit on its own).
  const std::uint64_t epoch = ++epoch_;
  const std::size_t idle_now = idle_.size();
  bool changed = false;
  for (std::size_t i = 0; i < idle_now && !idle_.empty(); ++i) {
    std::unique_ptr<query::Searcher> searcher = std::move(idle_.front());
    idle_.erase(idle_.begin());
    refreshed_.erase(searcher.get());
    lock.unlock();
    changed |= RefreshOne(&searcher);
    lock.lock();
    refreshed_[searcher.get()] = epoch;
    idle_.push_back(std::move(searcher));
    idle_changed_.notify_one();
  }
  if (changed) ++reloads_;
}

void SearcherPool::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (stop_changed_.wait_for(lock, interval_, [this] { return stopping_; })) break;
    lock.unlock();
    Refresh();
    lock.lock();
  }
}

}  // namespace gazette::web
