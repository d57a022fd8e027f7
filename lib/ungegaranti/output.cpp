#include "ungegaranti/output.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throw Error({}, msg("kan ikke skrive '{}': det er en mappe",
                        "cannot write '{}': it is a directory", path));
  }
  // rename() would replace a read-only file (and root may write anything): refuse explicitly.
  fs::file_status status = fs::status(target, ec);
  if (!ec && fs::exists(status) &&
      (status.permissions() & fs::perms::owner_write) == fs::perms::none) {
    throw Error({}, msg("kan ikke skrive '{}': filen er skrivebeskyttet",
                        "cannot write '{}': the file is read-only", path));
  }
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    throw Error(
        {}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, std::strerror(errno)));
  }
  auto fail = [&](int error) {
    close(fd);
    std::remove(name.data());
    throw Error(
        {}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, std::strerror(error)));
  };
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail(errno);
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0)
    fail(errno);
  mode_t mask = umask(0);  // mkstemp() makes the file 0600; give it the usual 0666 & ~umask
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0)
    fail(errno);
  if (close(fd) != 0) {
    int error = errno;
    std::remove(name.data());
    throw Error(
        {}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, std::strerror(error)));
  }
  if (std::rename(name.data(), path.c_str()) != 0) {
    int error = errno;
    std::remove(name.data());
    throw Error(
        {}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, std::strerror(error)));
  }
}

}  // namespace ungegaranti
