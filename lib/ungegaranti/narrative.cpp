#include "ungegaranti/narrative.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "ungegaranti/number_format.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

const Table* find_table(const std::vector<Table>& tables, std::string_view id) {
  auto it = std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.id == id; });
  return it == tables.end() ? nullptr : &*it;
}

std::optional<size_t> column(const Table& table, std::string_view id) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].id == id)
      return i;
  }
  return std::nullopt;
}

// The cell in column `id` of the first body row whose first cell has key `row` (and, when `year`
// is given, whose "year" cell has that key).
const Cell* cell(const Table* table, std::string_view row, std::string_view id,
                 std::string_view year = {}) {
  if (table == nullptr)
    return nullptr;
  std::optional<size_t> c = column(*table, id);
  std::optional<size_t> y = year.empty() ? std::nullopt : column(*table, "year");
  if (!c || (!year.empty() && !y))
    return nullptr;
  for (const Row& r : table->rows) {
    if (r.kind != RowKind::kBody || r.cells.empty() || r.cells.front().key != row)
      continue;
    if (y && r.cells[*y].key != year)
      continue;
    return &r.cells[*c];
  }
  return nullptr;
}

std::optional<double> number(const Cell* c) { return c != nullptr ? c->number : std::nullopt; }

class Narrative {
 public:
  Narrative(const Scenario& s, const std::vector<Table>& report, Lang lang)
      : s_(s),
        lang_(lang),
        summary_(find_table(report, "summary")),
        base_(find_table(report, "base")),
        targets_(find_table(report, "targets")),
        paths_(find_table(report, "projection")),
        register_(find_table(report, "assumptions")),
        probabilities_(find_table(report, "probabilities")),
        run_(find_table(report, "monte_carlo_run")) {}

  std::vector<std::string> sentences() const {
    std::vector<std::string> out;
    add(out, costs());
    add(out, reach());
    add(out, baseline());
    add(out, with_models());
    for (Tier tier : kAllTiers)
      add(out, verdict(tier));
    add(out, rests_on());
    return out;
  }

 private:
  std::string num(double v, int decimals) const { return format_number(v, decimals, lang_); }
  // A model's name at the start of a sentence, and inside one ("guld", "gold").
  std::string model(Tier tier) const { return std::string(tier_name(tier, lang_)); }
  std::string model_in(Tier tier) const {
    std::string name = model(tier);  // every model name starts in ASCII
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
  }
  static void add(std::vector<std::string>& out, std::string sentence) {
    if (!sentence.empty())
      out.push_back(std::move(sentence));
  }

