// libFuzzer target: the whole command line, cli::run(), in-process, with stdout and stderr going to
// string streams.
//
// The input is the argument list, each argument ended by a NUL byte (at most kMaxArgs of them):
// "cost\0--model\0solv\0". Every output file is redirected into a private temporary folder, so
// that the fuzzer can never write over the repository or anything else: the value of -o, --output
// and --output=, and of any option that CLI11 might read as one of them (-oFILE, --o...), becomes
// TMP/out with the extension of the original (so the formats are still chosen by it). --draws is
// held to 20 draws and --threads to 2, so that an input is a run, not a benchmark.
//
// A crash, an ASan or UBSan report, an exception other than those run() catches (it returns a
// code for every Error and CLI11 error), or an input that takes more than 2 s is a finding. The
// exit code must be 0, 1 or 2.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "app.hpp"

namespace {

constexpr size_t kMaxArgs = 32;

const std::string& temp_folder() {
  static const std::string folder = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ungegaranti-fuzz-cli-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      std::abort();
    return pattern;
  }();
  return folder;
}

// TMP/out plus the extension of `path` when it is a short plain one (.csv, .md, .xlsx, ...).
std::string redirected(std::string_view path) {
  std::string out = temp_folder() + "/out";
  size_t dot = path.rfind('.');
  if (dot != std::string_view::npos && path.size() - dot <= 6 &&
      path.find('/', dot) == std::string_view::npos) {
    out += path.substr(dot);
  }
  return out;
}

bool is_output_option(std::string_view word) { return word == "-o" || word.starts_with("--o"); }

std::vector<std::string> sanitized(std::vector<std::string> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string& word = args[i];
    size_t eq = word.find('=');
    std::string_view name = std::string_view(word).substr(0, eq);
    if (is_output_option(name) && eq != std::string::npos) {
      word = std::string(name) + "=" + redirected(std::string_view(word).substr(eq + 1));
    } else if (is_output_option(word) && i + 1 < args.size()) {
      args[i + 1] = redirected(args[i + 1]);
      ++i;
    } else if (word.starts_with("-o")) {  // -oFILE
      word = "-o" + redirected(std::string_view(word).substr(2));
    } else if (name == "--draws" || name == "--threads") {
      std::string limit = name == "--draws" ? "20" : "2";
      if (eq != std::string::npos)
        word = std::string(name) + "=" + limit;
      else if (i + 1 < args.size())
        args[++i] = limit;
    }
  }
  return args;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args = {"ungegaranti"};
  while (!input.empty() && args.size() <= kMaxArgs) {
    size_t end = input.find('\0');
    args.emplace_back(input.substr(0, end));
    if (end == std::string_view::npos)
      break;
    input.remove_prefix(end + 1);
  }
  args = sanitized(std::move(args));
  std::vector<const char*> argv;
  for (const std::string& a : args)
    argv.push_back(a.c_str());
  std::ostringstream out, err;
  int code = ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  if (code < 0 || code > 2)
    std::abort();
  // Whatever a run wrote goes, so that the next run starts from an empty folder.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(temp_folder(), ec))
    std::filesystem::remove_all(entry.path(), ec);
  return 0;
}
