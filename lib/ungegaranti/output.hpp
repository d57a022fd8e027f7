#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ungegaranti {

/// Every file the program writes (-o) goes through here, with these rules:
///   - only a regular file is written, or a new one made. A symbolic link is followed, and the
///     file it names is replaced (a dangling link gets its target made); a directory, a named
///     pipe, a device or a socket is refused, as is a read-only file (root could replace it);
///   - a file that this run read as input (input_log(): the scenario, its extends chain, the
///     actuals file, the comparison data) is refused;
///   - no folder is made: the target's folder must exist;
///   - the content goes to a temporary file in the target's folder, with a short name (so that a
///     target name of up to 255 bytes works), which is renamed over the target at the end. On an
///     error the temporary file is removed and an existing target is untouched; on SIGTERM,
///     SIGINT or SIGHUP a handler removes it and then lets the signal end the process.
/// Errors say "cannot write 'PATH': why", with PATH as given.

/// A temporary file for `path` (checked as above), renamed over the target by commit().
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // removes the temporary file unless commit() has renamed it
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// The temporary file's name, for a writer that opens it itself (libxlsxwriter).
  const std::string& temp_name() const { return temp_; }
  /// The file that commit() replaces: `path`, or where its symbolic links lead.
  const std::string& target() const { return target_; }

  void write(std::string_view content);

  /// Gives the file the usual mode (0666 & ~umask), flushes it to disk and renames it over the
  /// target.
  void commit();

 private:
  [[noreturn]] void fail(int error) const;

  std::string path_;    // as given, for messages
  std::string target_;  // where the rename goes
  std::string temp_;    // empty once committed
  int fd_ = -1;
  int slot_ = -1;  // in the signal handler's list
};

/// Throws the Error that writing `path` (and, when `folder` is given, its figure folder, as
/// write_with_folder() checks it) would give for a target that cannot be written, without
/// writing anything: a command that computes for long calls it first, after reading its inputs.
void check_output_target(const std::string& path, const std::string& folder = "");

/// Whether `path` ends in .yaml or .yml, in any case: what `show -o` writes.
bool yaml_path(std::string_view path);

/// Writes `content` to `path` whole or not at all (OutputFile, then commit()).
void write_file_atomically(const std::string& path, std::string_view content);

/// Writes a document and the folder of files it links to (the Markdown report and its figures)
/// as one unit: the files go to a temporary folder beside the target, which then takes the place
/// of `folder` in one step (renameat2 RENAME_EXCHANGE), and the document is renamed over `path`
/// right after. Both steps hold a lock on the containing folder, so two runs never mix their
/// files, and a run that fails before them leaves the old pair as it was. `folder` is a name
/// beside the target; an existing one must be a folder that holds only files named like the
/// ones written (a number, a dash, a name, .svg), which are the old run's and are removed.
void write_with_folder(const std::string& path, std::string_view content, const std::string& folder,
                       const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace ungegaranti
