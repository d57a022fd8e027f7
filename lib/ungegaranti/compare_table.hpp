#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/compare.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// One column of `compare`: what it is called and what was measured.
struct CompareColumn {
  std::string label;  // e.g. "Sølv", or "variant.yaml: Sølv"
  std::string key;    // e.g. "solv", or "variant.yaml:solv"
  Measures measures;
};

/// The models of `compare --models`: names as parse_tier() reads them, separated by commas, each
/// once, in column order. With an unknown name or a name given twice, `problem` says so instead.
struct ModelList {
  std::vector<Tier> tiers;
  std::optional<Message> problem;
};
ModelList parse_model_list(std::string_view text);

/// The columns of `compare` for the models of one scenario, in the order of `tiers`.
std::vector<CompareColumn> model_columns(const Scenario& scenario, const std::vector<Tier>& tiers,
                                         NeetDataCache& cache, Lang lang);

/// The columns of `compare` for scenario files: each scenario's models among `tiers`, bronze to
/// guld, labelled "file: model". A file given twice still gets keys of its own ("file:solv#2").
std::vector<CompareColumn> file_columns(const std::vector<Scenario>& scenarios,
                                        const std::vector<Tier>& tiers, NeetDataCache& cache,
                                        Lang lang);

/// Measures as rows and the columns side by side; every column after the first also shows its
/// difference from the first, in the measure's unit and in percent.
Table compare_table(const Scenario& first, const std::vector<CompareColumn>& columns,
                    const std::vector<std::string>& notes, const std::string& data_vintage,
                    Lang lang);

}  // namespace ungegaranti
