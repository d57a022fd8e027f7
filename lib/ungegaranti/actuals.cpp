#include "ungegaranti/actuals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <filesystem>
#include <limits>
#include <map>

#include "ungegaranti/input_file.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/tree.hpp"
#include "ungegaranti/value_reader.hpp"

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

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

Tree parse_root(std::string_view text, const std::string& file) {
  Tree root = parse_yaml(text, file);
  if (root.is_null())
    throw Error({file, 0, 0}, msg("filen er tom; forventede en opfølgningsfil",
                                  "the file is empty; expected an actuals file"));
  if (!root.is_map()) {
    throw Error(root.where,
                msg("forventede en tabel med opfølgningsnøgler øverst (fik {})",
                    "expected a mapping of actuals keys at the top (got {})", describe(root)));
  }
  return root;
}

const std::vector<std::string> kTopKeys = {"actuals", "title",      "follows",
                                           "model",   "comparison", "years"};

// The parent of the top-level keys, in messages.
const Message kActualsFile{"opfølgningsfilen", "'the actuals file'"};

// The keys of a recorded number written as a quantity. A range means nothing for what happened.
const std::vector<std::string> kQuantityKeys = {"value", "source", "note"};

// Reads an actuals tree, collecting every problem. Without a scenario (`follows` is wrong or the
// scenario does not load) it checks what the file can say about itself: its keys, version, model
// and the syntax of its years; with one, everything. With `check_files`, the files it names must
// exist.
class ActualsReader {
 public:
  ActualsReader(const Scenario* s, std::vector<Diagnostic>& problems, bool check_files)
      : s_(s), r_(problems), check_files_(check_files) {}

  Actuals read(const Tree& root) {
    r_.map(root, "", kTopKeys);
    if (const Tree* format = r_.required_in(root, "actuals", kActualsFile))
      r_.integer(*format, "actuals", 1, 1);
    if (const Tree* follows = r_.required_in(root, "follows", kActualsFile))
      read_follows(*follows);
    if (const Tree* title = root.find("title"))
      a_.title = r_.text(*title, "title");
    if (const Tree* model = r_.required_in(root, "model", kActualsFile))
      read_model(*model);
    if (const Tree* comparison = root.find("comparison"))
      read_comparison(*comparison);
    if (const Tree* years = r_.required_in(root, "years", kActualsFile))
      read_years(*years);
    std::sort(a_.years.begin(), a_.years.end(),
              [](const ActualYear& x, const ActualYear& y) { return x.year < y.year; });
    return a_;
  }

 private:
  // The scenario followed: "" when `follows` is wrong (reported).
  void read_follows(const Tree& node) {
    std::string value = r_.text(node, "follows");
    if (!node.is_scalar())
      return;
    if (value.empty()) {
      r_.error(node.where, msg("'follows' skal være stien til den scenariefil, der følges op på",
                               "'follows' must be the path of the scenario file it follows up"));
      return;
    }
    std::string path = value == kBuiltinScenario ? value : data_path(node);
    std::error_code ec;
    if (check_files_ && path != kBuiltinScenario && !fs::is_regular_file(path, ec)) {
      r_.error(node.where, msg("'follows' nævner '{}', som ikke er en fil",
                               "'follows' names '{}', which is not a file", path));
      return;
    }
    a_.follows = path;
    a_.follows_where = node.where;
  }

  void read_model(const Tree& node) {
    std::string name = r_.text(node, "model");
    if (!node.is_scalar())
      return;
    if (auto tier = parse_tier(name)) {
      a_.tier = *tier;
    } else {
      r_.error(node.where, msg("'model' skal være guld, solv eller bronze (fik '{}')",
                               "'model' must be guld, solv or bronze (got '{}')", name));
    }
  }

  // A data file named under `comparison`: "" when missing or not a file (reported).
  std::string data_file(const Tree& node, const std::string& path) {
    std::string value = r_.text(node, path);
    if (value.empty()) {
      if (node.is_scalar())
        r_.error(node.where, msg("'{}' skal være stien til en CSV-fil",
                                 "'{}' must be the path of a CSV file", path));
      return "";
    }
    std::string file = data_path(node);
    std::error_code ec;
    if (check_files_ && !file.starts_with("builtin:") && !fs::is_regular_file(file, ec)) {
      r_.error(node.where, msg("'{}' nævner '{}', som ikke er en fil",
                               "'{}' names '{}', which is not a file", path, file));
      return "";
    }
    return file;
  }

