// The gazette binary as a writer under stress: killed with SIGKILL at random points of
// first runs, incremental runs and rebuilds on Reuters, and run concurrently. After
// each, the live index passes xapian-check, a re-run converges on the full document
// set, rollback is safe, and no run that exited 0 lost an article.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_support.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Reuters folders 00-02 (about 3,000 articles): big enough that a run takes a second
// or two and passes through reading, writing, merging and switching, small enough for
// 20 kills in CI.
constexpr int kFolders = 3;
constexpr int kKills = 20;

std::vector<std::string> ReutersFolders(int first, int count) {
  const std::string corpora = testing::SharedCorpora();
  std::vector<std::string> out;
  for (int i = first; i < first + count; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "%02d", i);
    out.push_back(corpora + "/reuters/" + name);
  }
  return out;
}

std::size_t CountArticles(const std::vector<std::string>& folders) {
  std::size_t n = 0;
  for (const auto& folder : folders) {
    for (const auto& e : fs::recursive_directory_iterator(folder))
      n += e.path().extension() == ".md";
  }
  return n;
}

struct Process {
  pid_t pid = -1;
  std::string err_path;
};

// Starts `gazette args...` with stdout and stderr going to files beside `err_base`.
Process Start(const std::vector<std::string>& args, const std::string& err_base) {
  Process p;
  p.err_path = err_base + ".err";
  p.pid = ::fork();
  REQUIRE(p.pid >= 0);
  if (p.pid == 0) {
    const int out = ::open((err_base + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(p.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(127);
    std::vector<char*> argv;
    std::string binary = GAZETTE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return p;
}

// Waits for `p`; its exit status, or -signal when it was killed.
int Wait(const Process& p) {
  int raw = 0;
  REQUIRE(::waitpid(p.pid, &raw, 0) == p.pid);
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -WTERMSIG(raw);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Db {
  std::string dir;
  std::string path;    // the stub users name
  std::string config;  // lets a rebuild change the document count

  std::vector<std::string> Args(std::vector<std::string> tail) const {
    std::vector<std::string> args{"--config", config, "--db", path};
    args.insert(args.end(), tail.begin(), tail.end());
    return args;
  }
  int Run(std::vector<std::string> tail, const std::string& name) const {
    return Wait(Start(Args(std::move(tail)), dir + "/" + name));
  }
  std::vector<std::string> IndexArgs(const std::vector<std::string>& folders, bool rebuild) const {
    std::vector<std::string> tail{"index", "-q", "--prune"};
    if (rebuild) tail.push_back("--rebuild");
    tail.insert(tail.end(), folders.begin(), folders.end());
    return tail;
  }
};

Db MakeDb(const TempDir& temp, const std::string& name) {
  Db db{temp.Sub(name), temp.Sub(name) + "/news.db", temp.Sub(name) + "/gazette.yaml"};
  fs::remove_all(db.dir);
  fs::create_directories(db.dir);
  std::ofstream(db.config) << "rebuild:\n  tolerance: 10\n";
  return db;
}

// Documents in the live index, or -1 when there is none.
long Documents(const Db& db) {
  if (!fs::exists(db.path)) return -1;
  const int status = db.Run({"stats", "--json"}, "stats");
  REQUIRE(status == 0);
  const std::string out = Slurp(db.dir + "/stats.out");
  const std::size_t at = out.find("\"documents\":");
  REQUIRE(at != std::string::npos);
  return std::stol(out.substr(at + 12));
}

// xapian-check on every shard the live stub names; empty when all pass.
std::string CheckLive(const Db& db) {
  if (!fs::exists(db.path)) return "";
  std::ifstream stub(db.path);
  std::string type, shard, failures;
  while (stub >> type >> shard) {
    const std::string full = (fs::path(db.path).parent_path() / shard).string();
    const std::string command = "xapian-check '" + full + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) failures += "xapian-check fails on " + full + "\n";
  }
  return failures;
}

std::vector<std::string> GenerationDirs(const Db& db) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(db.path + ".generations", ec)) {
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void CopyDb(const Db& from, const Db& to) {
  fs::remove_all(to.dir);
  fs::create_directories(to.dir);
  fs::copy(from.dir, to.dir, fs::copy_options::recursive);
}

TEST_CASE("Killed 20 times at random points - the index stays sound and converges",
          "[writers][corpora]") {
  if (testing::SharedCorpora().empty()) FAIL("../shared/corpora is missing: cannot test");
  if (std::system("command -v xapian-check >/dev/null") != 0) FAIL("xapian-check is missing");
  TempDir temp;
  const std::vector<std::string> small = ReutersFolders(0, kFolders - 1);
  const std::vector<std::string> full = ReutersFolders(0, kFolders);
  const long small_n = static_cast<long>(CountArticles(small));
  const long full_n = static_cast<long>(CountArticles(full));

  // Starting points, built once: generation 1 with the small set (for incremental
  // runs), and generation 2 with the full set above it (for rebuilds).
  const Db one = MakeDb(temp, "one");
  auto timed = std::chrono::steady_clock::now();
  REQUIRE(one.Run(one.IndexArgs(small, false), "index") == 0);
  const double run_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - timed).count();
  REQUIRE(Documents(one) == small_n);
  const Db two = MakeDb(temp, "two");
  CopyDb(one, two);
  REQUIRE(two.Run(two.IndexArgs(full, true), "rebuild") == 0);
  REQUIRE(Documents(two) == full_n);

  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 random(seed);
  // Kill anywhere from the start to a little past a whole run's time.
  std::uniform_real_distribution<double> when(0.0, run_s * 1.3);
  int passed = 0;
  for (int i = 0; i < kKills; ++i) {
    const int mode = i % 3;  // 0: first run, 1: incremental, 2: rebuild
    const char* names[] = {"first run", "incremental run", "rebuild"};
    const Db db = MakeDb(temp, "kill");
    if (mode == 1) CopyDb(one, db);
    if (mode == 2) CopyDb(two, db);
    const double delay = when(random);
    INFO("kill " << i + 1 << ": " << names[mode] << " after " << delay << " s");
    const Process p = Start(db.Args(db.IndexArgs(full, mode == 2)), db.dir + "/killed");
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    ::kill(p.pid, SIGKILL);
    const int status = Wait(p);
    CHECK((status == -SIGKILL || status == 0));

    // Each check that fails is named; an iteration passes when none does.
    std::string failures;
    auto expect = [&failures](bool ok, const std::string& what) {
      if (!ok) failures += what + "\n";
    };
    // The live index (if any) is sound and is one of the states a run can leave.
    const std::string check = CheckLive(db);
    expect(check.empty(), check);
    const long after_kill = Documents(db);
    if (mode == 0)
      expect(after_kill == -1 || after_kill == full_n, "first run: partial index live");
    if (mode == 1) {
      expect(after_kill >= small_n && after_kill <= full_n, "incremental: documents lost");
    }
    if (mode == 2) expect(after_kill == full_n, "rebuild: live index changed");

    // Rollback goes only to a generation that was live, and that opens.
    const Db rolled = MakeDb(temp, "rolled");
    CopyDb(db, rolled);
    const bool switched = mode == 2 && Slurp(db.path).find("000003") != std::string::npos;
    const int rollback = rolled.Run({"rollback"}, "rollback");
    if (mode == 2) {
      expect(rollback == 0, "rebuild: rollback failed: " + Slurp(rolled.dir + "/rollback.err"));
      expect(CheckLive(rolled).empty(), "rebuild: rolled-back index fails xapian-check");
      // Back to generation 1, or to 2 when the kill came after the switch to 3.
      expect(Documents(rolled) == (switched ? full_n : small_n), "rebuild: wrong rollback target");
    } else {
      // Nothing to go back to: no database yet, or only the generation now live.
      const std::string err = Slurp(rolled.dir + "/rollback.err");
      expect(rollback == 1 && (err.find("no earlier generation") != std::string::npos ||
                               (after_kill == -1 && err.find("no database") != std::string::npos)),
             "rollback found a generation that never went live: " + err);
    }

    // A re-run converges on the full set and leaves no partial generation behind.
    expect(db.Run(db.IndexArgs(full, false), "rerun") == 0, "re-run failed");
    expect(CheckLive(db).empty(), "re-run: xapian-check fails");
    expect(Documents(db) == full_n, "re-run: not the full document set");
    for (const auto& g : GenerationDirs(db)) {
      expect(fs::exists(db.path + ".generations/" + g + "/complete"),
             "generation " + g + " left incomplete");
    }
    CHECK(failures == "");
    if (failures.empty()) ++passed;
  }
  WARN(passed << " of " << kKills << " kills passed every check");
  CHECK(passed == kKills);
}

struct Outcome {
  int status;
  std::string err;
};

// Runs two gazette commands at once on one database.
std::pair<Outcome, Outcome> Race(const Db& db, const std::vector<std::string>& a,
                                 const std::vector<std::string>& b) {
  const Process pa = Start(db.Args(a), db.dir + "/a");
  const Process pb = Start(db.Args(b), db.dir + "/b");
  const int sa = Wait(pa);
  const int sb = Wait(pb);
  return {{sa, Slurp(pa.err_path)}, {sb, Slurp(pb.err_path)}};
}

// A run either did its work (0) or was refused by the lock, naming the holder.
void CheckLockedOrDone(const Outcome& o) {
  INFO(o.err);
  CHECK((o.status == 0 || o.status == 1));
  if (o.status == 1) CHECK_THAT(o.err, Catch::Contains("locked by another indexer (pid "));
}

TEST_CASE("Concurrent writers lose nothing: the second waits its turn or is refused",
          "[writers][corpora]") {
  if (testing::SharedCorpora().empty()) FAIL("../shared/corpora is missing: cannot test");
  TempDir temp;
  const std::vector<std::string> first = ReutersFolders(0, 2);
  const std::vector<std::string> second = ReutersFolders(2, 2);
  const long first_n = static_cast<long>(CountArticles(first));
  const long second_n = static_cast<long>(CountArticles(second));
  std::vector<std::string> both = first;
  both.insert(both.end(), second.begin(), second.end());

  SECTION("two first runs") {
    const Db db = MakeDb(temp, "first");
    std::vector<std::string> a{"index", "-q"}, b{"index", "-q"};
    a.insert(a.end(), first.begin(), first.end());
    b.insert(b.end(), second.begin(), second.end());
    const auto [oa, ob] = Race(db, a, b);
    CheckLockedOrDone(oa);
    CheckLockedOrDone(ob);
    CHECK((oa.status == 0 || ob.status == 0));
    const long expected = (oa.status == 0 ? first_n : 0) + (ob.status == 0 ? second_n : 0);
    CHECK(Documents(db) == expected);
    CHECK(CheckLive(db) == "");
  }
  SECTION("two rebuilds") {
    const Db db = MakeDb(temp, "rebuilds");
    REQUIRE(db.Run(db.IndexArgs(first, false), "seed") == 0);
    const auto [oa, ob] = Race(db, db.IndexArgs(both, true), db.IndexArgs(first, true));
    CheckLockedOrDone(oa);
    CheckLockedOrDone(ob);
    CHECK((oa.status == 0 || ob.status == 0));
    // The live generation is the newest; the one before it opens for rollback.
    const std::vector<std::string> generations = GenerationDirs(db);
    REQUIRE(!generations.empty());
    CHECK_THAT(Slurp(db.path), Catch::Contains(generations.back()));
    const long live = Documents(db);
    if (oa.status == 0 && ob.status == 1) CHECK(live == first_n + second_n);
    if (ob.status == 0 && oa.status == 1) CHECK(live == first_n);
    CHECK(CheckLive(db) == "");
  }
  SECTION("a rebuild and an incremental run") {
    const Db db = MakeDb(temp, "mixed");
    REQUIRE(db.Run(db.IndexArgs(first, false), "seed") == 0);
    std::vector<std::string> add{"index", "-q"};
    add.insert(add.end(), second.begin(), second.end());
    const auto [rebuild, incremental] = Race(db, db.IndexArgs(first, true), add);
    CheckLockedOrDone(rebuild);
    CheckLockedOrDone(incremental);
    CHECK((rebuild.status == 0 || incremental.status == 0));
    // Whatever ran first, the incremental run's articles are live once it has run.
    if (incremental.status == 1) REQUIRE(db.Run(add, "again") == 0);
    if (rebuild.status == 0 && incremental.status == 0) {
      // Both ran, one after the other: the rebuild (of the first half) may have come
      // last, and then the second half is re-added by running it again.
      REQUIRE(db.Run(add, "again") == 0);
    }
    CHECK(Documents(db) == first_n + second_n);
    CHECK(CheckLive(db) == "");
  }
}

}  // namespace
}  // namespace gazette
