#include "ungegaranti/output.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "ungegaranti/error.hpp"
#include "ungegaranti/input_file.hpp"

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

// ---- The temporary files and folders that a signal must not leave behind.
//
// A fixed table, so that the handler needs neither locks nor allocation: it only reads the
// table and calls unlink() and rmdir(), which are async-signal-safe, then lets the signal take
// its default course. A slot is claimed (1), filled, then made active (2) while the signals are
// blocked, so that the handler never sees a half-written name.

constexpr size_t kSlots = 64;
constexpr size_t kSlotBytes = 4096 + 64;  // PATH_MAX and a temporary name's suffix

struct Slot {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 active
  bool folder = false;
  std::array<char, kSlotBytes> path{};
};

std::array<Slot, kSlots> slots;

extern "C" void remove_temporaries(int signal_number) {
  int saved = errno;
  for (int pass = 0; pass < 2; ++pass) {  // files first, then the (then empty) folders
    for (Slot& slot : slots) {
      if (slot.state.load(std::memory_order_acquire) == 2 && slot.folder == (pass == 1)) {
        if (slot.folder)
          ::rmdir(slot.path.data());
        else
          ::unlink(slot.path.data());
      }
    }
  }
  errno = saved;
  // SA_RESETHAND has restored the default action; the signal is blocked while this handler
  // runs, so it ends the process as soon as the handler returns.
  ::raise(signal_number);
}

// Installs the handler for the signals that end a run from outside, unless the process ignores
// them or has its own handler (a program that embeds the library keeps its choice). Checked at
// every registration, not once: SA_RESETHAND and a fork() may have changed the disposition.
void install_handler() {
  for (int s : {SIGTERM, SIGINT, SIGHUP}) {
    struct sigaction old = {};
    if (::sigaction(s, nullptr, &old) != 0 || old.sa_handler != SIG_DFL ||
        (old.sa_flags & SA_SIGINFO) != 0)
      continue;
    struct sigaction action = {};
    action.sa_handler = remove_temporaries;
    sigemptyset(&action.sa_mask);
    action.sa_flags = static_cast<int>(SA_RESETHAND);
    ::sigaction(s, &action, nullptr);
  }
}

// Blocks the handler's signals in this thread for its lifetime, so that a name is created and
// registered, or renamed and released, in one step as the handler sees it.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
      sigaddset(&set, s);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsBlocked() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsBlocked(const SignalsBlocked&) = delete;
  SignalsBlocked& operator=(const SignalsBlocked&) = delete;

 private:
  sigset_t old_;
};

// A free slot for `path`, or -1 (the table is full, or the name too long: the name is then not
// removed on a signal, which is the only loss).
int register_temporary(const std::string& path, bool folder) {
  install_handler();
  if (path.size() >= kSlotBytes)
    return -1;
  for (size_t i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(slots[i].path.data(), path.c_str(), path.size() + 1);
      slots[i].folder = folder;
      slots[i].state.store(2, std::memory_order_release);
      return static_cast<int>(i);
    }
  }
  return -1;
}

void release(int& slot) {
  if (slot >= 0)
    slots[static_cast<size_t>(slot)].state.store(0, std::memory_order_release);
  slot = -1;
}

// ---- Checking the target.

[[noreturn]] void cannot_write(const std::string& path, const Message& why) {
  throw Error({}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, why));
}

[[noreturn]] void cannot_write(const std::string& path, int error) {
  throw Error({},
              msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path, std::strerror(error)));
}

// An existing target: a regular, writable file that is not an input of this run.
void check_existing(const std::string& path, const struct stat& st) {
  if (S_ISDIR(st.st_mode))
    cannot_write(path, {"det er en mappe", "it is a directory"});
  if (!S_ISREG(st.st_mode)) {
    cannot_write(path, msg("det er {}, ikke en almindelig fil", "it is {}, not a regular file",
                           kind_of_file(st.st_mode, {"noget andet", "something else"})));
  }
  // rename() would replace a read-only file (and root may write anything): refuse explicitly.
  if ((st.st_mode & S_IWUSR) == 0)
    cannot_write(path, {"filen er skrivebeskyttet", "the file is read-only"});
  for (const InputFile& input : input_log()) {
    if (input.is(st)) {
      if (input.path == path)
        cannot_write(path, {"den er inddata til denne kørsel", "it is an input of this run"});
      cannot_write(path, msg("den er inddata til denne kørsel (læst som '{}')",
                             "it is an input of this run (read as '{}')", input.path));
    }
  }
}