  void read_comparison(const Tree& node) {
    const std::string path = "comparison";
    if (!r_.map(node, path, {"shares", "groups"}))
      return;
    ComparisonFiles files;
    if (s_ != nullptr && s_->projection)
      files.groups = s_->projection->groups;
    if (const Tree* f = r_.required(node, "shares", path)) {
      files.shares = data_file(*f, path + ".shares");
      a_.comparison_where = f->where;
    }
    if (const Tree* f = node.find("groups"))
      files.groups = data_file(*f, path + ".groups");
    if (s_ != nullptr && !s_->projection) {
      r_.error(node.where,
               msg("'comparison' kræver en 'projection'-sektion i scenariet, der følges op på ({})",
                   "'comparison' needs a 'projection' section in the scenario it follows ({})",
                   s_->origin));
    }
    a_.comparison = files;
  }

  void read_years(const Tree& node) {
    if (!node.is_map()) {
      r_.error(node.where,
               msg("'years' skal være en tabel af år: {{...}} (fik {})",
                   "'years' must be a mapping of year: {{...}} (got {})", describe(node)));
      return;
    }
    std::map<int, const Tree*> seen;  // year -> the entry that gave it first
    for (const Tree& entry : node.items) {
      std::string path = child_path("years", entry.key);
      // Digits only, as a year is written: "02025" and "+2025" are other keys for YAML but the
      // same year, and would count it twice.
      const std::string& key = entry.key;
      int year = 0;
      auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), year);
      bool digits = !key.empty() && std::all_of(key.begin(), key.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || ec != std::errc() || end != key.data() + key.size()) {
        r_.error(entry.key_where, msg("'years' skal have årstal som nøgler (fik '{}')",
                                      "'years' must have years as keys (got '{}')", excerpt(key)));
        continue;
      }
      if (key != std::to_string(year)) {
        r_.error(entry.key_where,
                 msg("året '{}' skal skrives uden foranstillede nuller ({})",
                     "year '{}' must be written without leading zeros ({})", key, year));
      }
      auto [first, fresh] = seen.try_emplace(year, &entry);
      if (!fresh) {
        const SourceLocation& at = first->second->key_where;
        r_.error(entry.key_where,
                 msg("året {} er angivet to gange (første gang som '{}' ved {}:{}:{})",
                     "year {} is given twice (first as '{}' at {}:{}:{})", year, first->second->key,
                     at.file, at.line, at.column));
        continue;
      }
      if (s_ == nullptr)
        continue;
      if (year < s_->first_year || year > s_->last_year()) {
        r_.error(entry.key_where,
                 msg("året {} ligger uden for budgetårene {}-{} i scenariet, der følges op på ({})",
                     "year {} is outside the budget years {}-{} of the scenario it follows ({})",
                     year, s_->first_year, s_->last_year(), s_->origin));
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
    const Scenario& s = *s_;
    if (const Tree* note = node.find("note"))
      r_.text(*note, path + ".note");
    if (const Tree* spend = node.find("spend"))
      read_spend(*spend, path + ".spend", y);
    if (const Tree* funding = node.find("funding")) {
      y.funding = true;
      for (auto& [id, dkk] :
           entries(*funding, path + ".funding", "funding",
                   model_ids(s, [](const Model& m) { return m.funding; }), Kind::kMoney)) {
        y.amounts.push_back({Category::kFunding, Booking::kFunding, id, dkk});
      }
    }
    if (const Tree* fte = node.find("fte"))
      y.fte = entries(*fte, path + ".fte", "role", ids(s.roles), Kind::kCount);
    if (const Tree* participants = node.find("participants")) {
      y.participants = entries(*participants, path + ".participants", "initiative",
                               ids(s.initiatives), Kind::kCount);
    }
    if (const Tree* places = node.find("company_places"))
      y.company_places = recorded(*places, path + ".company_places", Kind::kCount);
    if (const Tree* share = node.find("neet_share"))
      read_neet_share(*share, path + ".neet_share", y);
    a_.years.push_back(std::move(y));
  }

  void read_neet_share(const Tree& entry, const std::string& path, ActualYear& y) {
    y.neet_share_where = entry.key_where;
    std::optional<double> v =
        recorded(entry, path, Kind::kCount, std::numeric_limits<double>::infinity());
    if (!v)
      return;
    if (*v > 100) {
      r_.error(where_of(entry), msg("'{}' er en procentsats og skal være fra 0 til 100 (fik {})",
                                    "'{}' is a percentage and must be from 0 to 100 (got {})", path,
                                    scalar_of(entry)));
      return;
    }
    if (!s_->projection) {
      r_.error(entry.key_where,
               msg("'{}' kræver en 'projection'-sektion i scenariet, der følges op på ({})",
                   "'{}' needs a 'projection' section in the scenario it follows ({})", path,
                   s_->origin));
      return;
    }
    y.neet_share_pct = *v;
  }

