#pragma once

#include <string>
#include <vector>

#include "ungegaranti/compare.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// One column of `compare`: what it is called and what was measured.
struct CompareColumn {
  std::string label;  // e.g. "Sølv", or "variant.yaml: Sølv"
  std::string key;    // e.g. "solv", or "variant.yaml:solv"
  Measures measures;
};

/// Measures as rows and the columns side by side; every column after the first also shows its
/// difference from the first, in the measure's unit and in percent.
Table compare_table(const Scenario& first, const std::vector<CompareColumn>& columns,
                    const std::vector<std::string>& notes, const std::string& data_vintage,
                    Lang lang);

}  // namespace ungegaranti
