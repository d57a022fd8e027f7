#pragma once

#include <string>
#include <vector>

#include "ungegaranti/backtest.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// "uændret, k=1" / "unchanged, k=1", "egen trend, k=1, 5 år" / "own trend, k=1, 5 yr".
std::string rule_name(const RuleScore& score, Lang lang);

/// The tables of `backtest`: every rule's score over all municipalities, then over the subject
/// alone; each with `stamp` and notes on the origins, the distance and the factor of revert.
std::vector<Table> backtest_tables(const BacktestResult& result, const Stamp& stamp, Lang lang);

}  // namespace ungegaranti
