#include "ungegaranti/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/sampling.hpp"
#include "ungegaranti/value_reader.hpp"

namespace ungegaranti {
namespace {

// Where a missing top-level key is missing from: "mangler nøglen 'title' i scenariet".
const Message kScenarioFile{"scenariet", "the scenario"};

// Reads the whole scenario; one method per section of the file.
class ScenarioReader {
 public:
  explicit ScenarioReader(std::vector<Diagnostic>& problems) : r_(problems) {}

  Scenario read(const Tree& root) {
    if (!r_.map(root, "",
                {"ungegaranti", "title",      "proposal_source", "extends",    "municipality",
                 "years",       "price_base", "hours_per_fte",   "indexation", "departments",
                 "tracks",      "roles",      "steering_group",  "models",     "population",
                 "initiatives", "coverage",   "projection",      "economics",  "uncertainty"})) {
      return s_;
    }
    if (const Tree* format = r_.required_in(root, "ungegaranti", kScenarioFile)) {
      if (auto v = r_.integer(*format, "ungegaranti", 1, 1))
        s_.format = *v;
    }
    if (const Tree* title = r_.required_in(root, "title", kScenarioFile)) {
      s_.title = r_.text(*title, "title");
    }
    if (const Tree* proposal = root.find("proposal_source")) {
      s_.proposal_source = r_.text(*proposal, "proposal_source");
      if (proposal->is_scalar() && s_.proposal_source.empty()) {
        r_.error(proposal->where,
                 msg("'proposal_source' må ikke være tom", "'proposal_source' must not be empty"));
      }
    }
    read_municipality(root);
    read_years(root);
    s_.hours_per_fte = r_.optional_quantity(root, "hours_per_fte", "", Kind::kPositive, 1924);
    read_indexation(root);
    read_departments(root);
    read_tracks(root);
    read_roles(root);
    read_steering_group(root);
    read_models(root);
    read_population(root);
    read_initiatives(root);
    read_coverage(root);
    read_projection(root);
    read_economics(root);
    read_uncertainty(root);  // last: its inputs are the other sections' quantities
    finish_municipality();
    return s_;
  }

 private:
  void read_municipality(const Tree& root) {
    const Tree* m = r_.required_in(root, "municipality", kScenarioFile);
    if (m == nullptr || !r_.map(*m, "municipality", {"code", "name", "written_for"}))
      return;
    if (const Tree* code = r_.required(*m, "code", "municipality")) {
      s_.municipality_code = kommunekode(*code, "municipality.code");
    }
    if (const Tree* name = m->find("name"))
      s_.municipality_name = r_.text(*name, "municipality.name");
    if (const Tree* written_for = m->find("written_for"))
      s_.written_for = kommunekode(*written_for, "municipality.written_for");
  }

  // A DST kommunekode of one of the shipped municipalities (population.hpp), or 0 after an error.
  int kommunekode(const Tree& node, const std::string& path) {
    std::optional<int> v = r_.integer(node, path, 101, 999);
    if (!v)
      return 0;
    const PopulationData& list = builtin_population();
    if (list.find(*v) != nullptr)
      return *v;
    r_.error(node.where,
             msg("'{}' skal være kommunekoden for en af de {} kommuner ({}-{}); ingen kommune har "
                 "{} (nærmeste: {})",
                 "'{}' must be the kommunekode of one of the {} municipalities ({}-{}); no "
                 "municipality has {} (nearest: {})",
                 path, list.municipalities.size(), list.municipalities.front().code,
                 list.municipalities.back().code, *v, nearest_municipalities(*v, list)));
    return 0;
  }

  // After every section: the defaults of the municipality's name and written_for, and whether
  // load.cpp's localize_tree() derived some band's head count from the population.
  void finish_municipality() {
    if (s_.municipality_code == 0)
      return;
    if (s_.written_for == 0)
      s_.written_for = s_.municipality_code;
    if (s_.municipality_name.empty())
      s_.municipality_name = builtin_population().find(s_.municipality_code)->name;
    s_.population_derived =
        std::any_of(s_.population.begin(), s_.population.end(),
                    [](const AgeBand& b) { return b.count.source.starts_with(kDerivedSource); });
  }

  void read_years(const Tree& root) {
    if (const Tree* y = root.find("years");
        y != nullptr && r_.map(*y, "years", {"first", "count"})) {
      if (const Tree* first = y->find("first")) {
        if (auto v = r_.integer(*first, "years.first", 2000, 2100))
          s_.first_year = *v;
      }
      if (const Tree* count = y->find("count")) {
        if (auto v = r_.integer(*count, "years.count", 1, 30))
          s_.year_count = *v;
      }
    }
    s_.price_base = s_.first_year;
    if (const Tree* base = root.find("price_base")) {
      if (auto v = r_.integer(*base, "price_base", 2000, 2100))
        s_.price_base = *v;
    }
  }

  void read_indexation(const Tree& root) {
    s_.wage_indexation.path = "indexation.wages";
    s_.other_indexation.path = "indexation.other";
    const Tree* ix = root.find("indexation");
    if (ix == nullptr || !r_.map(*ix, "indexation", {"wages", "other"}))
      return;
    s_.wage_indexation = r_.optional_quantity(*ix, "wages", "indexation", Kind::kShare, 0);
    s_.other_indexation = r_.optional_quantity(*ix, "other", "indexation", Kind::kShare, 0);
  }

  // A mapping of id -> mapping, as departments, tracks and roles are written.
  template <typename F>
  void each_entry(const Tree& root, std::string_view section, F&& read_one) {
    std::string path(section);
    const Tree* node = r_.required_in(root, section, kScenarioFile);
    if (node == nullptr)
      return;
    if (!node->is_map()) {
      r_.error(node->where,
               msg("'{}' skal være en tabel af id: {{...}} (fik {})",
                   "'{}' must be a mapping of id: {{...}} (got {})", path, describe(*node)));
      return;
    }
    if (node->items.empty())
      r_.error(node->where, msg("'{}' må ikke være tom", "'{}' must not be empty", path));
    for (const Tree& entry : node->items) {
      std::string here = child_path(path, entry.key);
      if (entry.key.empty() || entry.key.find_first_of(". \t") != std::string::npos) {
        r_.error(
            entry.key_where,
            msg("'{}' skal være et id uden punktummer og mellemrum (fik '{}')",
                "'{}' must be an id without dots or spaces (got '{}')", here, excerpt(entry.key)));
      }
      read_one(entry, here);
    }
  }

  std::string name_or_id(const Tree& node, const std::string& path, const std::string& id) {
    const Tree* name = node.find("name");
    return name == nullptr ? id : r_.text(*name, path + ".name");
  }

