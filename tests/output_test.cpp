#include "ungegaranti/output.hpp"

#include <doctest/doctest.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/input_file.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("ungegaranti-test-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("write_file_atomically writes the whole file and leaves no temporary") {
  TempDir dir;
  fs::path target = dir.path / "out.txt";
  ungegaranti::write_file_atomically(target.string(), "first");
  ungegaranti::write_file_atomically(target.string(), "second");
  CHECK(slurp(target) == "second");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("a failed write leaves nothing behind and an existing file untouched") {
  TempDir dir;
  std::string missing = (dir.path / "no-such-folder" / "out.csv").string();
  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically(missing, "x"),
                       ("cannot write '" + missing + "': No such file or directory").c_str(),
                       ungegaranti::Error);
  CHECK(entries(dir.path) == 0);

  fs::path readonly = dir.path / "locked.csv";
  ungegaranti::write_file_atomically(readonly.string(), "keep");
  fs::permissions(readonly, fs::perms::owner_read | fs::perms::group_read);
  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically(readonly.string(), "lost"),
                       ("cannot write '" + readonly.string() + "': the file is read-only").c_str(),
                       ungegaranti::Error);
  CHECK(slurp(readonly) == "keep");
  CHECK(entries(dir.path) == 1);

  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically(dir.path.string(), "x"),
                       ("cannot write '" + dir.path.string() + "': it is a directory").c_str(),
                       ungegaranti::Error);
}

TEST_CASE("a full disk mid-write leaves nothing and keeps the old file") {
  // A file-size limit makes write() fail part-way with EFBIG, as a full disk fails with ENOSPC.
  TempDir dir;
  fs::path target = dir.path / "out.csv";
  ungegaranti::write_file_atomically(target.string(), "old");
  struct rlimit before {};
  getrlimit(RLIMIT_FSIZE, &before);
  struct rlimit small = before;
  small.rlim_cur = 1000;
  void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
  setrlimit(RLIMIT_FSIZE, &small);
  std::string big(100000, 'x');
  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically(target.string(), big),
                       ("cannot write '" + target.string() + "': File too large").c_str(),
                       ungegaranti::Error);
  setrlimit(RLIMIT_FSIZE, &before);
  signal(SIGXFSZ, old_handler);
  CHECK(slurp(target) == "old");
  CHECK(entries(dir.path) == 1);
}

// ---- Issue 15: what -o may write, and what it leaves behind.

TEST_CASE("-o writes through a symbolic link to its target and keeps the link") {
  TempDir dir;
  fs::path real = dir.path / "real.csv";
  ungegaranti::write_file_atomically(real.string(), "old");
  fs::create_symlink("real.csv", dir.path / "link.csv");
  ungegaranti::write_file_atomically((dir.path / "link.csv").string(), "new");
  CHECK(fs::is_symlink(dir.path / "link.csv"));
  CHECK(slurp(real) == "new");
  CHECK(entries(dir.path) == 2);

  // A dangling link: its target is made, the link stays.
  fs::create_symlink("made.csv", dir.path / "dangling.csv");
  ungegaranti::write_file_atomically((dir.path / "dangling.csv").string(), "made");
  CHECK(fs::is_symlink(dir.path / "dangling.csv"));
  CHECK(slurp(dir.path / "made.csv") == "made");
  CHECK(entries(dir.path) == 4);
}

TEST_CASE("-o refuses devices, FIFOs and the run's own inputs, and never makes a folder") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically("/dev/null", "x"),
                       "cannot write '/dev/null': it is a character device, not a regular file",
                       ungegaranti::Error);
  CHECK(fs::is_character_file("/dev/null"));
  fs::path fifo = dir.path / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_THROWS_WITH_AS(
      ungegaranti::write_file_atomically(fifo.string(), "x"),
      ("cannot write '" + fifo.string() + "': it is a named pipe (FIFO), not a regular file")
          .c_str(),
      ungegaranti::Error);

  fs::path input = dir.path / "input.yaml";
  ungegaranti::write_file_atomically(input.string(), "title: x\n");
  fs::create_hard_link(input, dir.path / "other-name.yaml");  // before the read: it changes ctime
  ungegaranti::clear_input_log();
  ungegaranti::read_input_file(input.string(), 100, {}, {"en fil", "a file"});
  CHECK_THROWS_WITH_AS(
      ungegaranti::write_file_atomically((dir.path / "other-name.yaml").string(), "lost"),
      ("cannot write '" + (dir.path / "other-name.yaml").string() +
       "': it is an input of this run (read as '" + input.string() + "')")
          .c_str(),
      ungegaranti::Error);
  ungegaranti::clear_input_log();
  CHECK(slurp(input) == "title: x\n");
  CHECK(entries(dir.path) == 3);  // fifo, input.yaml, other-name.yaml: no temporary file

  CHECK_THROWS_WITH_AS(ungegaranti::write_file_atomically("", "x"), "cannot write '': empty path",
                       ungegaranti::Error);
}

