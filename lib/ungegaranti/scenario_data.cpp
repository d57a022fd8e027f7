#include "ungegaranti/scenario_data.hpp"

#include "ungegaranti/error.hpp"

namespace ungegaranti {

NeetData load_projection_data(const Scenario& scenario) {
  if (!scenario.projection) {
    throw Error({scenario.origin, 0, 0}, msg("scenariet har ingen 'projection'-sektion",
                                             "the scenario has no 'projection' section"));
  }
  const Projection& p = *scenario.projection;
  return load_neet_data({p.shares, p.groups, p.national});
}

const NeetData* NeetDataCache::data_for(const Scenario& scenario) {
  if (!scenario.projection)
    return nullptr;
  const Projection& p = *scenario.projection;
  std::string key = p.shares + "\n" + p.groups + "\n" + p.national;
  auto it = loaded_.find(key);
  if (it == loaded_.end())
    it = loaded_.emplace(key, load_neet_data({p.shares, p.groups, p.national})).first;
  return &it->second;
}

}  // namespace ungegaranti