  void read_departments(const Tree& root) {
    each_entry(root, "departments", [&](const Tree& e, const std::string& path) {
      // A malformed entry is still a known id, so that references to it are not reported again.
      if (!r_.map(e, path, {"name"})) {
        s_.departments.push_back({e.key, e.key});
        return;
      }
      s_.departments.push_back({e.key, name_or_id(e, path, e.key)});
    });
  }

  void read_tracks(const Tree& root) {
    const KnownIds& known = known_ids(s_.departments);
    each_entry(root, "tracks", [&](const Tree& e, const std::string& path) {
      if (!r_.map(e, path, {"name", "department", "moves", "targeting", "source"})) {
        s_.tracks.push_back({e.key, e.key, "", Lever::kNone, {}, ""});
        unchecked_tracks_.push_back(e.key);
        return;
      }
      Track t{e.key, name_or_id(e, path, e.key), "", Lever::kNone, {}, ""};
      t.targeting = r_.optional_quantity(e, "targeting", path, Kind::kShare, 1);
      if (const Tree* source = e.find("source"))
        t.source = r_.text(*source, path + ".source");
      if (const Tree* moves = e.find("moves")) {
        auto lever = r_.choice(*moves, path + ".moves", kLeverIds);
        t.moves = lever.value_or(Lever::kNone);
        if (!lever)
          unchecked_tracks_.push_back(e.key);
      }
      if (const Tree* d = r_.required(e, "department", path)) {
        t.department = r_.id(*d, path + ".department");
        r_.reference(*d, path + ".department", t.department,
                     {"en ukendt forankring", "an unknown department"}, known);
      }
      s_.tracks.push_back(std::move(t));
    });
  }

  void read_roles(const Tree& root) {
    const KnownIds& known = known_ids(s_.departments);
    each_entry(root, "roles", [&](const Tree& e, const std::string& path) {
      if (!r_.map(e, path, {"name", "annual_cost", "department"})) {
        s_.roles.push_back({e.key, e.key, "", {}});
        return;
      }
      Role role{e.key, name_or_id(e, path, e.key), "", {}};
      role.annual_cost = r_.required_quantity(e, "annual_cost", path, Kind::kMoney);
      if (const Tree* d = r_.required(e, "department", path)) {
        role.department = r_.id(*d, path + ".department");
        r_.reference(*d, path + ".department", role.department,
                     {"en ukendt forankring", "an unknown department"}, known);
      }
      s_.roles.push_back(std::move(role));
    });
  }

  std::optional<RoleHours> role_hours(const Tree& node, const std::string& path) {
    if (!r_.map(node, path, {"role", "hours_per_year"}))
      return std::nullopt;
    RoleHours rh;
    if (const Tree* role = r_.required(node, "role", path)) {
      rh.role = r_.id(*role, path + ".role");
      r_.reference(*role, path + ".role", rh.role, {"en ukendt rolle", "an unknown role"},
                   ids(s_.roles));
    }
    rh.hours_per_year = r_.required_quantity(node, "hours_per_year", path, Kind::kCount);
    return rh;
  }

  // role id -> number, as staffing and steering-group members are written.
  std::vector<std::pair<std::string, Quantity>> role_counts(const Tree& node,
                                                            const std::string& path) {
    std::vector<std::pair<std::string, Quantity>> out;
    if (!node.is_map()) {
      r_.error(node.where,
               msg("'{}' skal være en tabel af rolle: antal (fik {})",
                   "'{}' must be a mapping of role: number (got {})", path, describe(node)));
      return out;
    }
    const KnownIds& roles = known_ids(s_.roles);
    const std::vector<std::string>& known = roles.list;
    for (const Tree& item : node.items) {
      std::string here = child_path(path, item.key);
      if (!known.empty() && roles.set.count(item.key) == 0) {
        std::string hint = did_you_mean(item.key, known);
        r_.error(item.key_where, hint.empty()
                                     ? msg("'{}' nævner en ukendt rolle '{}' (kendte: {})",
                                           "'{}' names an unknown role '{}' (known: {})", here,
                                           excerpt(item.key), join(known))
                                     : msg("'{}' nævner en ukendt rolle '{}' (mente du '{}'?)",
                                           "'{}' names an unknown role '{}' (did you mean '{}'?)",
                                           here, excerpt(item.key), hint));
      }
      out.emplace_back(item.key, r_.quantity(item, here, Kind::kCount));
    }
    return out;
  }

  void read_steering_group(const Tree& root) {
    const Tree* node = root.find("steering_group");
    const std::string path = "steering_group";
    if (node == nullptr ||
        !r_.map(*node, path,
                {"members", "meetings_per_year", "hours_per_meeting", "secretariat", "source"})) {
      return;
    }
    SteeringGroup g;
    if (const Tree* members = r_.required(*node, "members", path)) {
      g.members = role_counts(*members, path + ".members");
    }
    g.meetings_per_year = r_.required_quantity(*node, "meetings_per_year", path, Kind::kCount);
    g.hours_per_meeting = r_.required_quantity(*node, "hours_per_meeting", path, Kind::kCount);
    if (const Tree* sec = node->find("secretariat")) {
      g.secretariat = role_hours(*sec, path + ".secretariat");
    }
    if (const Tree* source = node->find("source"))
      g.source = r_.text(*source, path + ".source");
    s_.steering_group = std::move(g);
  }

  // Reads `year` and checks it lies in the budget period.
  std::optional<int> budget_year(const Tree& node, const std::string& path) {
    auto year = r_.integer(node, path, 2000, 2100);
    if (year && (*year < s_.first_year || *year > s_.last_year())) {
      r_.error(node.where, msg("'{}' skal være et budgetår fra {} til {} (fik {})",
                               "'{}' must be a budget year from {} to {} (got {})", path,
                               s_.first_year, s_.last_year(), *year));
      return std::nullopt;
    }
    return year;
  }

  // Shared by one_off and funding: `department` and/or `track`, one of them required.
  void place(const Tree& item, const std::string& path, std::string& department,
             std::string& track) {
    if (const Tree* t = item.find("track")) {
      track = r_.id(*t, path + ".track");
      r_.reference(*t, path + ".track", track, {"et ukendt spor", "an unknown track"},
                   known_ids(s_.tracks));
      if (const Track* known = s_.track(track))
        department = known->department;
    }
    if (const Tree* d = item.find("department")) {
      department = r_.id(*d, path + ".department");
      r_.reference(*d, path + ".department", department,
                   {"en ukendt forankring", "an unknown department"}, known_ids(s_.departments));
    } else if (item.find("track") == nullptr) {
      r_.error(item.where, msg("'{}' skal have en 'department' eller et 'track'",
                               "'{}' needs a 'department' or a 'track'", path));
    }
  }

