#pragma once

// What the two workbook writers share (xlsx.cpp, the tables; xlsx_live.cpp, the live model):
// libxlsxwriter opened with dlopen(), and the atomic write. Only files in render/ include this.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "ungegaranti/error.hpp"

namespace ungegaranti::render_detail {

// libxlsxwriter pulls in libcrypto, minizip and zlib, which cost every run of the tool about a
// millisecond to load. It is therefore opened only when a workbook is written.
struct XlsxLibrary {
  decltype(&::workbook_new) workbook_new = nullptr;
  decltype(&::workbook_add_format) workbook_add_format = nullptr;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet = nullptr;
  decltype(&::workbook_close) workbook_close = nullptr;
  decltype(&::workbook_set_properties) workbook_set_properties = nullptr;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes = nullptr;
  decltype(&::worksheet_set_column) worksheet_set_column = nullptr;
  decltype(&::worksheet_write_number) worksheet_write_number = nullptr;
  decltype(&::worksheet_write_string) worksheet_write_string = nullptr;
  decltype(&::format_set_align) format_set_align = nullptr;
  decltype(&::format_set_bold) format_set_bold = nullptr;
  decltype(&::format_set_bottom) format_set_bottom = nullptr;
  decltype(&::format_set_num_format) format_set_num_format = nullptr;
  decltype(&::workbook_define_name) workbook_define_name = nullptr;
  decltype(&::worksheet_write_formula_num) worksheet_write_formula_num = nullptr;
  decltype(&::worksheet_write_formula_str) worksheet_write_formula_str = nullptr;
  decltype(&::worksheet_protect) worksheet_protect = nullptr;
  decltype(&::format_set_unlocked) format_set_unlocked = nullptr;
  decltype(&::format_set_pattern) format_set_pattern = nullptr;
  decltype(&::format_set_bg_color) format_set_bg_color = nullptr;
  decltype(&::format_set_font_color) format_set_font_color = nullptr;
  decltype(&::lxw_strerror) lxw_strerror = nullptr;
  decltype(&::lxw_workbook_free) lxw_workbook_free = nullptr;
};

// The library by its soname (package libxlsxwriter4 on Debian 12); Error when it is missing.
const XlsxLibrary& xlsx();

/// Throws Error when `path` is a folder or a read-only file.
void check_target(const std::string& path);

// A temporary file beside the target, so that the final rename() stays on one file system. It is
// removed again unless commit() has renamed it over the target.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {
    namespace fs = std::filesystem;
    fs::path target(path_);
    fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    int fd = mkstemp(pattern.data());
    if (fd < 0)
      fail(errno);
    name_ = pattern;
    ::close(fd);  // libxlsxwriter opens the file by its name when the workbook is closed
  }
  ~TempFile() {
    if (!name_.empty())
      std::remove(name_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& name() const { return name_; }

  // mkstemp() made the file 0600: give it the usual 0666 & ~umask, flush it, then rename it.
  void commit() {
    mode_t mask = umask(0);
    umask(mask);
    if (chmod(name_.c_str(), 0666 & ~mask) != 0)
      fail(errno);
    int fd = open(name_.c_str(), O_RDONLY);
    if (fd < 0)
      fail(errno);
    int synced = fsync(fd);
    int error = errno;
    ::close(fd);
    if (synced != 0)
      fail(error);
    if (std::rename(name_.c_str(), path_.c_str()) != 0)
      fail(errno);
    name_.clear();
  }

 private:
  [[noreturn]] void fail(int error) const {
    throw Error(
        {}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path_, std::strerror(error)));
  }

  std::string path_;
  std::string name_;
};

}  // namespace ungegaranti::render_detail
