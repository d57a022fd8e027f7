// libFuzzer target: the scenario loader, parse_scenario(), with --set assignments.
//
// The input is the scenario text, optionally followed by up to kMaxSets assignments, each after a
// NUL byte: "extends: builtin:norddjurs\n\0roles.sagsbehandler.annual_cost=620000". The text
// passed as the file therefore never holds a NUL itself; check_text() refuses one, and
// tests/data/broken covers that. A relative `extends` is resolved against the working directory,
// which fuzz/run.sh sets to the source root.
//
// Only ungegaranti::Error may leave the loader. Anything else (another exception, a crash, a leak,
// undefined behaviour or a hang) is a finding.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/load.hpp"

namespace {

constexpr size_t kMaxSets = 4;

// Splits "text\0set\0set..." into the text and the assignments; parts beyond kMaxSets are dropped.
std::string_view split_input(std::string_view input, std::vector<std::string>& sets) {
  size_t nul = input.find('\0');
  if (nul == std::string_view::npos)
    return input;
  std::string_view text = input.substr(0, nul);
  std::string_view rest = input.substr(nul + 1);
  while (sets.size() < kMaxSets) {
    size_t end = rest.find('\0');
    sets.emplace_back(rest.substr(0, end));
    if (end == std::string_view::npos)
      break;
    rest.remove_prefix(end + 1);
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> sets;
  std::string_view text = split_input(input, sets);
  try {
    ungegaranti::parse_scenario(text, "fuzz.yaml", sets);
  } catch (const ungegaranti::Error& e) {
    // The message is what a user sees: it must be a whole, readable string.
    volatile size_t length = std::strlen(e.what());
    (void)length;
  }
  return 0;
}