  // A list of mappings with unique ids; calls read_one(item, path, id) for each.
  template <typename F>
  void each_item(const Tree& list, const std::string& path, F&& read_one) {
    if (!list.is_seq()) {
      r_.error(list.where,
               msg("'{}' skal være en liste af {{ id: ... }}-elementer (fik {})",
                   "'{}' must be a list of {{ id: ... }} items (got {})", path, describe(list)));
      return;
    }
    std::map<std::string, SourceLocation> seen;
    for (const Tree& item : list.items) {
      const Tree* id_node = item.is_map() ? item.find("id") : nullptr;
      if (id_node == nullptr) {
        r_.error(item.where, msg("hvert element i '{}' skal være en tabel med et 'id'",
                                 "each item of '{}' must be a mapping with an 'id'", path));
        continue;
      }
      std::string id = r_.id(*id_node, path + ".id");
      auto [it, fresh] = seen.emplace(id, id_node->where);
      if (!fresh) {
        r_.error(id_node->where,
                 msg("id'et '{}' findes to gange i '{}' (første gang ved {})",
                     "duplicate id '{}' in '{}' (first at {})", id, path, it->second.str()));
      }
      read_one(item, child_path(path, id), id);
    }
  }

  void read_model(const Tree& node, const std::string& path, Model& model) {
    if (!r_.map(node, path,
                {"coordination", "staffing", "status_reporting", "one_off", "funding", "effects",
                 "target", "company_places", "source"})) {
      return;
    }
    if (const Tree* source = node.find("source"))
      model.source = r_.text(*source, path + ".source");
    bool known = false;  // whether the rules that depend on the coordination apply
    if (const Tree* c = r_.required(node, "coordination", path)) {
      std::string value = r_.text(*c, path + ".coordination");
      std::optional<Coordination> coordination = enum_from_id(kCoordinationIds, value);
      known = coordination.has_value();
      model.coordination = coordination.value_or(Coordination::kCentral);
      if (!known && c->is_scalar()) {
        r_.error(c->where, msg("'{}.coordination' skal være central eller decentral (fik '{}')",
                               "'{}.coordination' must be central or decentral (got '{}')", path,
                               excerpt(value)));
      }
    }
    if (const Tree* staffing = node.find("staffing")) {
      model.staffing = role_counts(*staffing, path + ".staffing");
    }
    if (const Tree* status = node.find("status_reporting")) {
      model.status_reporting = role_hours(*status, path + ".status_reporting");
    }
    if (known && model.coordination == Coordination::kCentral && model.staffing.empty()) {
      r_.error(node.find("coordination")->where,
               msg("'{}' er central og skal derfor have 'staffing'",
                   "'{}' is central, so it needs 'staffing'", path));
    }
    if (known && model.coordination == Coordination::kDecentral &&
        node.find("status_reporting") == nullptr) {
      r_.error(node.where, msg("'{}' er decentral og skal derfor have 'status_reporting'",
                               "'{}' is decentral, so it needs 'status_reporting'", path));
    }
    if (const Tree* list = node.find("one_off")) {
      each_item(*list, path + ".one_off",
                [&](const Tree& item, const std::string& here, const std::string& id) {
                  if (!r_.map(item, here, {"id", "name", "year", "amount", "department", "track"}))
                    return;
                  OneOff o{id, name_or_id(item, here, id), "", "", 0, {}};
                  if (const Tree* year = r_.required(item, "year", here)) {
                    o.year = budget_year(*year, here + ".year").value_or(0);
                  }
                  o.amount = r_.required_quantity(item, "amount", here, Kind::kMoney);
                  place(item, here, o.department, o.track);
                  model.one_off.push_back(std::move(o));
                });
    }
    if (const Tree* list = node.find("funding")) {
      each_item(
          *list, path + ".funding",
          [&](const Tree& item, const std::string& here, const std::string& id) {
            if (!r_.map(item, here,
                        {"id", "name", "amount", "from", "to", "department", "track"})) {
              return;
            }
            Funding f{id, name_or_id(item, here, id), "", "", {}, s_.first_year, s_.last_year()};
            f.amount = r_.required_quantity(item, "amount", here, Kind::kMoney);
            const Tree* from = item.find("from");
            const Tree* to = item.find("to");
            std::optional<int> from_year = from ? budget_year(*from, here + ".from") : f.from;
            std::optional<int> to_year = to ? budget_year(*to, here + ".to") : f.to;
            f.from = from_year.value_or(f.from);
            f.to = to_year.value_or(f.to);
            if (from_year && to_year && f.from > f.to) {
              // Point at what was written last: in a variant, the merged item keeps the base's
              // place.
              const Tree* at = from != nullptr ? from : to != nullptr ? to : &item;
              r_.error(at->where, msg("'{}': 'from' ({}) ligger efter 'to' ({})",
                                      "'{}': 'from' ({}) is after 'to' ({})", here, f.from, f.to));
            }
            place(item, here, f.department, f.track);
            model.funding.push_back(std::move(f));
          });
    }
  }

  // Effect size per track: the share by which a fully reached group's transition moves.
  void read_effects(const Tree& node, const std::string& path, Model& model) {
    if (const Tree* effects = node.find("effects")) {
      if (!effects->is_map()) {
        r_.error(effects->where, msg("'{}.effects' skal være en tabel af spor: effekt (fik {})",
                                     "'{}.effects' must be a mapping of track: effect (got {})",
                                     path, describe(*effects)));
      } else {
        for (const Tree& item : effects->items) {
          std::string here = fmt::format("{}.effects.{}", path, item.key);
          if (!s_.tracks.empty() && s_.track(item.key) == nullptr) {
            r_.error(item.key_where, msg("'{}' nævner et ukendt spor '{}' (kendte: {})",
                                         "'{}' names an unknown track '{}' (known: {})", here,
                                         item.key, join(ids(s_.tracks))));
          }
          model.effects.emplace_back(item.key, r_.quantity(item, here, Kind::kShare));
        }
      }
    }
    if (const Tree* target = node.find("target")) {
      model.target = r_.choice(*target, path + ".target", kTargetIds).value_or(Target::kNone);
    }
  }

