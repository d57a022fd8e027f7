#pragma once

#include <string>
#include <vector>

#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// Every quantity of a resolved scenario, in the order of the file's sections: what the
/// assumptions register lists.
std::vector<const Quantity*> all_quantities(const Scenario& scenario);

/// Every quantity at `path` (a ramp shared by the models is held once per model), to be changed.
std::vector<Quantity*> quantities_at(Scenario& scenario, const std::string& path);

/// Whether a quantity's figure is an assumption rather than a sourced figure: its source says
/// "antagelse" (or "assumption"), it is a default, or it has no source at all.
bool is_assumption(const Quantity& quantity);

}  // namespace ungegaranti