TEST_CASE("-o works with a file name of 240 bytes (the temporary name stays short)") {
  TempDir dir;
  fs::path target = dir.path / (std::string(236, 'n') + ".csv");
  REQUIRE(target.filename().string().size() == 240);
  ungegaranti::write_file_atomically(target.string(), "long");
  CHECK(slurp(target) == "long");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("the report and its figure folder are replaced as one unit") {
  TempDir dir;
  fs::path md = dir.path / "r.md";
  using Files = std::vector<std::pair<std::string, std::string>>;
  ungegaranti::write_with_folder(md.string(), "first", "r-figurer",
                                 Files{{"1-cost.svg", "a"}, {"2-neet.svg", "b"}});
  CHECK(slurp(md) == "first");
  CHECK(slurp(dir.path / "r-figurer" / "2-neet.svg") == "b");

  // The second run has one figure: the old folder goes whole, so no stale 2-neet.svg remains.
  ungegaranti::write_with_folder(md.string(), "second", "r-figurer", Files{{"1-cost.svg", "c"}});
  CHECK(slurp(md) == "second");
  CHECK(slurp(dir.path / "r-figurer" / "1-cost.svg") == "c");
  CHECK(entries(dir.path / "r-figurer") == 1);
  CHECK(entries(dir.path) == 2);

  // A run that fails (the document is read-only) leaves the old pair as it was, and nothing else.
  fs::permissions(md, fs::perms::owner_read);
  CHECK_THROWS_WITH_AS(
      ungegaranti::write_with_folder(md.string(), "third", "r-figurer", Files{{"1-cost.svg", "d"}}),
      ("cannot write '" + md.string() + "': the file is read-only").c_str(), ungegaranti::Error);
  fs::permissions(md, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(slurp(md) == "second");
  CHECK(slurp(dir.path / "r-figurer" / "1-cost.svg") == "c");
  CHECK(entries(dir.path) == 2);
}

TEST_CASE("a signal while the temporary file exists removes it (in-process, forked)") {
  for (int signal_number : {SIGTERM, SIGINT}) {
    CAPTURE(signal_number);
    TempDir dir;
    fs::path target = dir.path / "out.csv";
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // doctest handles SIGTERM and SIGINT itself; the library keeps a handler it finds, so the
      // child first gives them their default action, as a plain program has.
      ::signal(SIGTERM, SIG_DFL);
      ::signal(SIGINT, SIG_DFL);
      ungegaranti::OutputFile file(target.string());
      file.write("half a file");
      ::raise(signal_number);
      ::_exit(0);  // not reached: the handler removes the file, then the signal ends the process
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    CHECK(entries(dir.path) == 0);
  }
}

TEST_CASE("SIGTERM to the real binary while it writes a large -o leaves no temporary file") {
  // `show` writes a 3 MB scenario back out. inotify says when the temporary file appears; the
  // SIGTERM sent then arrives while it is written or flushed (a hit), or, rarely, after the
  // rename (the run then completes). Either way nothing but the input and a whole output may
  // remain, and at least one of ten runs must be a hit.
  TempDir dir;
  fs::path input = dir.path / "big.yaml";
  std::ofstream(input) << "extends: " << UNGEGARANTI_SOURCE_DIR
                       << "/scenarios/norddjurs.yaml\ntitle: \"" << std::string(3 << 20, 'x')
                       << "\"\n";
  fs::path target = dir.path / "out.yaml";
  int hits = 0;
  for (int attempt = 0; attempt < 10 && hits == 0; ++attempt) {
    fs::remove(target);
    int watch = ::inotify_init1(IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(::inotify_add_watch(watch, dir.path.c_str(), IN_CREATE) >= 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::execl(UNGEGARANTI_CLI, "ungegaranti", "show", "-s", input.c_str(), "-o", target.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    bool seen = false;
    alignas(inotify_event) char buffer[4096];
    pollfd wait_for{watch, POLLIN, 0};
    // The poll timeout only guards against a hang if the binary never writes; it is not a check.
    while (!seen && ::poll(&wait_for, 1, 30000) > 0) {
      ssize_t n = ::read(watch, buffer, sizeof buffer);
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if (event->len > 0 && std::string_view(event->name).starts_with(".out.yaml.tmp-"))
          seen = true;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    if (seen)
      ::kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    ::close(watch);
    REQUIRE(seen);
    if (WIFSIGNALED(status)) {
      CHECK(WTERMSIG(status) == SIGTERM);
      CHECK(entries(dir.path) == 1);  // big.yaml only
      ++hits;
    } else {
      CHECK(WEXITSTATUS(status) == 0);
      CHECK(entries(dir.path) == 2);  // big.yaml and the whole out.yaml
    }
  }
  CHECK(hits > 0);
}