  void read_models(const Tree& root) {
    const Tree* node = r_.required_in(root, "models", kScenarioFile);
    if (node == nullptr || !r_.map(*node, "models", {"guld", "solv", "bronze"}))
      return;
    for (Tier tier : kAllTiers) {
      Model& model = s_.models[static_cast<size_t>(tier)];
      model.tier = tier;
      std::string key(tier_id(tier));
      if (const Tree* m = r_.required(*node, key, "models")) {
        read_model(*m, "models." + key, model);
        if (m->is_map())
          read_effects(*m, "models." + key, model);
        if (m->is_map() && m->find("company_places") != nullptr) {
          model.company_places = r_.quantity(*m->find("company_places"),
                                             "models." + key + ".company_places", Kind::kCount);
        }
      }
    }
  }

  std::vector<Quantity> ramp(const Tree& node, const std::string& path) {
    std::vector<Quantity> out;
    if (!node.is_seq()) {
      r_.error(node.where, msg("'{}' skal være en liste af {} andele, én pr. budgetår (fik {})",
                               "'{}' must be a list of {} shares, one per budget year (got {})",
                               path, s_.year_count, describe(node)));
      return out;
    }
    if (node.items.size() != static_cast<size_t>(s_.year_count)) {
      r_.error(node.where,
               msg("'{}' skal have {} elementer, ét pr. budgetår {}-{} (fik {})",
                   "'{}' must have {} entries, one per budget year {}-{} (got {})", path,
                   s_.year_count, s_.first_year, s_.last_year(), node.items.size()));
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      out.push_back(r_.quantity(node.items[i], fmt::format("{}.{}", path, i), Kind::kShare));
    }
    return out;
  }

  std::vector<Quantity> full_ramp(const std::string& path) {
    std::vector<Quantity> out(static_cast<size_t>(s_.year_count));
    for (size_t i = 0; i < out.size(); ++i) {
      out[i].value = 1.0;
      out[i].path = fmt::format("{}.{}", path, i);
      out[i].source = "standardværdi";
    }
    return out;
  }

  void read_initiatives(const Tree& root) {
    const Tree* list = r_.required_in(root, "initiatives", kScenarioFile);
    if (list == nullptr)
      return;
    const KnownIds& tracks = known_ids(s_.tracks);
    each_item(
        *list, "initiatives",
        [&](const Tree& item, const std::string& path, const std::string& id) {
          if (!r_.map(item, path,
                      {"id", "name", "track", "age_band", "needs_company_place", "wage_share",
                       "ramp", "per_model", "illustration"}))
            return;
          Initiative ini{id, name_or_id(item, path, id), "", "", false, {}, {}};
          static constexpr EnumId<bool> kBool[] = {{true, "true"}, {false, "false"}};
          if (const Tree* flag = item.find("needs_company_place")) {
            ini.needs_company_place =
                r_.choice(*flag, path + ".needs_company_place", kBool).value_or(false);
          }
          if (const Tree* flag = item.find("illustration"))
            ini.illustration = r_.choice(*flag, path + ".illustration", kBool).value_or(false);
          if (const Tree* band = item.find("age_band")) {
            ini.age_band = r_.id(*band, path + ".age_band");
            r_.reference(*band, path + ".age_band", ini.age_band,
                         {"en ukendt aldersgruppe", "an unknown age band"},
                         known_ids(s_.population));
          }
          if (const Tree* t = r_.required(item, "track", path)) {
            ini.track = r_.id(*t, path + ".track");
            r_.reference(*t, path + ".track", ini.track, {"et ukendt spor", "an unknown track"},
                         tracks);
          }
          ini.wage_share = r_.optional_quantity(item, "wage_share", path, Kind::kShare, 0);
          std::vector<Quantity> shared_ramp = item.find("ramp")
                                                  ? ramp(*item.find("ramp"), path + ".ramp")
                                                  : full_ramp(path + ".ramp");
          const Tree* per_model = r_.required(item, "per_model", path);
          if (per_model == nullptr ||
              !r_.map(*per_model, path + ".per_model", {"guld", "solv", "bronze"})) {
            return;
          }
          for (Tier tier : kAllTiers) {
            const Tree* m = per_model->find(tier_id(tier));
            std::string here = fmt::format("{}.per_model.{}", path, tier_id(tier));
            if (m == nullptr ||
                !r_.map(*m, here, {"participants", "unit_cost", "fixed_cost", "ramp"})) {
              continue;
            }
            Intensity in;
            in.participants = r_.required_quantity(*m, "participants", here, Kind::kCount);
            in.unit_cost = r_.required_quantity(*m, "unit_cost", here, Kind::kMoney);
            in.fixed_cost = r_.optional_quantity(*m, "fixed_cost", here, Kind::kMoney, 0);
            in.ramp = m->find("ramp") ? ramp(*m->find("ramp"), here + ".ramp") : shared_ramp;
            in.ramp.resize(static_cast<size_t>(s_.year_count));  // keeps engines in bounds on error
            ini.per_model[static_cast<size_t>(tier)] = std::move(in);
          }
          s_.initiatives.push_back(std::move(ini));
        });
    if (list->is_seq() && list->items.empty()) {
      r_.error(list->where,
               msg("'initiatives' må ikke være tom", "'initiatives' must not be empty"));
    }
  }

  void read_population(const Tree& root) {
    const Tree* list = root.find("population");
    if (list == nullptr)
      return;
    each_item(*list, "population",
              [&](const Tree& item, const std::string& path, const std::string& id) {
                AgeBand band{id, 0, 0, {}};
                if (!r_.map(item, path, {"id", "from", "to", "count"})) {
                  s_.population.push_back(std::move(band));  // still a known id
                  return;
                }
                const Tree* from = r_.required(item, "from", path);
                const Tree* to = r_.required(item, "to", path);
                std::optional<int> from_age = from ? r_.integer(*from, path + ".from", 0, 120) : 0;
                std::optional<int> to_age = to ? r_.integer(*to, path + ".to", 0, 120) : 0;
                band.from = from_age.value_or(0);
                band.to = to_age.value_or(0);
                if (from_age && to_age && from && to && band.from > band.to) {
                  r_.error(from->where,
                           msg("'{}': 'from' ({}) er større end 'to' ({})",
                               "'{}': 'from' ({}) is above 'to' ({})", path, band.from, band.to));
                }
                band.count = r_.required_quantity(item, "count", path, Kind::kPositive);
                s_.population.push_back(std::move(band));
              });
  }

