#pragma once

#include <map>
#include <string>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The comparison data that a scenario's `projection` section names. Throws Error, at the
/// scenario's file, when it has no such section; otherwise as load_neet_data().
NeetData load_projection_data(const Scenario& scenario);

/// The comparison data of several scenarios, each set of files loaded once (compare, diff and the
/// Monte Carlo's central projection read the same files for every scenario or model).
class NeetDataCache {
 public:
  /// The data the scenario's `projection` section names, or nullptr when it has none. The pointer
  /// stays valid as long as the cache. Throws Error as load_neet_data().
  const NeetData* data_for(const Scenario& scenario);

 private:
  std::map<std::string, NeetData> loaded_;  // by the three file names
};

}  // namespace ungegaranti
