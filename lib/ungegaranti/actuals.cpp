#include "ungegaranti/actuals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "ungegaranti/load.hpp"
#include "ungegaranti/tree.hpp"
#include "ungegaranti/value_reader.hpp"

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

template <typename T>
std::vector<std::string> ids(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const T& item : items)
    out.push_back(item.id);
  return out;
}

// Ids of one-offs or fundings of every model, each once, in model order.
template <typename F>
std::vector<std::string> model_ids(const Scenario& s, F&& list_of) {
  std::vector<std::string> out;
  for (const Model& m : s.models) {
    for (const auto& item : list_of(m)) {
      if (std::find(out.begin(), out.end(), item.id) == out.end())
        out.push_back(item.id);
    }
  }
  return out;
}

// A path written in the actuals file: relative to its folder unless absolute or builtin:.
std::string relative_to(const std::string& from, const std::string& value) {
  if (value.starts_with("builtin:") || fs::path(value).is_absolute())
    return value;
  return (fs::path(from).parent_path() / value).lexically_normal().string();
}

Tree parse_root(std::string_view text, const std::string& file) {
  Tree root = parse_yaml(text, file);
  if (root.is_null())
    throw Error({file, 0, 0}, "the file is empty; expected an actuals file");
  if (!root.is_map()) {
    throw Error(root.where, fmt::format("expected a mapping of actuals keys at the top (got {})",
                                        describe(root)));
  }
  return root;
}

// The top-level keys of an actuals file, checked before its scenario is loaded.
const std::vector<std::string> kTopKeys = {"actuals", "title",      "follows",
                                           "model",   "comparison", "years"};

// Reads an actuals tree against the scenario it follows, collecting every problem.
class ActualsReader {
 public:
  ActualsReader(const Scenario& s, std::vector<Diagnostic>& problems) : s_(s), r_(problems) {}

  Actuals read(const Tree& root) {
    r_.map(root, "", kTopKeys);
    if (const Tree* format = r_.required(root, "actuals", "the actuals file"))
      r_.integer(*format, "actuals", 1, 1);
    r_.required(root, "follows", "the actuals file");
    if (const Tree* title = root.find("title"))
      a_.title = r_.text(*title, "title");
    if (const Tree* model = r_.required(root, "model", "the actuals file"))
      read_model(*model);
    if (const Tree* comparison = root.find("comparison"))
      read_comparison(*comparison);
    if (const Tree* years = r_.required(root, "years", "the actuals file"))
      read_years(*years);
    std::sort(a_.years.begin(), a_.years.end(),
              [](const ActualYear& x, const ActualYear& y) { return x.year < y.year; });
    return a_;
  }

 private:
  void read_model(const Tree& node) {
    std::string name = r_.text(node, "model");
    if (!node.is_scalar())
      return;
    if (auto tier = parse_tier(name)) {
      a_.tier = *tier;
    } else {
      r_.error(node.where, fmt::format("'model' must be guld, solv or bronze (got '{}')", name));
    }
  }

  void read_comparison(const Tree& node) {
    const std::string path = "comparison";
    if (!r_.map(node, path, {"shares", "groups"}))
      return;
    ComparisonFiles files;
    if (s_.projection)
      files.groups = s_.projection->groups;
    if (const Tree* f = r_.required(node, "shares", path)) {
      std::string value = r_.text(*f, path + ".shares");
      if (!value.empty())
        files.shares = relative_to(f->where.file, value);
    }
    if (const Tree* f = node.find("groups")) {
      std::string value = r_.text(*f, path + ".groups");
      if (!value.empty())
        files.groups = relative_to(f->where.file, value);
    }
    if (!s_.projection) {
      r_.error(node.where, fmt::format("'comparison' needs a 'projection' section in the scenario "
                                       "it follows ({})",
                                       s_.origin));
    }
    a_.comparison = files;
  }