  void read_prices(const Tree& list, const std::string& path, EconomicsSettings& e) {
    each_item(list, path, [&](const Tree& item, const std::string& here, const std::string& id) {
      if (!r_.map(item, here, {"id", "name", "amount", "price_year", "indexation"})) {
        e.prices.push_back({id, id, {}, s_.price_base, PriceIndexation::kNone});  // a known id
        return;
      }
      Price p{id, name_or_id(item, here, id), {}, s_.price_base, PriceIndexation::kNone};
      p.amount = r_.required_quantity(item, "amount", here, Kind::kMoney);
      if (const Tree* year = r_.required(item, "price_year", here))
        p.price_year = r_.integer(*year, here + ".price_year", 2000, 2100).value_or(s_.price_base);
      if (const Tree* ix = r_.required(item, "indexation", here))
        p.indexation = r_.choice(*ix, here + ".indexation", kPriceIndexationIds)
                           .value_or(PriceIndexation::kNone);
      e.prices.push_back(std::move(p));
    });
  }

  // The refusion steps must start at week 1 and rise, so that every week has one rate.
  void read_refusion(const Tree& node, const std::string& path, EconomicsSettings& e) {
    if (!r_.map(node, path, {"steps", "source", "spell_weeks"}))
      return;
    Refusion refusion;
    if (const Tree* source = node.find("source"))
      refusion.source = r_.text(*source, path + ".source");
    refusion.spell_weeks = r_.required_quantity(node, "spell_weeks", path, Kind::kPositive);
    const Tree* steps = r_.required(node, "steps", path);
    if (steps != nullptr && !steps->is_seq()) {
      r_.error(steps->where,
               msg("'{}.steps' skal være en liste af {{ from_week, state_share }} "
                   "(fik {})",
                   "'{}.steps' must be a list of {{ from_week, state_share }} (got {})", path,
                   describe(*steps)));
    } else if (steps != nullptr) {
      for (size_t i = 0; i < steps->items.size(); ++i) {
        const Tree& item = steps->items[i];
        std::string here = fmt::format("{}.steps.{}", path, i);
        if (!r_.map(item, here, {"from_week", "state_share"}))
          continue;
        RefusionStep step;
        if (const Tree* from = r_.required(item, "from_week", here)) {
          int lo = i == 0 ? 1 : refusion.steps.back().from_week + 1;
          int hi = i == 0 ? 1 : 10000;
          step.from_week = r_.integer(*from, here + ".from_week", lo, hi).value_or(lo);
        }
        if (const Tree* share = r_.required(item, "state_share", here)) {
          Quantity q = r_.quantity(*share, here + ".state_share", Kind::kShare);
          step.state_share = q.value;
        }
        refusion.steps.push_back(step);
      }
      if (steps->items.empty())
        r_.error(steps->where,
                 msg("'{}.steps' må ikke være tom", "'{}.steps' must not be empty", path));
    }
    e.refusion = std::move(refusion);
  }

  // A benefit is either an amount in price-base prices or a share of a catalogue price.
  void read_benefits(const Tree& list, const std::string& path, EconomicsSettings& e) {
    KnownIds known(ids(e.prices));
    each_item(list, path, [&](const Tree& item, const std::string& here, const std::string& id) {
      if (!r_.map(item, here,
                  {"id", "name", "payer", "amount", "price", "share", "refusion", "applies_to",
                   "kind"}))
        return;
      Benefit b{id, name_or_id(item, here, id), Payer::kKommune, {}, {}, {}};
      if (const Tree* to = item.find("applies_to"))
        b.applies_to =
            r_.choice(*to, here + ".applies_to", kAppliesToIds).value_or(AppliesTo::kAvoided);
      if (const Tree* kind = item.find("kind"))
        b.kind = r_.choice(*kind, here + ".kind", kBenefitKindIds).value_or(BenefitKind::kOther);
      if (const Tree* payer = r_.required(item, "payer", here))
        b.payer = r_.choice(*payer, here + ".payer", kPayerIds).value_or(Payer::kKommune);
      const Tree* price = item.find("price");
      if (price == nullptr) {
        if (const Tree* share = item.find("share")) {
          r_.error(share->where, msg("'{}.share' kræver en 'price' (en andel af hvilken pris?)",
                                     "'{}.share' needs a 'price' (a share of which price?)", here));
        }
        b.amount = r_.required_quantity(item, "amount", here, Kind::kMoney);
      } else {
        if (const Tree* amount = item.find("amount")) {
          r_.error(amount->where,
                   msg("'{}' har både 'amount' og 'price': giv enten et beløb eller en andel af "
                       "en pris",
                       "'{}' has both 'amount' and 'price': give either an amount or a share of "
                       "a price",
                       here));
        }
        b.price = r_.id(*price, here + ".price");
        if (known.list.empty() && !b.price.empty()) {
          r_.error(price->where, msg("'{}.price' nævner prisen '{}', men der er ingen "
                                     "'economics.prices'",
                                     "'{}.price' names the price '{}', but there is no "
                                     "'economics.prices'",
                                     here, excerpt(b.price)));
        }
        r_.reference(*price, here + ".price", b.price, {"en ukendt pris", "an unknown price"},
                     known);
        b.share = r_.required_quantity(item, "share", here, Kind::kShare);
      }
      if (const Tree* part = item.find("refusion")) {
        b.refusion =
            r_.choice(*part, here + ".refusion", kRefusionPartIds).value_or(RefusionPart::kNone);
        if (!e.refusion) {
          r_.error(part->where, msg("'{}.refusion' kræver 'economics.refusion' (trappen og "
                                    "forløbets længde)",
                                    "'{}.refusion' needs 'economics.refusion' (the steps and the "
                                    "length of the spell)",
                                    here));
        }
      }
      e.benefits.push_back(std::move(b));
    });
  }

