// The .docx container: libzip (opened with dlopen, as libxlsxwriter is) writes the archive into a
// buffer, which the caller then writes through OutputFile, so that libzip never touches the file
// system.
#include "ungegaranti/render/docx_package.hpp"

#include <zip.h>

#include <ctime>

#include "ungegaranti/error.hpp"
#include "ungegaranti/render/dynamic_library.hpp"

namespace ungegaranti::render_detail {
namespace {

struct ZipLibrary {
  decltype(&::zip_error_init) zip_error_init = nullptr;
  decltype(&::zip_source_buffer_create) zip_source_buffer_create = nullptr;
  decltype(&::zip_error_strerror) zip_error_strerror = nullptr;
  decltype(&::zip_error_fini) zip_error_fini = nullptr;
  decltype(&::zip_source_keep) zip_source_keep = nullptr;
  decltype(&::zip_open_from_source) zip_open_from_source = nullptr;
  decltype(&::zip_source_free) zip_source_free = nullptr;
  decltype(&::zip_discard) zip_discard = nullptr;
  decltype(&::zip_source_buffer) zip_source_buffer = nullptr;
  decltype(&::zip_strerror) zip_strerror = nullptr;
  decltype(&::zip_file_add) zip_file_add = nullptr;
  decltype(&::zip_file_set_mtime) zip_file_set_mtime = nullptr;
  decltype(&::zip_set_file_compression) zip_set_file_compression = nullptr;
  decltype(&::zip_close) zip_close = nullptr;
  decltype(&::zip_stat_init) zip_stat_init = nullptr;
  decltype(&::zip_source_open) zip_source_open = nullptr;
  decltype(&::zip_source_stat) zip_source_stat = nullptr;
  decltype(&::zip_source_error) zip_source_error = nullptr;
  decltype(&::zip_source_read) zip_source_read = nullptr;
  decltype(&::zip_source_close) zip_source_close = nullptr;
};

// libzip by its soname (package libzip4 on Debian 12), opened on first use.
const ZipLibrary& zip_library() {
  static const ZipLibrary library = [] {
    DynamicLibrary so("libzip.so.4", "DOCX");
    ZipLibrary l;
    so.bind(l.zip_error_init, "zip_error_init");
    so.bind(l.zip_source_buffer_create, "zip_source_buffer_create");
    so.bind(l.zip_error_strerror, "zip_error_strerror");
    so.bind(l.zip_error_fini, "zip_error_fini");
    so.bind(l.zip_source_keep, "zip_source_keep");
    so.bind(l.zip_open_from_source, "zip_open_from_source");
    so.bind(l.zip_source_free, "zip_source_free");
    so.bind(l.zip_discard, "zip_discard");
    so.bind(l.zip_source_buffer, "zip_source_buffer");
    so.bind(l.zip_strerror, "zip_strerror");
    so.bind(l.zip_file_add, "zip_file_add");
    so.bind(l.zip_file_set_mtime, "zip_file_set_mtime");
    so.bind(l.zip_set_file_compression, "zip_set_file_compression");
    so.bind(l.zip_close, "zip_close");
    so.bind(l.zip_stat_init, "zip_stat_init");
    so.bind(l.zip_source_open, "zip_source_open");
    so.bind(l.zip_source_stat, "zip_source_stat");
    so.bind(l.zip_source_error, "zip_source_error");
    so.bind(l.zip_source_read, "zip_source_read");
    so.bind(l.zip_source_close, "zip_source_close");
    return l;
  }();
  return library;
}

// Noon on 1 January 2000 in local time: libzip stores an entry's date as the local date and time
// of a time_t (DOS format), so this gives the same bytes in every time zone.
time_t fixed_time() {
  std::tm tm{};
  tm.tm_year = 100;
  tm.tm_mday = 1;
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

}  // namespace

ZipPackage::ZipPackage(std::string path) : path_(std::move(path)) {
  zip_error_t error;
  zip_library().zip_error_init(&error);
  buffer_ = zip_library().zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer_ == nullptr) {
    std::string why = zip_library().zip_error_strerror(&error);
    zip_library().zip_error_fini(&error);
    fail(why);
  }
  zip_library().zip_source_keep(
      buffer_);  // the archive's close would free it; finish() reads it after that
  archive_ = zip_library().zip_open_from_source(buffer_, ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive_ == nullptr) {
    std::string why = zip_library().zip_error_strerror(&error);
    zip_library().zip_error_fini(&error);
    zip_library().zip_source_free(buffer_);
    buffer_ = nullptr;
    fail(why);
  }
  zip_library().zip_error_fini(&error);
}

ZipPackage::~ZipPackage() {
  if (archive_ != nullptr)
    zip_library().zip_discard(archive_);
  if (buffer_ != nullptr)
    zip_library().zip_source_free(buffer_);
}

void ZipPackage::fail(const std::string& why) const {
  throw Error({}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path_, why));
}

void ZipPackage::add(const std::string& name, std::string content, bool compress) {
  const std::string& kept = contents_.emplace_back(std::move(content));
  zip_source_t* source = zip_library().zip_source_buffer(archive_, kept.data(), kept.size(), 0);
  if (source == nullptr)
    fail(zip_library().zip_strerror(archive_));
  zip_int64_t index = zip_library().zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_library().zip_source_free(source);
    fail(zip_library().zip_strerror(archive_));
  }
  auto entry = static_cast<zip_uint64_t>(index);
  if (zip_library().zip_file_set_mtime(archive_, entry, fixed_time(), 0) != 0 ||
      zip_library().zip_set_file_compression(archive_, entry,
                                             compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0)
    fail(zip_library().zip_strerror(archive_));
}

std::string ZipPackage::finish() {
  if (zip_library().zip_close(archive_) != 0)
    fail(zip_library().zip_strerror(archive_));  // archive_ stays open; the destructor discards it
  archive_ = nullptr;
  contents_.clear();
  zip_stat_t stat;
  zip_library().zip_stat_init(&stat);
  if (zip_library().zip_source_open(buffer_) != 0 ||
      zip_library().zip_source_stat(buffer_, &stat) != 0)
    fail(zip_library().zip_error_strerror(zip_library().zip_source_error(buffer_)));
  std::string bytes(stat.size, '\0');
  zip_int64_t read = zip_library().zip_source_read(buffer_, bytes.data(), bytes.size());
  zip_library().zip_source_close(buffer_);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
    fail(zip_library().zip_error_strerror(zip_library().zip_source_error(buffer_)));
  return bytes;
}

}  // namespace ungegaranti::render_detail