  void read_years(const Tree& node) {
    if (!node.is_map()) {
      r_.error(node.where,
               fmt::format("'years' must be a mapping of year: {{...}} (got {})", describe(node)));
      return;
    }
    for (const Tree& entry : node.items) {
      std::string path = child_path("years", entry.key);
      int year = 0;
      auto [end, ec] = std::from_chars(entry.key.data(), entry.key.data() + entry.key.size(), year);
      if (ec != std::errc() || end != entry.key.data() + entry.key.size()) {
        r_.error(entry.key_where,
                 fmt::format("'years' must have years as keys (got '{}')", entry.key));
        continue;
      }
      if (year < s_.first_year || year > s_.last_year()) {
        r_.error(entry.key_where,
                 fmt::format("year {} is outside the budget years {}-{} of the scenario it "
                             "follows ({})",
                             year, s_.first_year, s_.last_year(), s_.origin));
        continue;
      }
      read_year(entry, path, year);
    }
  }

  void read_year(const Tree& node, const std::string& path, int year) {
    ActualYear y;
    y.year = year;
    if (!r_.map(
            node, path,
            {"spend", "funding", "fte", "participants", "company_places", "neet_share", "note"})) {
      a_.years.push_back(std::move(y));
      return;
    }
    if (const Tree* note = node.find("note"))
      r_.text(*note, path + ".note");
    if (const Tree* spend = node.find("spend"))
      read_spend(*spend, path + ".spend", y);
    if (const Tree* funding = node.find("funding")) {
      y.money = true;
      for (auto& [id, dkk] : amounts(*funding, path + ".funding", "funding",
                                     model_ids(s_, [](const Model& m) { return m.funding; }))) {
        y.amounts.push_back({Category::kFunding, Booking::kFunding, id, dkk});
      }
    }
    if (const Tree* fte = node.find("fte"))
      y.fte = counts(*fte, path + ".fte", "role", ids(s_.roles));
    if (const Tree* participants = node.find("participants"))
      y.participants =
          counts(*participants, path + ".participants", "initiative", ids(s_.initiatives));
    if (const Tree* places = node.find("company_places"))
      y.company_places = r_.quantity(*places, path + ".company_places", Kind::kCount).value;
    if (const Tree* share = node.find("neet_share")) {
      std::string here = path + ".neet_share";
      if (auto v = r_.number(*share, here)) {
        if (*v < 0 || *v > 100) {
          r_.error(share->where,
                   fmt::format("'{}' is a percentage and must be from 0 to 100 (got {})", here,
                               share->scalar));
        } else {
          y.neet_share_pct = *v;
        }
      }
    }
    a_.years.push_back(std::move(y));
  }

  void read_spend(const Tree& node, const std::string& path, ActualYear& y) {
    y.money = true;
    if (!r_.map(node, path, {"initiatives", "tracks", "staffing", "coordination", "one_off"}))
      return;
    struct Section {
      const char* key;
      Category category;
      Booking booking;
      const char* what;
      std::vector<std::string> known;
    };
    const Section sections[] = {
        {"initiatives", Category::kInitiatives, Booking::kInitiative, "initiative",
         ids(s_.initiatives)},
        {"tracks", Category::kInitiatives, Booking::kTrack, "track", ids(s_.tracks)},
        {"staffing", Category::kStaffing, Booking::kRole, "role", ids(s_.roles)},
        {"coordination", Category::kCoordination, Booking::kRole, "role", ids(s_.roles)},
        {"one_off", Category::kOneOff, Booking::kOneOff, "one-off",
         model_ids(s_, [](const Model& m) { return m.one_off; })},
    };
    for (const Section& section : sections) {
      const Tree* list = node.find(section.key);
      if (list == nullptr)
        continue;
      for (auto& [id, dkk] :
           amounts(*list, child_path(path, section.key), section.what, section.known)) {
        y.amounts.push_back({section.category, section.booking, id, dkk});
      }
    }
  }