  void read_economics(const Tree& root) {
    const Tree* node = root.find("economics");
    const std::string path = "economics";
    if (node == nullptr ||
        !r_.map(*node, path,
                {"discount_rate", "discount_to", "after_budget", "horizon_years", "satsregulering",
                 "prices", "refusion", "benefits", "persistence"}))
      return;
    EconomicsSettings e;
    e.discount_rate = r_.optional_quantity(*node, "discount_rate", path, Kind::kShare, 0.035);
    e.discount_to = s_.price_base;
    if (const Tree* to = node->find("discount_to"))
      e.discount_to = r_.integer(*to, path + ".discount_to", 2000, 2100).value_or(s_.price_base);
    if (const Tree* after = node->find("after_budget"))
      e.after_budget = r_.choice(*after, path + ".after_budget", kAfterBudgetIds)
                           .value_or(AfterBudget::kContinue);
    if (const Tree* h = node->find("horizon_years"))
      e.horizon_years = r_.integer(*h, path + ".horizon_years", 1, 70).value_or(10);
    e.satsregulering = r_.optional_quantity(*node, "satsregulering", path, Kind::kShare, 0);
    if (const Tree* list = node->find("prices"))
      read_prices(*list, path + ".prices", e);
    e.half_life_years.path = path + ".persistence.half_life_years";
    if (const Tree* p = node->find("persistence");
        p != nullptr && r_.map(*p, path + ".persistence", {"half_life_years"})) {
      e.half_life_years =
          r_.optional_quantity(*p, "half_life_years", path + ".persistence", Kind::kCount, 0);
    }
    if (const Tree* refusion = node->find("refusion"))
      read_refusion(*refusion, path + ".refusion", e);
    if (const Tree* list = r_.required(*node, "benefits", path))
      read_benefits(*list, path + ".benefits", e);
    if (root.find("projection") == nullptr) {
      r_.error(
          node->where,
          msg("'economics' kræver en 'projection'-sektion: de undgåede NEET-år kommer derfra",
              "'economics' needs a 'projection' section: the avoided NEET years come from it"));
    }
    bool has_16_24 = std::any_of(s_.population.begin(), s_.population.end(),
                                 [](const AgeBand& b) { return b.from == 16 && b.to == 24; });
    const Tree* population = root.find("population");
    bool reported = population != nullptr && !population->is_seq();  // malformed, said already
    if (!has_16_24 && !reported) {
      r_.error(node->where, msg("'economics' kræver en befolkningsgruppe fra 16 til 24: antallet "
                                "af 16-24-årige gør NEET-andele til personår",
                                "'economics' needs a population band from 16 to 24: the number of "
                                "16-24-year-olds turns NEET shares into person-years"));
    }
    s_.economics = std::move(e);
  }

  void read_coverage(const Tree& root) {
    const Tree* node = root.find("coverage");
    const std::string path = "coverage";
    if (node == nullptr || !r_.map(*node, path, {"overlap", "caseload", "coordination"}))
      return;
    CoverageSettings c;
    std::vector<std::string> bands = ids(s_.population);
    if (const Tree* overlap = node->find("overlap")) {
      if (!overlap->is_map()) {
        r_.error(overlap->where,
                 msg("'coverage.overlap' skal være en tabel af aldersgruppe: andel (fik {})",
                     "'coverage.overlap' must be a mapping of age band: share (got {})",
                     describe(*overlap)));
      } else {
        for (const Tree& item : overlap->items) {
          std::string here = "coverage.overlap." + item.key;
          if (!bands.empty() && s_.band(item.key) == nullptr) {
            r_.error(item.key_where, msg("'{}' nævner en ukendt aldersgruppe '{}' (kendte: {})",
                                         "'{}' names an unknown age band '{}' (known: {})", here,
                                         item.key, join(bands)));
          }
          c.overlap.emplace_back(item.key, r_.quantity(item, here, Kind::kShare));
        }
      }
    }
    if (const Tree* load = node->find("caseload")) {
      std::string here = path + ".caseload";
      if (r_.map(*load, here, {"role", "capacity_per_fte", "bands"})) {
        if (const Tree* role = r_.required(*load, "role", here)) {
          c.caseload_role = r_.id(*role, here + ".role");
          r_.reference(*role, here + ".role", c.caseload_role,
                       {"en ukendt rolle", "an unknown role"}, ids(s_.roles));
        }
        c.capacity_per_fte = r_.required_quantity(*load, "capacity_per_fte", here, Kind::kPositive);
        if (const Tree* list = r_.required(*load, "bands", here)) {
          if (!list->is_seq() || list->items.empty()) {
            r_.error(list->where, msg("'{}.bands' skal være en liste af aldersgrupper",
                                      "'{}.bands' must be a list of age bands", here));
          } else {
            for (const Tree& band : list->items) {
              c.caseload_bands.push_back(r_.id(band, here + ".bands"));
              r_.reference(band, here + ".bands", c.caseload_bands.back(),
                           {"en ukendt aldersgruppe", "an unknown age band"}, bands);
            }
          }
        }
      }
    }
    if (const Tree* coordination = node->find("coordination"))
      c.coordination = read_coordination(*coordination, path + ".coordination", bands);
    s_.coverage = std::move(c);
  }

  // coverage.coordination: who does the individual coordination, and how much of it they can.
  std::optional<IndividualCoordination> read_coordination(const Tree& node, const std::string& here,
                                                          const std::vector<std::string>& bands) {
    if (!r_.map(node, here, {"role", "capacity_per_fte", "available_fte", "bands"}))
      return std::nullopt;
    IndividualCoordination c;
    if (const Tree* role = r_.required(node, "role", here)) {
      c.role = r_.id(*role, here + ".role");
      r_.reference(*role, here + ".role", c.role, {"en ukendt rolle", "an unknown role"},
                   ids(s_.roles));
    }
    c.capacity_per_fte = r_.required_quantity(node, "capacity_per_fte", here, Kind::kPositive);
    c.available_fte = r_.required_quantity(node, "available_fte", here, Kind::kCount);
    if (const Tree* list = r_.required(node, "bands", here)) {
      if (!list->is_seq() || list->items.empty()) {
        r_.error(list->where, msg("'{}.bands' skal være en liste af aldersgrupper",
                                  "'{}.bands' must be a list of age bands", here));
      } else {
        for (const Tree& band : list->items) {
          c.bands.push_back(r_.id(band, here + ".bands"));
          r_.reference(band, here + ".bands", c.bands.back(),
                       {"en ukendt aldersgruppe", "an unknown age band"}, bands);
        }
      }
    }
    return c;
  }

  // Probabilities out of one state may not add up to more than 1.
  void check_row(const Tree& node, const std::string& path,
                 const std::vector<const Quantity*>& parts) {
    double sum = 0;
    for (const Quantity* q : parts)
      sum += q->value;
    if (sum > 1 + 1e-12) {
      r_.error(node.where, msg("'{}': sandsynlighederne summer til {:.4g}, mere end 1",
                               "'{}': the probabilities add up to {:.4g}, more than 1", path, sum));
    }
  }

  // A mapping of named shares out of one state, e.g. `neet: { to_education, to_work }`.
  void share_row(const Tree& parent, std::string_view key, const std::string& path,
                 const std::vector<std::pair<std::string, Quantity*>>& fields) {
    const Tree* node = r_.required(parent, key, path);
    std::string here = child_path(path, key);
    std::vector<std::string> names;
    names.reserve(fields.size());
    for (const auto& f : fields)
      names.push_back(f.first);
    if (node == nullptr || !r_.map(*node, here, names))
      return;
    std::vector<const Quantity*> parts;
    for (auto& [name, q] : fields) {
      *q = r_.required_quantity(*node, name, here, Kind::kShare);
      parts.push_back(q);
    }
    check_row(*node, here, parts);
  }

