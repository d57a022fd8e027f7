// libFuzzer target: the actuals reader of `followup`, parse_actuals(), against the embedded
// default scenario (the text's own `follows` must still be there and is checked, but the scenario
// it names is not loaded: the fuzzer reads only the actuals file).
//
// Only ungegaranti::Error may leave the reader. Anything else (another exception, a crash, a
// leak, undefined behaviour or a hang) is a finding.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "ungegaranti/actuals.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ungegaranti::Scenario scenario = ungegaranti::load_scenario("");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    ungegaranti::parse_actuals(text, "fuzz.yaml", scenario);
  } catch (const ungegaranti::Error& e) {
    volatile size_t length = std::strlen(e.what());  // a whole, readable message
    (void)length;
  }
  return 0;
}