  // Where the number of a plain or quantity value is written.
  static const SourceLocation& where_of(const Tree& node) {
    if (const Tree* value = node.is_map() ? node.find("value") : nullptr)
      return value->where;
    return node.where;
  }

  // The text of a plain or quantity value, as written.
  static const std::string& scalar_of(const Tree& node) {
    if (const Tree* value = node.is_map() ? node.find("value") : nullptr)
      return value->scalar;
    return node.scalar;
  }

  // A recorded number: plain, or { value, source, note }. nullopt when it is wrong (reported).
  // Amounts are at most kMaxActualDkk and counts kMaxActualCount unless `limit` says otherwise,
  // so that sums stay finite.
  std::optional<double> recorded(const Tree& node, const std::string& path, Kind kind,
                                 std::optional<double> limit = std::nullopt) {
    Tree plain = node;
    size_t before = problems();
    if (node.is_map()) {
      plain.items.clear();
      for (const Tree& item : node.items) {
        if (item.key == "low" || item.key == "high" || item.key == "dist") {
          r_.error(item.key_where,
                   msg("'{}' registrerer, hvad der skete, og har intet interval: '{}' hører hjemme "
                       "i scenariet, ikke i en opfølgningsfil (tilladt: value, source, note)",
                       "'{}' records what happened and has no range: '{}' belongs in the scenario, "
                       "not in an actuals file (allowed: value, source, note)",
                       path, item.key));
        } else if (std::find(kQuantityKeys.begin(), kQuantityKeys.end(), item.key) ==
                   kQuantityKeys.end()) {
          r_.unknown_key(item, path, kQuantityKeys);
        } else {
          plain.items.push_back(item);
        }
      }
    }
    Quantity q = r_.quantity(plain, path, kind);
    if (problems() != before)
      return std::nullopt;
    bool money = kind == Kind::kMoney;
    if (q.value > limit.value_or(money ? kMaxActualDkk : kMaxActualCount)) {
      r_.error(q.where, msg("'{}' må højst være {} (fik {})", "'{}' must be at most {} (got {})",
                            path, money ? "1e12 kr." : "1e9", scalar_of(node)));
      return std::nullopt;
    }
    return q.value;
  }

  size_t problems() const { return r_.count(); }

  void read_spend(const Tree& node, const std::string& path, ActualYear& y) {
    y.spend = true;
    if (!r_.map(node, path, {"initiatives", "tracks", "staffing", "coordination", "one_off"}))
      return;
    struct Section {
      const char* key;
      Category category;
      Booking booking;
      const char* what;
      std::vector<std::string> known;
    };
    const Scenario& s = *s_;
    const Section sections[] = {
        {"initiatives", Category::kInitiatives, Booking::kInitiative, "initiative",
         ids(s.initiatives)},
        {"tracks", Category::kInitiatives, Booking::kTrack, "track", ids(s.tracks)},
        {"staffing", Category::kStaffing, Booking::kRole, "role", ids(s.roles)},
        {"coordination", Category::kCoordination, Booking::kRole, "role", ids(s.roles)},
        {"one_off", Category::kOneOff, Booking::kOneOff, "one-off",
         model_ids(s, [](const Model& m) { return m.one_off; })},
    };
    for (const Section& section : sections) {
      const Tree* list = node.find(section.key);
      if (list == nullptr)
        continue;
      for (auto& [id, dkk] : entries(*list, child_path(path, section.key), section.what,
                                     section.known, Kind::kMoney)) {
        y.amounts.push_back({section.category, section.booking, id, dkk});
      }
    }
  }

  // The Danish word for what an entries() list books against.
  static std::string danish_noun(std::string_view what) {
    if (what == "initiative")
      return "indsats";
    if (what == "track")
      return "spor";
    if (what == "role")
      return "rolle";
    if (what == "one-off")
      return "engangsudgift";
    if (what == "funding")
      return "finansiering";
    return std::string(what);
  }

