#include "ungegaranti/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace ungegaranti {
namespace {

std::mutex log_mutex;
std::vector<InputFile> log_files;  // guarded by log_mutex

// Closes the descriptor on every path out of read_input_file().
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0)
      ::close(fd);
  }
};

}  // namespace

Message kind_of_file(mode_t mode, const Message& otherwise) {
  if (S_ISFIFO(mode))
    return {"en navngiven pipe (FIFO)", "a named pipe (FIFO)"};
  if (S_ISCHR(mode))
    return {"en tegnenhed", "a character device"};
  if (S_ISBLK(mode))
    return {"en blokenhed", "a block device"};
  if (S_ISSOCK(mode))
    return {"en socket", "a socket"};
  return otherwise;
}

std::string read_input_file(const std::string& path, size_t max_bytes,
                            const SourceLocation& asked_at, const Message& what) {
  constexpr size_t kMaxPath = 4096;  // PATH_MAX on Linux
  if (path.empty())
    throw Error(asked_at, msg("tom sti; forventede {}", "empty path; expected {}", what));
  if (path.find('\0') != std::string::npos) {
    throw Error(asked_at, msg("stien '{}' indeholder en NUL-byte", "the path '{}' holds a NUL byte",
                              excerpt(path.substr(0, path.find('\0')))));
  }
  if (path.size() > kMaxPath) {
    throw Error(asked_at, msg("stien '{}' er længere end {} byte",
                              "the path '{}' is longer than {} bytes", excerpt(path), kMaxPath));
  }
  Descriptor file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (file.fd < 0) {
    throw Error(asked_at,
                msg("kan ikke åbne '{}': {}", "cannot open '{}': {}", path, std::strerror(errno)));
  }
  struct stat st = {};
  if (::fstat(file.fd, &st) != 0) {
    throw Error(asked_at,
                msg("kan ikke læse '{}': {}", "cannot read '{}': {}", path, std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode))
    throw Error(asked_at,
                msg("'{}' er en mappe, ikke {}", "'{}' is a directory, not {}", path, what));
  if (!S_ISREG(st.st_mode)) {
    throw Error(
        asked_at,
        msg("'{}' er {}, ikke en almindelig fil; forventede {}",
            "'{}' is {}, not a regular file; expected {}", path,
            kind_of_file(st.st_mode, {"ikke en almindelig fil", "not a regular file"}), what));
  }
  auto size = static_cast<size_t>(std::max<off_t>(st.st_size, 0));
  if (size > max_bytes) {
    throw Error({path, 0, 0},
                msg("filen er for stor ({} byte; grænsen er {} byte)",
                    "the file is too large ({} bytes; the limit is {} bytes)", size, max_bytes));
  }
  {
    std::lock_guard<std::mutex> lock(log_mutex);
    log_files.push_back({static_cast<unsigned long long>(st.st_dev),
                         static_cast<unsigned long long>(st.st_ino), st.st_ctim.tv_sec,
                         st.st_ctim.tv_nsec, path});
  }
  // The buffer is the file's size plus one byte, which shows whether the file grew meanwhile; it
  // grows (up to the limit and one byte) only for a file that did.
  std::string text(size + 1, '\0');
  size_t done = 0;
  while (true) {
    if (done == text.size()) {
      if (text.size() > max_bytes)
        break;
      text.resize(std::min(text.size() * 2, max_bytes + 1));
    }
    ssize_t n = ::read(file.fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      throw Error(asked_at, msg("kan ikke læse '{}': {}", "cannot read '{}': {}", path,
                                std::strerror(errno)));
    }
    if (n == 0)
      break;
    done += static_cast<size_t>(n);
  }
  if (done > max_bytes) {
    throw Error(
        {path, 0, 0},
        msg("filen er for stor (mindst {} byte; grænsen er {} byte)",
            "the file is too large (at least {} bytes; the limit is {} bytes)", done, max_bytes));
  }
  text.resize(done);
  text.shrink_to_fit();
  return text;
}

bool InputFile::is(const struct stat& st) const {
  return device == static_cast<unsigned long long>(st.st_dev) &&
         inode == static_cast<unsigned long long>(st.st_ino) && changed_sec == st.st_ctim.tv_sec &&
         changed_nsec == st.st_ctim.tv_nsec;
}

std::vector<InputFile> input_log() {
  std::lock_guard<std::mutex> lock(log_mutex);
  return log_files;
}

void clear_input_log() {
  std::lock_guard<std::mutex> lock(log_mutex);
  log_files.clear();
}

}  // namespace ungegaranti
