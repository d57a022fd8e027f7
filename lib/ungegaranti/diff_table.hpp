#pragma once

#include <string>
#include <vector>

#include "ungegaranti/diff.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The tables of `diff`: every changed value, then the waterfall of each model (changes with no
/// effect on either measure are left out of the waterfall, not out of the list).
std::vector<Table> diff_tables(const Scenario& a, const std::string& a_name,
                               const std::string& b_name, const std::vector<ValueChange>& changes,
                               const std::vector<Waterfall>& waterfalls, Lang lang);

}  // namespace ungegaranti