  Transitions read_transitions(const Tree& node, const std::string& path) {
    Transitions t;
    if (!r_.map(node, path, {"entry", "dropout", "education_to_work", "employed", "neet"}))
      return t;
    share_row(node, "entry", path,
              {{"education", &t.entry_education}, {"employed", &t.entry_employed}});
    t.dropout = r_.required_quantity(node, "dropout", path, Kind::kShare);
    if (const Tree* list = r_.required(node, "education_to_work", path)) {
      std::string here = path + ".education_to_work";
      if (!list->is_seq() || list->items.size() != 8) {
        r_.error(list->where, msg("'{}' skal være en liste af 8 andele, for alderen 16 til 23",
                                  "'{}' must be a list of 8 shares, for ages 16 to 23", here));
      } else {
        for (size_t i = 0; i < list->items.size(); ++i) {
          std::string item = fmt::format("{}.{}", here, i);
          t.education_to_work.push_back(r_.quantity(list->items[i], item, Kind::kShare));
          check_row(list->items[i], item, {&t.dropout, &t.education_to_work.back()});
        }
      }
    }
    share_row(node, "employed", path,
              {{"to_neet", &t.employed_to_neet}, {"to_education", &t.employed_to_education}});
    share_row(node, "neet", path,
              {{"to_education", &t.neet_to_education}, {"to_work", &t.neet_to_work}});
    return t;
  }

  void read_comparison(const Tree& node, const std::string& path, Projection& p) {
    if (!r_.map(node, path, {"shares", "groups", "national"}))
      return;
    if (const Tree* f = r_.required(node, "shares", path))
      p.shares = r_.text(*f, path + ".shares").empty() ? "" : data_path(*f);
    if (const Tree* f = r_.required(node, "groups", path))
      p.groups = r_.text(*f, path + ".groups").empty() ? "" : data_path(*f);
    if (const Tree* f = node.find("national"))
      p.national = r_.text(*f, path + ".national").empty() ? "" : data_path(*f);
  }

  void read_projection(const Tree& root) {
    const Tree* node = root.find("projection");
    const std::string path = "projection";
    if (node == nullptr || !r_.map(*node, path,
                                   {"comparison", "group", "codes", "base_years", "trend",
                                    "trend_years", "years_after_full", "confidence", "baseline"})) {
      return;
    }
    Projection p;
    if (const Tree* c = r_.required(*node, "comparison", path))
      read_comparison(*c, path + ".comparison", p);
    if (const Tree* g = node->find("group"))
      p.group = r_.integer(*g, path + ".group", 1, 5).value_or(0);
    if (const Tree* codes = node->find("codes")) {
      if (!codes->is_seq() || codes->items.empty()) {
        r_.error(codes->where, msg("'projection.codes' skal være en liste af kommunekoder",
                                   "'projection.codes' must be a list of kommunekoder"));
      } else {
        for (const Tree& code : codes->items) {
          auto v = r_.integer(code, path + ".codes", 101, 999);
          if (v && std::find(p.codes.begin(), p.codes.end(), *v) != p.codes.end()) {
            r_.error(code.where, msg("kommunekode {} står to gange i 'projection.codes'",
                                     "duplicate kommunekode {} in 'projection.codes'", *v));
          } else if (v) {
            p.codes.push_back(*v);
          }
        }
      }
      if (node->find("group") != nullptr)
        r_.error(codes->where, msg("angiv 'projection.codes' eller 'projection.group', ikke begge",
                                   "give 'projection.codes' or 'projection.group', not both"));
    }
    if (const Tree* k = node->find("base_years"))
      p.base_years = r_.integer(*k, path + ".base_years", 1, 10).value_or(1);
    if (const Tree* trend = node->find("trend")) {
      p.trend = r_.choice(*trend, path + ".trend", kTrendIds).value_or(Trend::kHold);
    }
    if (const Tree* k = node->find("trend_years"))
      p.trend_years = r_.integer(*k, path + ".trend_years", 2, 15).value_or(5);
    if ((p.trend == Trend::kNational || p.trend == Trend::kRevert) && p.national.empty())
      r_.error(node->where, msg("'projection.trend: {}' kræver 'projection.comparison.national'",
                                "'projection.trend: {}' needs 'projection.comparison.national'",
                                enum_id(kTrendIds, p.trend)));
    if (const Tree* k = node->find("years_after_full"))
      p.years_after_full = r_.integer(*k, path + ".years_after_full", 1, 20).value_or(5);
    if (const Tree* k = node->find("confidence")) {
      std::optional<double> v = r_.number(*k, path + ".confidence");
      if (v && !(*v >= 0.5 && *v < 1)) {
        r_.error(k->where,
                 msg("'projection.confidence' skal være mellem 0,5 og 1 (fx 0.8), ikke {}",
                     "'projection.confidence' must be between 0.5 and 1 (e.g. 0.8), not {}", *v));
      } else if (v) {
        p.confidence = *v;
      }
    }
    if (const Tree* baseline = r_.required(*node, "baseline", path))
      p.baseline = read_transitions(*baseline, path + ".baseline");
    s_.projection = std::move(p);
    check_projection_links(root);
  }

