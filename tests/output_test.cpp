#include "ungegaranti/output.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ungegaranti/error.hpp"

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
