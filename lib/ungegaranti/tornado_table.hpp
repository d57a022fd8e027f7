#pragma once

#include <cstddef>
#include <string>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"
#include "ungegaranti/uncertainty.hpp"

namespace ungegaranti {

/// "net cost over the period", "NEET share % at the horizon", ... in lower case.
std::string outcome_words(OutcomeKind outcome, Lang lang);

/// The tornado as a table: input, its range, the outcome at each end and the swing; only the
/// `top` widest inputs when `top` > 0 (the notes still count them all).
Table tornado_table(const Scenario& scenario, const Tornado& tornado, Lang lang, size_t top = 0);

}  // namespace ungegaranti