  // id: amount in kroner, each id once (the tree has already refused duplicate keys).
  std::vector<std::pair<std::string, double>> amounts(const Tree& node, const std::string& path,
                                                      std::string_view what,
                                                      const std::vector<std::string>& known) {
    return entries(node, path, what, known, Kind::kMoney);
  }

  std::vector<std::pair<std::string, double>> counts(const Tree& node, const std::string& path,
                                                     std::string_view what,
                                                     const std::vector<std::string>& known) {
    return entries(node, path, what, known, Kind::kCount);
  }

  std::vector<std::pair<std::string, double>> entries(const Tree& node, const std::string& path,
                                                      std::string_view what,
                                                      const std::vector<std::string>& known,
                                                      Kind kind) {
    std::vector<std::pair<std::string, double>> out;
    if (!node.is_map()) {
      r_.error(node.where, fmt::format("'{}' must be a mapping of {} id: number (got {})", path,
                                       what, describe(node)));
      return out;
    }
    for (const Tree& entry : node.items) {
      std::string here = child_path(path, entry.key);
      if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
        std::string hint = did_you_mean(entry.key, known);
        r_.error(entry.key_where,
                 hint.empty() ? fmt::format("'{}' names an unknown {} '{}' (known: {})", here, what,
                                            entry.key, join(known))
                              : fmt::format("'{}' names an unknown {} '{}' (did you mean '{}'?)",
                                            here, what, entry.key, hint));
        continue;
      }
      out.emplace_back(entry.key, r_.quantity(entry, here, kind).value);
    }
    return out;
  }

  const Scenario& s_;
  ValueReader r_;
  Actuals a_;
};

Actuals read_against(const Tree& root, const std::string& file, const Scenario& scenario,
                     const std::string& follows) {
  std::vector<Diagnostic> problems;
  Actuals actuals = ActualsReader(scenario, problems).read(root);
  if (!problems.empty())
    throw Error(std::move(problems));
  actuals.origin = file;
  actuals.follows = follows;
  actuals.input_hash = tree_hash(root);
  return actuals;
}

// The scenario `follows` names, after checking the keys that must be right before it can load.
std::string follows_path(const Tree& root, const std::string& file) {
  if (root.find("ungegaranti") != nullptr && root.find("actuals") == nullptr) {
    throw Error(root.where,
                "this is a scenario file; followup needs an actuals file that names "
                "its scenario with 'follows' (docs/actuals-reference.md)");
  }
  std::vector<Diagnostic> problems;
  ValueReader r(problems);
  const Tree* follows = r.required(root, "follows", "the actuals file");
  std::string path;
  if (follows != nullptr) {
    std::string value = r.text(*follows, "follows");
    if (follows->is_scalar() && value.empty()) {
      r.error(follows->where, "'follows' must be the path of the scenario file it follows up");
    } else if (!value.empty()) {
      path = value == kBuiltinScenario ? value : relative_to(file, value);
      std::error_code ec;
      if (path != kBuiltinScenario && !fs::is_regular_file(path, ec)) {
        r.error(follows->where, fmt::format("'follows' names '{}', which is not a file", path));
      }
    }
  }
  if (!problems.empty())
    throw Error(std::move(problems));
  return path;
}

}  // namespace

FollowUpInput parse_actuals(std::string_view text, const std::string& file) {
  Tree root = parse_root(text, file);
  std::string follows = follows_path(root, file);
  ScenarioSource source = read_scenario_source(follows);
  FollowUpInput input{parse_scenario(source.text, source.name), {}};
  input.actuals = read_against(root, file, input.scenario, follows);
  return input;
}

FollowUpInput load_actuals(const std::string& path) {
  if (path == kBuiltinScenario)
    throw Error({path, 0, 0}, "expected an actuals file, not the embedded scenario");
  ScenarioSource source = read_scenario_source(path);
  return parse_actuals(source.text, source.name);
}

Actuals parse_actuals(std::string_view text, const std::string& file, const Scenario& scenario) {
  Tree root = parse_root(text, file);
  return read_against(root, file, scenario, scenario.origin);
}

}  // namespace ungegaranti
