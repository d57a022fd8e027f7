#pragma once

#include <deque>
#include <string>

struct zip;
struct zip_source;

namespace ungegaranti::render_detail {

/// A zip archive built in memory with libzip, which stays inside docx_package.cpp. Every entry
/// gets the same fixed date, so that the archive does not depend on when it was made. Throws
/// Error naming `path` (the file the archive is for).
class ZipPackage {
 public:
  explicit ZipPackage(std::string path);
  ~ZipPackage();
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  /// Adds an entry, deflated unless `compress` is false (a PNG is compressed already).
  void add(const std::string& name, std::string content, bool compress = true);

  /// The whole archive. The package is empty afterwards.
  std::string finish();

 private:
  [[noreturn]] void fail(const std::string& why) const;

  std::string path_;
  std::deque<std::string> contents_;  // libzip reads them when finish() writes the archive
  zip_source* buffer_ = nullptr;
  zip* archive_ = nullptr;
};

}  // namespace ungegaranti::render_detail