  // "A, B og C" / "A, B and C".
  std::string list(const std::vector<std::string>& items) const {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0)
        out += i + 1 == items.size() ? in_lang(lang_, " og ", " and ") : ", ";
      out += items[i];
    }
    return out;
  }

  // Net cost over the budget years, in million kroner with two decimals, as a table in mio. kr.
  std::string costs() const {
    std::vector<std::string> parts;
    for (Tier tier : kAllTiers) {
      std::optional<double> net = number(cell(summary_, tier_id(tier), "net"));
      if (!net)
        return "";
      parts.push_back(in_lang(lang_, "{} mio. kr. i {}", "DKK {} million in {}", num(*net / 1e6, 2),
                              model_in(tier)));
    }
    return in_lang(lang_,
                   "Ungegarantien koster netto {parts} over budgetårene {first}-{last}, i "
                   "løbende priser.",
                   "The guarantee costs, net, {parts} over the budget years {first}-{last}, "
                   "in current prices.",
                   "parts"_a = list(parts), "first"_a = s_.first_year, "last"_a = s_.last_year());
  }

  std::string reach() const {
    std::vector<std::string> parts;
    for (Tier tier : kAllTiers) {
      std::optional<double> reached = number(cell(summary_, tier_id(tier), "reached"));
      if (!reached)
        return "";
      parts.push_back(fmt::format("{} {}", model_in(tier), num(*reached, 0)));
    }
    return in_lang(lang_, "I det sidste budgetår når modellerne disse antal forskellige unge: {}.",
                   "In the last budget year the models reach this many distinct young "
                   "people: {}.",
                   list(parts));
  }

  // The horizon year shared by the models, or nullopt when they differ or are missing.
  std::optional<std::string> common_horizon() const {
    std::optional<std::string> h;
    for (Tier tier : kAllTiers) {
      const Cell* c = cell(targets_, tier_id(tier), "horizon");
      if (c == nullptr || (h && *h != c->key))
        return std::nullopt;
      h = c->key;
    }
    return h;
  }

  std::string baseline() const {
    std::optional<std::string> h = common_horizon();
    const Cell* base_year = base_ == nullptr ? nullptr : &base_->rows.front().cells.at(1);
    std::optional<double> observed = number(
        cell(base_, base_ == nullptr ? "" : base_->rows.front().cells.front().key, "observed"));
    if (!h || base_year == nullptr || !observed)
      return "";
    std::string first =
        paths_ != nullptr && !paths_->rows.empty() ? paths_->rows.front().cells.at(1).key : "";
    std::optional<double> rank = number(cell(paths_, "baseline", "rank_all", first));
    std::optional<double> at_h = number(cell(paths_, "baseline", "share", *h));
    std::optional<double> rank_h = number(cell(paths_, "baseline", "rank_all", *h));
    const Cell* trend = cell(base_, base_->rows.front().cells.front().key, "trend");
    if (!rank || !at_h || !rank_h || trend == nullptr)
      return "";
    int of = 0;
    if (!paths_->rows.empty()) {
      std::string label = paths_->columns.at(*column(*paths_, "rank_all")).label;
      of = std::atoi(label.substr(label.find_last_of(' ') + 1).c_str());
    }
    return in_lang(
        lang_,
        "NEET-andelen blandt de 16-24-årige i {name} var {observed} % {year} "
        "(placering {rank} af {of}); uden ungegaranti fremskrives den til {at_h} % "
        "i {h} (placering {rank_h}), når de øvrige kommuners udvikling følger "
        "reglen '{trend}'.",
        "The NEET share among 16-24-year-olds in {name} was {observed} % {year} "
        "(rank {rank} of {of}); without the guarantee it is projected at {at_h} % "
        "in {h} (rank {rank_h}), with the other municipalities following the rule "
        "'{trend}'.",
        "name"_a = s_.municipality_name, "observed"_a = num(*observed, 2),
        "year"_a = base_year->text.find('-') == std::string::npos
                       ? in_lang(lang_, "i ", "in ") + base_year->text
                       : in_lang(lang_, "i gennemsnit for ", "on average in ") + base_year->text,
        "rank"_a = num(*rank, 0), "of"_a = of, "at_h"_a = num(*at_h, 2), "h"_a = *h,
        "rank_h"_a = num(*rank_h, 0), "trend"_a = trend->text);
  }

  std::string with_models() const {
    std::optional<std::string> h = common_horizon();
    if (!h)
      return "";
    std::vector<std::string> parts;
    for (Tier tier : kAllTiers) {
      std::optional<double> share = number(cell(targets_, tier_id(tier), "share"));
      if (!share)
        return "";
      parts.push_back(
          in_lang(lang_, "{} % med {}", "{} % with {}", num(*share, 2), model_in(tier)));
    }
    return in_lang(lang_, "Med de antagne effekter fremskrives andelen i {h} til {parts}.",
                   "With the assumed effects the share in {h} is projected at {parts}.", "h"_a = *h,
                   "parts"_a = list(parts));
  }

  // The probabilities the summary shows (the Monte Carlo's with --draws, else the futures').
  std::string chance_phrase(Tier tier) const {
    std::optional<double> p = number(cell(summary_, tier_id(tier), "p_target_met"));
    std::optional<double> p0 = number(cell(summary_, tier_id(tier), "p_target_met_without"));
    if (!p || !p0)
      return "";
    std::string phrase =
        in_lang(lang_, "i {p} % af de historiske fremtider mod {p0} % uden ungegaranti",
                "in {p} % of the historical futures, against {p0} % without "
                "the guarantee",
                "p"_a = num(*p, 0), "p0"_a = num(*p0, 0));
    // With a Monte Carlo run, its own probabilities (effects and futures drawn) beside them.
    std::optional<double> mc = number(cell(summary_, tier_id(tier), "mc_p_target_met"));
    std::optional<double> mc0 = number(cell(summary_, tier_id(tier), "mc_p_target_met_without"));
    if (mc && mc0 && run_ != nullptr) {
      phrase += in_lang(lang_, " (i Monte Carlo-beregningen med {draws} træk {p} % mod {p0} %)",
                        " (in the Monte Carlo run of {draws} draws {p} % against {p0} %)",
                        "draws"_a = num(*run_->rows.front().cells.front().number, 0),
                        "p"_a = num(*mc, 0), "p0"_a = num(*mc0, 0));
    }
    return phrase;
  }

  std::string verdict(Tier tier) const {
    const Cell* target = cell(targets_, tier_id(tier), "target");
    const Cell* rule = cell(targets_, tier_id(tier), "rule");
    const Cell* met = cell(summary_, tier_id(tier), "target_met");
    const Cell* without = cell(summary_, tier_id(tier), "met_without");
    if (target == nullptr || rule == nullptr || met == nullptr || met->key.empty())
      return "";
    std::string goal = target->text;  // "Bedste tredjedel …": every target name starts in ASCII
    if (!goal.empty())
      goal[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(goal[0])));
    std::string chance = chance_phrase(tier);
    std::string how;
    if (met->key == "yes") {
      how = chance.empty() ? in_lang(lang_, "målet nås", "the target is met")
                           : in_lang(lang_, "målet nås {}", "the target is met {}", chance);
    } else if (met->key == "uncertain") {
      how =
          in_lang(lang_, "målet nås i den centrale fremskrivning, men kun {} og er derfor usikkert",
                  "the target is met in the central projection, but only {}, so it is "
                  "uncertain",
                  chance);
    } else {
      std::optional<double> scale = number(cell(summary_, tier_id(tier), "required_scale"));
      how = scale ? in_lang(lang_,
                            "målet nås ikke; det kræver {} gange de antagne "
                            "effekter",
                            "the target is not met; it needs {} times the "
                            "assumed effects",
                            num(*scale, 2))
                  : in_lang(lang_, "målet nås ikke", "the target is not met");
      if (!chance.empty())
        how += in_lang(lang_, " (det nås {})", " (it is met {})", chance);
    }
    // The rule in words adds the ranks to a best third; an average needs no more words.
    if (rule->key != "group_average")
      goal += " (" + rule->text + ")";
    std::string sentence =
        in_lang(lang_, "{model} sigter mod {goal}: {how}.", "{model}'s target is {goal}: {how}.",
                "model"_a = model(tier), "goal"_a = goal, "how"_a = how);
    if (without != nullptr && without->key == "yes")
      sentence += in_lang(lang_, " Målet er nået allerede uden ungegaranti.",
                          " The target is met already without the guarantee.");
    return sentence;
  }

  std::string rests_on() const {
    if (register_ == nullptr)
      return "";
    std::optional<size_t> a = column(*register_, "assumption");
    if (!a)
      return "";
    int assumed = 0;
    for (const Row& r : register_->rows)
      assumed += r.cells[*a].key == "yes" ? 1 : 0;
    std::vector<std::string> scales;
    for (Tier tier : kAllTiers) {
      std::optional<double> scale = number(cell(summary_, tier_id(tier), "required_scale"));
      if (scale) {
        scales.push_back(in_lang(lang_, "{} for {}", "{} for {}", num(*scale, 2), model_in(tier)));
      }
    }
    // The models' effects among them: the register's rows models.<m>.effects.<track>.
    int effects = 0, effects_assumed = 0;
    for (const Row& r : register_->rows) {
      if (r.cells.front().key.find(".effects.") == std::string::npos)
        continue;
      ++effects;
      effects_assumed += r.cells[*a].key == "yes" ? 1 : 0;
    }
    std::string sentence =
        in_lang(lang_, "Tallene hviler på antagelser: {a} af registrets {n} tal er antagelser",
                "The figures rest on assumptions: {a} of the register's {n} figures are "
                "assumptions",
                "a"_a = assumed, "n"_a = register_->rows.size());
    if (effects > 0) {
      sentence += in_lang(lang_, ", heriblandt {ea} af modellernes {e} effekter",
                          ", among them {ea} of the models' {e} effects", "ea"_a = effects_assumed,
                          "e"_a = effects);
    }
    sentence += ".";
    if (!scales.empty()) {
      sentence += in_lang(lang_,
                          " For netop at nå målet skal effekterne være så mange gange de "
                          "antagne: {}.",
                          " To just meet the target, the effects must be this many times the "
                          "assumed ones: {}.",
                          list(scales));
    }
    return sentence;
  }

  const Scenario& s_;
  Lang lang_;
  const Table *summary_, *base_, *targets_, *paths_, *register_, *probabilities_, *run_;
};

}  // namespace

Table narrative_table(const Scenario& scenario, const std::vector<Table>& report, Lang lang) {
  Table table;
  table.id = "narrative";
  table.title = in_lang(lang, "Sammenfatning i ord", "Summary in words");
  table.columns = {{"text", in_lang(lang, "Tekst", "Text")}};
  int i = 0;
  for (std::string& sentence : Narrative(scenario, report, lang).sentences()) {
    std::string key = std::to_string(++i);
    table.rows.push_back({RowKind::kBody, {text_cell(std::move(sentence), key)}});
  }
  table.stamp = stamp_of(scenario);
  return table;
}

}  // namespace ungegaranti