  // uncertainty.correlations: groups of inputs whose draws move together. Each input must be a
  // quantity; one without a range is not drawn and is left out of its group; a pair may be given
  // once; together the groups must make a correlation
  // matrix that some inputs can have (positive semi-definite).
  void read_uncertainty(const Tree& root) {
    const Tree* node = root.find("uncertainty");
    const std::string path = "uncertainty";
    if (node == nullptr || !r_.map(*node, path, {"correlations"}))
      return;
    const Tree* list = r_.required(*node, "correlations", path);
    if (list == nullptr)
      return;
    const std::string list_path = path + ".correlations";
    if (!list->is_seq()) {
      r_.error(list->where,
               msg("'{}' skal være en liste af {{ inputs, rho, note, note_en }}",
                   "'{}' must be a list of {{ inputs, rho, note, note_en }}", list_path));
      return;
    }
    std::vector<std::string> ranged, unranged;
    for (const Quantity* q : all_quantities(s_))
      (q->low && q->high ? ranged : unranged).push_back(q->path);
    std::map<std::pair<std::string, std::string>, std::pair<double, std::string>> pairs;
    bool complete = true;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Tree& item = list->items[i];
      std::string here = fmt::format("{}.{}", list_path, i);
      if (!r_.map(item, here, {"inputs", "rho", "note", "note_en"})) {
        complete = false;
        continue;
      }
      Correlation c;
      c.where = item.where;
      if (const Tree* note = item.find("note"))
        c.note = r_.text(*note, here + ".note");
      if (const Tree* note_en = item.find("note_en"))
        c.note_en = r_.text(*note_en, here + ".note_en");
      if (const Tree* rho = r_.required(item, "rho", here)) {
        auto v = r_.number(*rho, here + ".rho");
        if (v && (*v < -1 || *v > 1)) {
          r_.error(rho->where, msg("'{}.rho' skal være en korrelation fra -1 til 1 (fik {})",
                                   "'{}.rho' must be a correlation from -1 to 1 (got {})", here,
                                   excerpt(rho->scalar)));
          v.reset();
        }
        complete = complete && v.has_value();
        c.rho = v.value_or(0);
      } else {
        complete = false;
      }
      const Tree* inputs = r_.required(item, "inputs", here);
      if (inputs != nullptr && !inputs->is_seq()) {
        r_.error(inputs->where, msg("'{}.inputs' skal være en liste af stier til størrelser",
                                    "'{}.inputs' must be a list of quantity paths", here));
        inputs = nullptr;
      }
      if (inputs == nullptr) {
        complete = false;
        continue;
      }
      for (size_t k = 0; k < inputs->items.size(); ++k) {
        const Tree& input = inputs->items[k];
        std::string input_path = fmt::format("{}.inputs.{}", here, k);
        std::string name = r_.text(input, input_path);
        if (!input.is_scalar()) {
          complete = false;
          continue;
        }
        if (std::find(unranged.begin(), unranged.end(), name) != unranged.end())
          continue;  // not drawn (e.g. --set gave it a plain value): nothing to correlate
        if (std::find(ranged.begin(), ranged.end(), name) == ranged.end()) {
          std::string hint = did_you_mean(name, ranged);
          r_.error(input.where,
                   hint.empty()
                       ? msg("'{}': '{}' er ikke en størrelse i scenariet",
                             "'{}': '{}' is not a quantity of the scenario", input_path, name)
                       : msg("'{}': '{}' er ikke en størrelse i scenariet, mente du '{}'?",
                             "'{}': '{}' is not a quantity of the scenario, did you mean '{}'?",
                             input_path, name, hint));
          complete = false;
          continue;
        }
        if (std::find(c.inputs.begin(), c.inputs.end(), name) != c.inputs.end()) {
          r_.error(input.where, msg("'{}': '{}' står to gange i denne gruppe",
                                    "'{}': '{}' is in this group twice", input_path, name));
          complete = false;
          continue;
        }
        for (const std::string& other : c.inputs) {
          auto key = std::minmax(other, name);
          auto [at, inserted] =
              pairs.emplace(std::pair{key.first, key.second}, std::pair{c.rho, here});
          if (!inserted) {
            r_.error(input.where, msg("'{}': parret '{}' og '{}' har allerede en korrelation i "
                                      "'{}'; angiv hvert par én gang",
                                      "'{}': the pair '{}' and '{}' has a correlation in '{}' "
                                      "already; give each pair once",
                                      input_path, other, name, at->second.second));
            complete = false;
          }
        }
        c.inputs.push_back(name);
      }
      if (inputs->items.size() < 2) {
        r_.error(inputs->where,
                 msg("'{}.inputs' skal have mindst to størrelser at korrelere (fik {})",
                     "'{}.inputs' needs at least two quantities to correlate (got {})", here,
                     inputs->items.size()));
        complete = false;
      }
      s_.correlations.push_back(std::move(c));
    }
    if (complete && !s_.correlations.empty()) {
      double smallest = copula_of(s_.correlations).smallest_eigenvalue;
      if (smallest < -1e-9) {
        r_.error(
            list->where,
            msg("'{}' kan ikke gælde på én gang: ingen input kan have disse korrelationer samtidig "
                "(korrelationsmatricen har en negativ egenværdi, {:.3g}); sænk nogle rho",
                "'{}' cannot all hold at once: no inputs can have these correlations together (the "
                "correlation matrix has a negative eigenvalue, {:.3g}); lower some rho",
                list_path, smallest));
      }
    }
  }

  // The projection turns participants into reach through age bands, and effects into changed
  // transitions through the track's `moves`: both links must be there.
  void check_projection_links(const Tree& root) {
    const Tree* list = root.find("initiatives");
    for (size_t i = 0;
         list != nullptr && list->is_seq() && i < list->items.size() && i < s_.initiatives.size();
         ++i) {
      const Initiative& ini = s_.initiatives[i];
      const Track* track = s_.track(ini.track);
      if (track != nullptr && track->moves != Lever::kNone && ini.age_band.empty()) {
        r_.error(list->items[i].where, msg("'initiatives.{}' skal have en 'age_band': dens spor "
                                           "'{}' flytter en overgang i fremskrivningen",
                                           "'initiatives.{}' needs an 'age_band': its track '{}' "
                                           "moves a transition of the projection",
                                           ini.id, ini.track));
      }
    }
    for (const Model& model : s_.models) {
      for (const auto& [track_id, effect] : model.effects) {
        const Track* track = s_.track(track_id);
        bool reported = std::find(unchecked_tracks_.begin(), unchecked_tracks_.end(), track_id) !=
                        unchecked_tracks_.end();
        if (track != nullptr && track->moves == Lever::kNone && !reported) {
          r_.error(effect.where,
                   msg("'{}': sporet '{}' flytter ingen overgang; angiv 'tracks.{}.moves'",
                       "'{}': track '{}' moves no transition; give 'tracks.{}.moves'", effect.path,
                       track_id, track_id));
        }
      }
    }
  }

  // ids(list) for reference(), built again only when the list has grown: lists only grow while
  // their own section is read, and are complete before other sections name their ids. A set, so
  // that thousands of references to thousands of ids stay linear.
  template <typename T>
  const KnownIds& known_ids(const std::vector<T>& list) {
    std::unique_ptr<KnownIds>& slot = known_ids_[&list];
    if (!slot || slot->list.size() != list.size())
      slot = std::make_unique<KnownIds>(ids(list));
    return *slot;
  }

  ValueReader r_;
  Scenario s_;
  std::map<const void*, std::unique_ptr<KnownIds>> known_ids_;
  std::vector<std::string> unchecked_tracks_;  // reported already: skip checks that follow
};

}  // namespace

Scenario read_scenario(const Tree& root, std::vector<Diagnostic>& problems) {
  return ScenarioReader(problems).read(root);
}

}  // namespace ungegaranti
