#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <string>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

/// Reads a whole input file: a scenario, a base of its `extends` chain, an actuals file or a
/// comparison CSV. Every reader goes through here, so they refuse the same things the same way:
///   - a path that is empty, longer than 4096 bytes, or holds a NUL byte;
///   - anything but a regular file: a directory ("'x' is a directory, not `what`"), and a named
///     pipe, a device or a socket. The file is opened with O_NONBLOCK and checked with fstat()
///     before anything is read, so a FIFO without a writer is refused at once instead of hanging;
///   - a file larger than `max_bytes`, by its size before it is read. A file that grows while it
///     is read stops at `max_bytes` + 1 bytes (the parsers then report it as too large).
/// The text takes the file's size in memory, not the limit. Errors are located at `asked_at` (the
/// key that named the file), or carry no location. The file is added to input_log().
std::string read_input_file(const std::string& path, size_t max_bytes,
                            const SourceLocation& asked_at, const Message& what);

/// What a file that is not a regular file or a directory is, in words ("a named pipe (FIFO)"),
/// for the messages of the input readers and of -o; `otherwise` for a kind it does not name.
Message kind_of_file(mode_t mode, const Message& otherwise);

/// One file read by read_input_file(), identified by device and inode so that another name of
/// it (a symbolic or hard link) is recognised too, and by its status-change time, so that a new
/// file that reuses the inode of a deleted one is not taken for it.
struct InputFile {
  unsigned long long device = 0;
  unsigned long long inode = 0;
  long long changed_sec = 0;
  long long changed_nsec = 0;
  std::string path;

  /// Whether `st` (from stat()) is this file.
  bool is(const struct stat& st) const;
};

/// The files read since the last clear_input_log(). The CLI clears it when a run starts and
/// refuses to write -o over any file in it (output.hpp), so that a run cannot overwrite its own
/// scenario, a base, its actuals or its comparison data. Safe to call from several threads.
std::vector<InputFile> input_log();
void clear_input_log();

}  // namespace ungegaranti
