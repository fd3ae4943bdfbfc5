// Small synchronised queues for the indexing pipeline (private to indexer/).
#ifndef GAZETTE_INDEXER_WORK_QUEUE_H_
#define GAZETTE_INDEXER_WORK_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <iterator>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace gazette::indexer {

// A task queue whose tasks may add more tasks. Pop() blocks until a task is available,
// and returns nothing once the queue is empty and no task is still running.
// Thread-safe.
template <typename Task>
class TaskQueue {
 public:
  void Push(Task task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
      ++pending_;
    }
    cv_.notify_one();
  }

  // Queues `tasks`, in order, ahead of every waiting task: the pieces of a file are
  // worked on before the next file is read, so memory holds a few files, not all.
  void PushFront(std::vector<Task> tasks) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.insert(tasks_.begin(), std::make_move_iterator(tasks.begin()),
                    std::make_move_iterator(tasks.end()));
      pending_ += tasks.size();
    }
    cv_.notify_all();
  }

  // A popped task counts as pending until Done() is called for it.
  std::optional<Task> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !tasks_.empty() || pending_ == 0; });
    if (tasks_.empty()) return std::nullopt;
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    return task;
  }

  void Done() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--pending_ == 0) cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> tasks_;
  std::size_t pending_ = 0;
};

// A bounded multi-producer, single-consumer channel. Send() blocks while `capacity`
// items are waiting; Receive() returns nothing after Close() once drained.
// Thread-safe.
template <typename T>
class Channel {
 public:
  explicit Channel(std::size_t capacity) : capacity_(capacity) {}

  void Send(T item, std::size_t weight = 1) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return queued_weight_ < capacity_; });
    items_.emplace_back(std::move(item), weight);
    queued_weight_ += weight;
    not_empty_.notify_one();
  }

  std::optional<T> Receive() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    auto [item, weight] = std::move(items_.front());
    items_.pop_front();
    queued_weight_ -= weight;
    not_full_.notify_all();
    return std::move(item);
  }

  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<std::pair<T, std::size_t>> items_;
  std::size_t capacity_;
  std::size_t queued_weight_ = 0;
  bool closed_ = false;
};

}  // namespace gazette::indexer

#endif  // GAZETTE_INDEXER_WORK_QUEUE_H_