// The file that replacing `path` means: `path` itself, or where its symbolic links lead.
std::string resolve_target(const std::string& path) {
  if (path.empty())
    cannot_write(path, {"tom sti", "empty path"});
  if (path.find('\0') != std::string::npos)
    cannot_write(excerpt(path.substr(0, path.find('\0'))),
                 {"stien indeholder en NUL-byte", "the path holds a NUL byte"});
  struct stat st = {};
  if (::stat(path.c_str(), &st) == 0) {
    check_existing(path, st);
    char* real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr)
      cannot_write(path, errno);
    std::string resolved(real);
    std::free(real);  // NOLINT: realpath() allocates with malloc()
    return resolved;
  }
  if (errno != ENOENT)
    cannot_write(path, errno);
  // Nothing there yet: a new file, or the missing target of a dangling link.
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat link = {};
    if (::lstat(current.c_str(), &link) != 0 || !S_ISLNK(link.st_mode))
      return current;
    std::error_code ec;
    fs::path to = fs::read_symlink(current, ec);
    if (ec)
      cannot_write(path, ec.value());
    current = to.is_absolute() ? to.string() : (fs::path(current).parent_path() / to).string();
  }
  cannot_write(path, ELOOP);
}

fs::path folder_of(const std::string& target) {
  fs::path folder = fs::path(target).parent_path();
  return folder.empty() ? fs::path(".") : folder;
}

// ".NAME.tmp-XXXXXX" beside the target, with at most 32 bytes of its name (cut at a character),
// so that a file name of up to 255 bytes still leaves room.
std::string temp_pattern(const std::string& target) {
  std::string name = fs::path(target).filename().string();
  size_t cut = std::min<size_t>(name.size(), 32);
  while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
    --cut;
  std::string temp(".");
  temp.append(name, 0, cut).append(".tmp-XXXXXX");
  return (folder_of(target) / temp).string();
}

void write_all(int fd, std::string_view content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      cannot_write(path, errno);
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path), target_(resolve_target(path)) {
  std::string name = temp_pattern(target_);
  SignalsBlocked blocked;
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0)
    cannot_write(path_, errno);
  temp_ = name;
  slot_ = register_temporary(temp_, false);
}

OutputFile::~OutputFile() {
  SignalsBlocked blocked;
  if (fd_ >= 0)
    ::close(fd_);
  if (!temp_.empty())
    ::unlink(temp_.c_str());
  release(slot_);
}

void OutputFile::fail(int error) const { cannot_write(path_, error); }

void OutputFile::write(std::string_view content) { write_all(fd_, content, path_); }

void OutputFile::commit() {
  // By name: libxlsxwriter writes the file through its own handle.
  mode_t mask = ::umask(0);  // mkstemp() made the file 0600
  ::umask(mask);
  if (::chmod(temp_.c_str(), 0666 & ~mask) != 0)
    fail(errno);
  int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fail(errno);
  int synced = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (synced != 0)
    fail(error);
  if (fd_ >= 0 && ::close(fd_) != 0) {
    fd_ = -1;
    fail(errno);
  }
  fd_ = -1;
  SignalsBlocked blocked;
  if (std::rename(temp_.c_str(), target_.c_str()) != 0)
    fail(errno);
  temp_.clear();
  release(slot_);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  OutputFile file(path);
  file.write(content);
  file.commit();
}

namespace {

bool figure_name(std::string_view name) {
  size_t dash = name.find('-');
  if (dash == 0 || dash == std::string_view::npos || !name.ends_with(".svg"))
    return false;
  for (size_t i = 0; i < dash; ++i) {
    if (name[i] < '0' || name[i] > '9')
      return false;
  }
  for (char c : name.substr(dash + 1, name.size() - dash - 5)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok)
      return false;
  }
  return name.size() > dash + 5;
}

// The names in a folder, or nothing when it does not exist. `shown` is the folder for messages.
std::vector<std::string> entries_of(const std::string& folder, const std::string& shown) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr)
    cannot_write(shown, errno);
  while (const dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name != "." && name != "..")
      names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

// An existing figure folder may be replaced only when it holds nothing but figures, which are
// then the old run's: replacing it must not lose anything else.
bool check_figure_folder(const std::string& folder, const std::string& shown) {
  struct stat st = {};
  if (::lstat(folder.c_str(), &st) != 0) {
    if (errno == ENOENT)
      return false;
    cannot_write(shown, errno);
  }
  if (!S_ISDIR(st.st_mode))
    cannot_write(shown, {"figurmappen findes, men er ikke en mappe",
                         "the figure folder exists but is not a folder"});
  for (const std::string& name : entries_of(folder, shown)) {
    struct stat file = {};
    std::string at = folder + "/" + name;
    if (!figure_name(name) || ::lstat(at.c_str(), &file) != 0 || !S_ISREG(file.st_mode)) {
      cannot_write(shown, msg("mappen indeholder andet end figurer ('{}'); flyt det, eller skriv "
                              "rapporten et andet sted",
                              "the folder holds more than figures ('{}'); move it, or write the "
                              "report elsewhere",
                              excerpt(name)));
    }
  }
  return true;
}

// Removes a folder of figures (checked by check_figure_folder) and what it holds.
void remove_folder(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir != nullptr) {
    while (const dirent* e = ::readdir(dir)) {
      std::string name = e->d_name;
      if (name != "." && name != "..")
        ::unlink((folder + "/" + name).c_str());
    }
    ::closedir(dir);
  }
  ::rmdir(folder.c_str());
}

