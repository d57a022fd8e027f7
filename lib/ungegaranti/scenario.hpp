#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

/// The three models of the programme, from most to least ambitious.
enum class Tier { kGuld, kSolv, kBronze };
inline constexpr std::array<Tier, 3> kAllTiers = {Tier::kGuld, Tier::kSolv, Tier::kBronze};

/// "guld", "solv", "bronze": the canonical ids used in scenario files and JSON.
std::string_view tier_id(Tier tier);

/// Accepts guld|gold, solv|sølv|silver and bronze in any case (Ø/ø included).
std::optional<Tier> parse_tier(std::string_view text);

/// The shape of an uncertain quantity, used by the sensitivity work.
enum class Distribution { kNone, kUniform, kTriangular, kPert, kNormal, kLognormal };
std::string_view distribution_id(Distribution dist);

/// A number with its provenance and, optionally, its range. Written in YAML either plainly
/// (`560000`) or as `{ value, low, high, dist, unit, source, note }`.
struct Quantity {
  double value = 0.0;
  std::optional<double> low, high;
  Distribution dist = Distribution::kNone;
  std::string unit, source, note;
  std::string path;      // e.g. "roles.sagsbehandler.annual_cost"
  SourceLocation where;  // where the value was written; empty for a default

  bool operator==(const Quantity&) const = default;
};

struct Department {
  std::string id, name;
  bool operator==(const Department&) const = default;
};

struct Track {
  std::string id, name, department;
  bool operator==(const Track&) const = default;
};

struct Role {
  std::string id, name, department;
  Quantity annual_cost;  // DKK per FTE per year, price base
  bool operator==(const Role&) const = default;
};

/// Hours spent by one role on a task each year (secretariat, status reporting).
struct RoleHours {
  std::string role;
  Quantity hours_per_year;
  bool operator==(const RoleHours&) const = default;
};

struct SteeringGroup {
  std::vector<std::pair<std::string, Quantity>> members;  // role id, head count
  Quantity meetings_per_year, hours_per_meeting;
  std::optional<RoleHours> secretariat;
  bool operator==(const SteeringGroup&) const = default;
};

/// A cost paid once, in one budget year.
struct OneOff {
  std::string id, name, department, track;  // track may be empty
  int year = 0;
  Quantity amount;  // DKK, price base
  bool operator==(const OneOff&) const = default;
};

/// External funding (a pulje): a nominal amount per year that reduces the net cost.
struct Funding {
  std::string id, name, department, track;  // track may be empty
  Quantity amount;                          // DKK per year, nominal
  int from = 0, to = 0;                     // inclusive budget years
  bool operator==(const Funding&) const = default;
};

enum class Coordination { kCentral, kDecentral };

struct Model {
  Tier tier = Tier::kSolv;
  Coordination coordination = Coordination::kCentral;
  std::vector<std::pair<std::string, Quantity>> staffing;  // role id, FTE
  std::optional<RoleHours> status_reporting;
  std::vector<OneOff> one_off;
  std::vector<Funding> funding;
  bool operator==(const Model&) const = default;
};

/// One initiative's intensity in one model. A model that leaves the initiative out has none.
struct Intensity {
  Quantity participants;       // per year at full level
  Quantity unit_cost;          // DKK per participant per year
  Quantity fixed_cost;         // DKK per year, not ramped
  std::vector<Quantity> ramp;  // one share per budget year
  bool operator==(const Intensity&) const = default;
};

struct Initiative {
  std::string id, name, track;
  Quantity wage_share;  // share of the cost that follows the wage index
  std::array<std::optional<Intensity>, 3> per_model;  // indexed by Tier
  bool operator==(const Initiative&) const = default;
};

/// A resolved, validated scenario: what load_scenario() returns. Engines trust it.
struct Scenario {
  int format = 1;
  std::string title;
  int municipality_code = 0;
  std::string municipality_name;
  int first_year = 2025;
  int year_count = 5;
  int price_base = 2025;
  Quantity hours_per_fte;
  Quantity wage_indexation, other_indexation;  // share per year
  std::vector<Department> departments;
  std::vector<Track> tracks;
  std::vector<Role> roles;
  std::optional<SteeringGroup> steering_group;
  std::array<Model, 3> models;  // indexed by Tier
  std::vector<Initiative> initiatives;

  std::string origin;      // the file (or "builtin:norddjurs") it was loaded from
  std::string input_hash;  // short hash of the resolved tree (tree_hash())

  int last_year() const { return first_year + year_count - 1; }
  const Model& model(Tier tier) const { return models[static_cast<size_t>(tier)]; }
  const Department* department(std::string_view id) const;
  const Track* track(std::string_view id) const;
  const Role* role(std::string_view id) const;
  bool operator==(const Scenario&) const = default;
};

}  // namespace ungegaranti