  // id: number, each id once (the tree has already refused duplicate keys).
  std::vector<std::pair<std::string, double>> entries(const Tree& node, const std::string& path,
                                                      std::string_view what,
                                                      const std::vector<std::string>& known,
                                                      Kind kind) {
    std::vector<std::pair<std::string, double>> out;
    Message noun{danish_noun(what), std::string(what)};
    if (!node.is_map()) {
      r_.error(node.where,
               msg("'{}' skal være en tabel af {}-id: tal (fik {})",
                   "'{}' must be a mapping of {} id: number (got {})", path, noun, describe(node)));
      return out;
    }
    for (const Tree& entry : node.items) {
      std::string here = child_path(path, entry.key);
      if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
        std::string hint = did_you_mean(entry.key, known);
        r_.error(entry.key_where, hint.empty()
                                      ? msg("'{}': ukendt {} '{}' (kendte: {})",
                                            "'{}' names an unknown {} '{}' (known: {})", here, noun,
                                            entry.key, join(known))
                                      : msg("'{}': ukendt {} '{}' (mente du '{}'?)",
                                            "'{}' names an unknown {} '{}' (did you mean '{}'?)",
                                            here, noun, entry.key, hint));
        continue;
      }
      if (auto v = recorded(entry, here, kind))
        out.emplace_back(entry.key, *v);
    }
    return out;
  }

  const Scenario* s_;
  ValueReader r_;
  bool check_files_;
  Actuals a_;
};

Actuals read_against(const Tree& root, const std::string& file, const Scenario& scenario,
                     bool check_files) {
  std::vector<Diagnostic> problems;
  Actuals actuals = ActualsReader(&scenario, problems, check_files).read(root);
  if (!problems.empty())
    throw Error(std::move(problems));
  actuals.origin = file;
  actuals.input_hash = tree_hash(root);
  return actuals;
}

void refuse_scenario_file(const Tree& root) {
  if (root.find("ungegaranti") != nullptr && root.find("actuals") == nullptr) {
    throw Error(root.where, msg("dette er en scenariefil; followup kræver en opfølgningsfil, der "
                                "nævner sit scenarie med 'follows' (docs/actuals-reference.md)",
                                "this is a scenario file; followup needs an actuals file that "
                                "names its scenario with 'follows' (docs/actuals-reference.md)"));
  }
}

}  // namespace

FollowUpInput parse_actuals(std::string_view text, const std::string& file) {
  Tree root = parse_root(text, file);
  refuse_scenario_file(root);
  // The file's own problems first, so that a wrong `follows` does not hide them.
  std::vector<Diagnostic> problems;
  Actuals own = ActualsReader(nullptr, problems, true).read(root);
  if (own.follows.empty()) {
    assert(!problems.empty());
    throw Error(std::move(problems));
  }
  ScenarioSource source = read_scenario_source(own.follows);
  std::optional<Scenario> scenario;
  try {
    scenario = parse_scenario(source.text, source.name);
  } catch (const Error& e) {
    for (const Diagnostic& d : e.diagnostics())
      problems.push_back(d);
    throw Error(std::move(problems));
  }
  FollowUpInput input{std::move(*scenario), {}};
  input.actuals = read_against(root, file, input.scenario, true);
  return input;
}

FollowUpInput load_actuals(const std::string& path) {
  if (path == kBuiltinScenario)
    throw Error({path, 0, 0}, msg("forventede en opfølgningsfil, ikke det indbyggede scenarie",
                                  "expected an actuals file, not the embedded scenario"));
  std::string text =
      read_input_file(path, ParseLimits{}.max_bytes, {}, {"en opfølgningsfil", "an actuals file"});
  return parse_actuals(text, path);
}

bool is_actuals_file(const std::string& path) {
  if (path == kBuiltinScenario)
    return false;
  try {
    std::string text = read_input_file(path, ParseLimits{}.max_bytes, {},
                                       {"en opfølgningsfil", "an actuals file"});
    Tree root = parse_yaml(text, path);
    return root.is_map() && root.find("actuals") != nullptr && root.find("ungegaranti") == nullptr;
  } catch (const Error&) {
    return false;
  }
}

Actuals parse_actuals(std::string_view text, const std::string& file, const Scenario& scenario) {
  Tree root = parse_root(text, file);
  Actuals actuals = read_against(root, file, scenario, false);
  actuals.follows = scenario.origin;
  return actuals;
}

std::optional<NeetData> load_newer_data(const Actuals& actuals) {
  if (!actuals.comparison)
    return std::nullopt;
  try {
    return load_neet_data(*actuals.comparison);
  } catch (const Error& e) {
    // A file that cannot be opened at all is reported at the key that named it.
    if (e.diagnostics().size() != 1 || !e.diagnostics().front().where.file.empty())
      throw;
    const Message& why = e.diagnostics().front().message;
    throw Error(actuals.comparison_where,
                Message{"sammenligningsdata nævnt her kan ikke læses: " + why.da,
                        "the comparison data named here cannot be read: " + why.en});
  }
}

}  // namespace ungegaranti