// A temporary folder and the files in it, all removed again (and on a signal) unless kept.
class TempFolder {
 public:
  TempFolder(const std::string& pattern, const std::string& shown) : shown_(shown) {
    std::string name = pattern;
    SignalsBlocked blocked;
    if (::mkdtemp(name.data()) == nullptr)
      cannot_write(shown_, errno);
    path_ = name;
    mode_t mask = ::umask(0);  // mkdtemp() made it 0700; give it the usual 0777 & ~umask
    ::umask(mask);
    ::chmod(path_.c_str(), 0777 & ~mask);
    slots_.push_back(register_temporary(path_, true));
  }
  ~TempFolder() {
    SignalsBlocked blocked;
    if (!path_.empty())
      remove_folder(path_);
    for (int& slot : slots_)
      release(slot);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }

  void add(const std::string& name, std::string_view content) {
    std::string file = path_ + "/" + name;
    int fd = -1;
    {
      SignalsBlocked blocked;
      fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0)
        cannot_write(shown_, errno);
      slots_.push_back(register_temporary(file, false));
    }
    try {
      write_all(fd, content, shown_);
      if (::fsync(fd) != 0)
        cannot_write(shown_, errno);
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0)
      cannot_write(shown_, errno);
  }

  // Removes the folder and what it holds now (after a swap: the old figures).
  void remove() {
    remove_folder(path_);
    path_.clear();
    for (int& slot : slots_)
      release(slot);
  }

 private:
  std::string shown_;
  std::string path_;
  std::vector<int> slots_;
};

// Holds an exclusive lock on a folder (flock), so that two runs writing there take turns.
class FolderLock {
 public:
  FolderLock(const std::string& folder, const std::string& shown) {
    fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0)
      cannot_write(shown, errno);
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        int error = errno;
        ::close(fd_);
        cannot_write(shown, error);
      }
    }
  }
  ~FolderLock() { ::close(fd_); }  // closing releases the lock
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

void check_output_target(const std::string& path, const std::string& folder) {
  std::string target = resolve_target(path);
  if (folder.empty())
    return;
  std::string shown = (fs::path(path).parent_path() / folder).string();
  std::string parent = folder_of(target).string();
  struct stat st = {};
  if (::stat(parent.c_str(), &st) != 0)
    cannot_write(path, errno);  // as the temporary file would fail: the folder must exist
  check_figure_folder(parent + "/" + folder, shown);
}

void write_with_folder(const std::string& path, std::string_view content, const std::string& folder,
                       const std::vector<std::pair<std::string, std::string>>& files) {
  OutputFile document(path);
  std::string shown = (fs::path(path).parent_path() / folder).string();
  std::string parent = folder_of(document.target()).string();
  std::string final_folder = parent + "/" + folder;
  check_figure_folder(final_folder, shown);
  document.write(content);

  TempFolder fresh(temp_pattern(final_folder), shown);
  for (const auto& [name, text] : files)
    fresh.add(name, text);

  FolderLock lock(parent, shown);
  SignalsBlocked blocked;  // from here the pair is replaced as one
  // Again under the lock: another run may have changed the folder meanwhile.
  bool exists = check_figure_folder(final_folder, shown);
  // The new folder takes the old one's place in one step; the temporary name then holds the old
  // figures. A file system without RENAME_EXCHANGE gets two renames instead.
  std::string aside = fresh.path() + "-old";
  enum class Swap { kNew, kExchanged, kAside } swap = Swap::kNew;
  if (exists && ::renameat2(AT_FDCWD, fresh.path().c_str(), AT_FDCWD, final_folder.c_str(),
                            RENAME_EXCHANGE) == 0) {
    swap = Swap::kExchanged;
  } else if (exists && errno != EINVAL) {
    cannot_write(shown, errno);
  } else if (exists) {
    if (::rename(final_folder.c_str(), aside.c_str()) != 0)
      cannot_write(shown, errno);
    swap = Swap::kAside;
  }
  if (swap != Swap::kExchanged && ::rename(fresh.path().c_str(), final_folder.c_str()) != 0) {
    int error = errno;
    if (swap == Swap::kAside)
      ::rename(aside.c_str(), final_folder.c_str());
    cannot_write(shown, error);
  }
  try {
    document.commit();
  } catch (...) {
    // Put the old figures back beside the old document.
    if (swap == Swap::kExchanged) {
      ::renameat2(AT_FDCWD, fresh.path().c_str(), AT_FDCWD, final_folder.c_str(), RENAME_EXCHANGE);
    } else {
      ::rename(final_folder.c_str(), fresh.path().c_str());
      if (swap == Swap::kAside)
        ::rename(aside.c_str(), final_folder.c_str());
    }
    throw;
  }
  fresh.remove();  // the old figures, while the signals are still blocked
  if (swap == Swap::kAside)
    remove_folder(aside);
}

bool yaml_path(std::string_view path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace ungegaranti
