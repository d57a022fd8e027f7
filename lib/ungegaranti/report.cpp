#include "ungegaranti/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "ungegaranti/actuals.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/compare.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/cost_table.hpp"
#include "ungegaranti/coverage_table.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/economics_table.hpp"
#include "ungegaranti/followup.hpp"
#include "ungegaranti/followup_table.hpp"
#include "ungegaranti/labels.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/monte_carlo_table.hpp"
#include "ungegaranti/narrative.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/reach.hpp"
#include "ungegaranti/text.hpp"
#include "ungegaranti/tornado_table.hpp"
#include "ungegaranti/uncertainty.hpp"
#include "ungegaranti/version.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

// The inputs each model's tornado shows, in its table and its chart.
constexpr size_t kTornadoTop = 10;

Cell typed(std::optional<double> v, ColumnType type, int decimals = 0) {
  Cell cell = v ? number_cell(*v) : Cell{};
  cell.type = type;
  cell.decimals = decimals;
  return cell;
}

class Report {
 public:
  Report(const Scenario& s, const NeetData* data, const ReportResults& results, Lang lang,
         const MonteCarloResult* mc)
      : s_(s),
        data_(data),
        results_(results),
        mc_(mc),
        lang_(lang),
        stamp_(stamp_of(s, data ? data->vintage : "")) {}

  std::vector<Table> build() const {
    std::vector<Table> out = {summary()};
    for (By by : {By::kCategory, By::kTrack, By::kDepartment, By::kRole})
      out.push_back(cost_table(s_, results_.cost, by, lang_));
    if (s_.population.empty()) {
      out.front().notes.push_back(
          in_lang(lang_,
                  "Scenariet har ingen aldersgrupper (population); afsnittet om "
                  "dækning mangler.",
                  "The scenario has no age bands (population); the coverage "
                  "section is missing."));
    } else {
      std::vector<ModelCoverage> coverage;
      coverage.reserve(kAllTiers.size());
      for (Tier tier : kAllTiers)
        coverage.push_back(compute_coverage(s_, tier));
      append(out, coverage_tables(s_, coverage, CoverageBy::kInitiative, lang_));
    }
    if (results_.projection) {
      append(out, projection_tables(s_, *results_.projection, lang_));
      if (results_.economics)
        append(out, economics_tables(s_, *results_.economics, lang_));
      // Sensitivity: which inputs move each model's NEET share at the horizon the most.
      for (const Tornado& t : results_.tornados)
        out.push_back(tornado_table(s_, t, lang_, kTornadoTop));
    }
    if (mc_ != nullptr)
      append(out, monte_carlo_tables(s_, *mc_, lang_));
    out.push_back(assumptions());
    out.push_back(stamp_table());
    out.insert(out.begin(), narrative_table(s_, out, lang_));  // the words read the tables
    for (Table& t : out)
      t.stamp = stamp_;
    return out;
  }

 private:
  static void append(std::vector<Table>& out, const std::vector<Table>& more) {
    out.insert(out.end(), more.begin(), more.end());
  }

  Table summary() const {
    Table table;
    table.id = "summary";
    table.title = in_lang(lang_, "Sammenfatning", "Summary");
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"gross", in_lang(lang_, "Udgift brutto i alt", "Gross cost, total"), ColumnType::kMoney},
        {"net", in_lang(lang_, "Udgift netto i alt", "Net cost, total"), ColumnType::kMoney},
        {"fte", in_lang(lang_, "Årsværk", "FTE"), ColumnType::kNumber, 1},
        {"reached", in_lang(lang_, "Unikke unge nået", "Young people reached"),
         ColumnType::kNumber},
        {"neet_share", in_lang(lang_, "NEET-andel % ved horisonten", "NEET share % at the horizon"),
         ColumnType::kNumber, 2},
        {"rank_all", in_lang(lang_, "Placering blandt alle", "Rank among all"),
         ColumnType::kNumber},
        {"target_met", in_lang(lang_, "Mål opfyldt", "Target met")},
        {"margin", in_lang(lang_, "Margin pp", "Margin pp"), ColumnType::kNumber, 2},
        {"required_scale",
         in_lang(lang_, "Nødvendig effekt (x antaget)", "Required effect (x assumed)"),
         ColumnType::kNumber, 2},
        {"npv", in_lang(lang_, "Nutidsværdi i alt", "NPV, total"), ColumnType::kMoney},
        {"npv_kommune", in_lang(lang_, "Nutidsværdi, kommunen", "NPV, municipality"),
         ColumnType::kMoney},
    };
    table.columns.push_back(
        {"p_target_met",
         in_lang(lang_, "Sandsynlighed for at nå målet %", "Probability of meeting the target %"),
         ColumnType::kNumber, 0});
    table.columns.push_back(
        {"met_without", in_lang(lang_, "Nået uden ungegaranti", "Met without the guarantee")});
    table.columns.push_back(
        {"p_target_met_without",
         in_lang(lang_, "Sandsynlighed uden ungegaranti %", "Probability without %"),
         ColumnType::kNumber, 0});
    table.columns.push_back(
        {"contribution",
         in_lang(lang_, "Ungegarantiens bidrag pp", "The guarantee's contribution pp"),
         ColumnType::kNumber, 0});
    if (mc_ != nullptr) {  // the Monte Carlo's own probabilities, beside those the verdict uses
      table.columns.push_back(
          {"mc_p_target_met",
           in_lang(lang_, "Monte Carlo: målet nås %", "Monte Carlo: target met %"),
           ColumnType::kNumber, 0});
      table.columns.push_back({"mc_p_target_met_without",
                               in_lang(lang_, "Monte Carlo: uden ungegaranti %",
                                       "Monte Carlo: without the guarantee %"),
                               ColumnType::kNumber, 0});
      table.columns.push_back(
          {"mc_contribution",
           in_lang(lang_, "Monte Carlo: bidrag pp", "Monte Carlo: contribution pp"),
           ColumnType::kNumber, 0});
    }
    std::vector<std::string> verdict_sentences;
    for (Tier tier : kAllTiers) {
      Measures m = measure(s_, tier, data_);
      Cell met = m.verdict ? text_cell(verdict_name(*m.verdict, lang_),
                                       std::string(enum_id(kVerdictIds, *m.verdict)))
                           : Cell{};
      table.rows.push_back(
          {RowKind::kBody,
           {text_cell(std::string(tier_name(tier, lang_)), std::string(tier_id(tier))),
            number_cell(m.gross_total), number_cell(m.net_total), number_cell(m.fte),
            typed(m.reached, ColumnType::kNumber), typed(m.neet_share_pct, ColumnType::kNumber, 2),
            typed(m.rank_all ? std::optional<double>(m.rank_all->rank) : std::nullopt,
                  ColumnType::kNumber),
            met, typed(m.margin_pp, ColumnType::kNumber, 2),
            typed(m.required_scale, ColumnType::kNumber, 2), typed(m.npv_total, ColumnType::kMoney),
            typed(m.npv_kommune, ColumnType::kMoney)}});
      // The probabilities the verdict rests on: the share of the backtest's futures (the
      // assumed effects fixed), as in `project`; with --draws the Monte Carlo's beside them.
      auto pct = [](std::optional<double> x) {
        return x ? std::optional<double>(*x * 100) : std::nullopt;
      };
      auto difference = [](std::optional<double> a, std::optional<double> b) {
        return a && b ? std::optional<double>((*a - *b) * 100) : std::nullopt;
      };
      std::vector<Cell>& cells = table.rows.back().cells;
      cells.push_back(typed(pct(m.p_met), ColumnType::kNumber, 0));
      cells.push_back(m.met_without ? text_cell(*m.met_without ? in_lang(lang_, "Ja", "Yes")
                                                               : in_lang(lang_, "Nej", "No"),
                                                *m.met_without ? "yes" : "no")
                                    : Cell{});
      cells.push_back(typed(pct(m.p_met_without), ColumnType::kNumber, 0));
      cells.push_back(typed(difference(m.p_met, m.p_met_without), ColumnType::kNumber, 0));
      if (mc_ != nullptr) {
        std::optional<double> p, p_without;
        for (const ModelDraws& d : mc_->models) {
          if (d.tier == tier) {
            p = d.p_target_met;
            p_without = d.p_target_met_without;
          }
        }
        cells.push_back(typed(pct(p), ColumnType::kNumber, 0));
        cells.push_back(typed(pct(p_without), ColumnType::kNumber, 0));
        cells.push_back(typed(difference(p, p_without), ColumnType::kNumber, 0));
      }
    }
    if (results_.projection) {
      const ProjectionResult& p = *results_.projection;
      for (const ModelPath& path : p.models) {
        if (path.target == Target::kNone)
          continue;
        table.notes.push_back(in_lang(
            lang_, "{model}: {target} ({rule}).", "{model}: {target} ({rule}).",
            "model"_a = tier_name(path.tier, lang_), "target"_a = target_name(path.target, lang_),
            "rule"_a = target_rule(path.target, p, lang_)));
        for (std::string& note : verdict_notes(p, path, lang_))
          verdict_sentences.push_back(std::move(note));
      }
    }
    table.notes.push_back(
        in_lang(lang_,
                "Udgifter {first}-{last} i løbende priser (prisniveau {base} fremskrevet). "
                "Placering 1 = lavest NEET-andel blandt landets kommuner.",
                "Costs {first}-{last} in current prices (price base {base}, indexed). "
                "Rank 1 = the lowest NEET share among all municipalities.",
                "first"_a = s_.first_year, "last"_a = s_.last_year(), "base"_a = s_.price_base));
    if (std::optional<Message> illustration = illustration_note(s_))
      table.notes.push_back(illustration->in(lang_));
    if (!s_.projection || data_ == nullptr) {
      table.notes.push_back(
          in_lang(lang_, "Scenariet har ingen NEET-fremskrivning; de tilhørende tal mangler.",
                  "The scenario has no NEET projection; those figures are missing."));
    } else if (!s_.economics) {
      table.notes.push_back(
          in_lang(lang_, "Scenariet har ingen økonomisektion; nutidsværdierne mangler.",
                  "The scenario has no economics section; the NPVs are missing."));
    }
    if (s_.projection && data_ != nullptr) {
      table.notes.push_back(in_lang(
          lang_,
          "Sandsynlighederne er andelen af de historiske fremtider (backtestens "
          "fremskrivningsfejl fra hvert startår), hvor målet nås med og uden ungegaranti, med "
          "de antagne effekter faste; det er dem, Mål opfyldt bygger på. Bidraget er "
          "forskellen.",
          "The probabilities are the share of the historical futures (the backtest's "
          "projection errors from each origin year) in which the target is met with and "
          "without the guarantee, with the assumed effects fixed; Target met rests on them. "
          "The contribution is the difference."));
    }
    if (mc_ != nullptr) {
      std::string what =
          mc_->futures
              ? in_lang(lang_, "hvert træk trækker de usikre input og en fremtid uden ungegaranti",
                        "each draw draws the uncertain inputs and a future without the "
                        "guarantee")
              : in_lang(lang_,
                        "hvert træk trækker de usikre input; fremtiden uden ungegaranti er "
                        "ikke trukket, da data har for få år til horisonten",
                        "each draw draws the uncertain inputs; the future without the "
                        "guarantee is not drawn, since the data has too few years for the "
                        "horizon");
      table.notes.push_back(
          in_lang(lang_,
                  "Monte Carlo: andelen af {draws} træk (frø {seed}), hvor målet nås med og "
                  "uden ungegaranti; {what}. Se afsnittet om følsomhed.",
                  "Monte Carlo: the share of {draws} draws (seed {seed}) in which the target "
                  "is met with and without the guarantee; {what}. See the sensitivity "
                  "section.",
                  "draws"_a = mc_->draws, "seed"_a = mc_->seed, "what"_a = what));
    }
    for (std::string& sentence : verdict_sentences)
      table.notes.push_back(std::move(sentence));
    return table;
  }

  Table assumptions() const {
    Table table;
    table.id = "assumptions";
    table.title = in_lang(lang_, "Antagelser og kilder", "Assumptions and sources");
    table.columns = {{"path", in_lang(lang_, "Inddata", "Input")},
                     {"value", in_lang(lang_, "Værdi", "Value"), ColumnType::kNumber, kAsNeeded},
                     {"low", in_lang(lang_, "Lav", "Low"), ColumnType::kNumber, kAsNeeded},
                     {"high", in_lang(lang_, "Høj", "High"), ColumnType::kNumber, kAsNeeded},
                     {"dist", in_lang(lang_, "Fordeling", "Distribution")},
                     {"unit", in_lang(lang_, "Enhed", "Unit")},
                     {"assumption", in_lang(lang_, "Antagelse", "Assumption")},
                     {"kind", in_lang(lang_, "Kildetype", "Kind of source")},
                     {"effect", in_lang(lang_, "Modelleret effekt", "Modelled effect")},
                     {"source", in_lang(lang_, "Kilde", "Source")},
                     {"note", in_lang(lang_, "Note", "Note")}};
    int assumed = 0, proposal = 0;
    std::vector<const Quantity*> all = all_quantities(s_);
    // The figures of an initiative that moves no lever of the projection in any model.
    std::vector<UnmodelledInitiative> unmodelled = unmodelled_initiatives(s_);
    auto no_effect = [&](const std::string& path) {
      return std::any_of(unmodelled.begin(), unmodelled.end(), [&](const UnmodelledInitiative& u) {
        return path.starts_with("initiatives." + u.initiative + ".");
      });
    };
    for (const Quantity* q : all) {
      bool a = is_assumption(*q);
      bool none = no_effect(q->path);
      SourceKind kind = source_kind(s_, *q);
      assumed += a ? 1 : 0;
      proposal += kind == SourceKind::kProposal ? 1 : 0;
      table.rows.push_back(
          {RowKind::kBody,
           {text_cell(input_label(s_, q->path, lang_), q->path), number_cell(q->value),
            q->low ? number_cell(*q->low) : Cell{}, q->high ? number_cell(*q->high) : Cell{},
            text_cell(distribution_name(q->dist, lang_),
                      std::string(enum_id(kDistributionIds, q->dist))),
            text_cell(unit_label(q->unit, lang_), q->unit),
            text_cell(a ? in_lang(lang_, "ANTAGELSE", "ASSUMPTION") : "", a ? "yes" : "no"),
            text_cell(source_kind_name(kind, lang_), std::string(enum_id(kSourceKindIds, kind))),
            none
                ? text_cell(in_lang(lang_, "ingen modelleret effekt", "no modelled effect"), "none")
                : Cell{},
            text_cell(q->source, q->source), text_cell(note_in(*q, lang_), q->note)}});
    }
    table.notes.push_back(
        in_lang(lang_,
                "{a} af {n} tal er antagelser (markeret ANTAGELSE): kilden er 'antagelse', "
                "en standardværdi eller mangler.",
                "{a} of {n} figures are assumptions (marked ASSUMPTION): their source is "
                "'antagelse', a default or missing.",
                "a"_a = assumed, "n"_a = all.size()));
    if (!s_.proposal_source.empty()) {
      table.notes.push_back(
          in_lang(lang_,
                  "{p} af {n} tal er taget fra forslaget (kildetype forslaget: kilden "
                  "begynder med '{source}'); tal med en anden kilde er offentlige kilder.",
                  "{p} of {n} figures are taken from the proposal (kind of source the "
                  "proposal: the source begins with '{source}'); figures with another "
                  "source are public sources.",
                  "p"_a = proposal, "n"_a = all.size(), "source"_a = s_.proposal_source));
    }
    for (std::string& note : structure_notes())
      table.notes.push_back(std::move(note));
    for (const UnmodelledInitiative& u : unmodelled) {
      table.notes.push_back(in_lang(lang_,
                                    "{name}: {why}; indsatsen koster, men kan ikke flytte den "
                                    "fremskrevne NEET-andel.",
                                    "{name}: {why}; the initiative costs, but cannot move the "
                                    "projected NEET share.",
                                    "name"_a = find_by_id(s_.initiatives, u.initiative)->name,
                                    "why"_a = no_effect_text(s_, u).in(lang_)));
    }
    return table;
  }

  // What the scenario takes from a source without a figure: the tracks and their departments,
  // the steering group, a model's coordination (their `source`).
  std::vector<std::string> structure_notes() const {
    std::vector<std::string> out;
    auto add = [&](const std::string& what, const std::string& source) {
      if (source.empty())
        return;
      out.push_back(in_lang(lang_, "{what}: kilde: {source}.", "{what}: source: {source}.",
                            "what"_a = what, "source"_a = source));
    };
    for (const Track& track : s_.tracks) {
      const Department* d = s_.department(track.department);
      add(in_lang(lang_, "{track}, forankret i {department}", "{track}, anchored in {department}",
                  "track"_a = track.name,
                  "department"_a = d != nullptr ? d->name : track.department),
          track.source);
    }
    if (s_.steering_group)
      add(in_lang(lang_, "Styregruppen og dens sekretariat",
                  "The steering group and its secretariat"),
          s_.steering_group->source);
    for (Tier tier : kAllTiers) {
      add(in_lang(lang_, "{model}: koordinering og bemanding", "{model}: coordination and staffing",
                  "model"_a = tier_name(tier, lang_)),
          s_.model(tier).source);
    }
    return out;
  }

  Table stamp_table() const {
    Table table;
    table.id = "stamp";
    table.title = in_lang(lang_, "Om beregningen", "About the figures");
    table.columns = {{"item", in_lang(lang_, "Felt", "Item")},
                     {"value", in_lang(lang_, "Værdi", "Value")}};
    auto row = [&](std::string key, std::string label, const std::string& value) {
      table.rows.push_back(
          {RowKind::kBody, {text_cell(std::move(label), std::move(key)), text_cell(value, value)}});
    };
    row("tool_version", in_lang(lang_, "Værktøj", "Tool"), fmt::format("ungegaranti {}", kVersion));
    row("scenario", in_lang(lang_, "Scenarie", "Scenario"), s_.title);
    row("input_hash", in_lang(lang_, "Inddata (hash)", "Input (hash)"), s_.input_hash);
    row("price_base", in_lang(lang_, "Prisniveau", "Price base"), std::to_string(s_.price_base));
    row("data", in_lang(lang_, "Sammenligningsdata", "Comparison data"),
        data_ != nullptr ? data_->vintage : in_lang(lang_, "ingen", "none"));
    row("discount_rate", in_lang(lang_, "Diskonteringsrente", "Discount rate"),
        s_.economics ? format_percent(s_.economics->discount_rate.value, 1, lang_)
                     : in_lang(lang_, "ingen", "none"));
    int illustrations =
        static_cast<int>(std::count_if(s_.initiatives.begin(), s_.initiatives.end(),
                                       [](const Initiative& ini) { return ini.illustration; }));
    row("illustration", in_lang(lang_, "Illustration", "Illustration"),
        illustrations == 0 ? in_lang(lang_, "ingen", "none")
                           : in_lang(lang_, "{k} af {n} indsatser (se sammenfatningen)",
                                     "{k} of {n} initiatives (see the summary)",
                                     "k"_a = illustrations, "n"_a = s_.initiatives.size()));
    row("seed", in_lang(lang_, "Frø (Monte Carlo)", "Seed (Monte Carlo)"),
        mc_ != nullptr
            ? fmt::format("{} ({} {})", mc_->seed, mc_->draws, in_lang(lang_, "træk", "draws"))
            : in_lang(lang_, "ingen", "none"));
    return table;
  }

  const Scenario& s_;
  const NeetData* data_;
  const ReportResults& results_;
  const MonteCarloResult* mc_;
  Lang lang_;
  Stamp stamp_;
};

}  // namespace

ReportResults compute_report(const Scenario& scenario, const NeetData* data) {
  ReportResults r;
  for (Tier tier : kAllTiers) {
    std::vector<CostRow> part = compute_cost(scenario, tier);
    r.cost.insert(r.cost.end(), part.begin(), part.end());
  }
  if (!scenario.projection || data == nullptr)
    return r;
  std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
  int through = scenario.economics ? economics_last_year(scenario) : 0;
  r.projection = project(scenario, *data, tiers, through);
  if (scenario.economics)
    r.economics = compute_economics(scenario, *r.projection);
  for (Tier tier : kAllTiers)
    r.tornados.push_back(tornado(scenario, data, tier, OutcomeKind::kNeet));
  return r;
}

std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data,
                                 const ReportResults& results, Lang lang,
                                 const MonteCarloResult* monte_carlo,
                                 const FollowUpSection* followup) {
  std::vector<Table> tables = Report(scenario, data, results, lang, monte_carlo).build();
  if (followup == nullptr)
    return tables;
  return with_followup(std::move(tables), followup->tables, followup->file, lang);
}

std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data, Lang lang,
                                 const MonteCarloResult* monte_carlo) {
  return report_tables(scenario, data, compute_report(scenario, data), lang, monte_carlo);
}

std::vector<Figure> report_figures(const Scenario& scenario, const NeetData* data,
                                   const ReportResults& results, Lang lang,
                                   const MonteCarloResult* monte_carlo) {
  std::vector<Figure> figures = {{"cost", cost_chart(scenario, results.cost, lang)}};
  const ProjectionResult* central = results.projection ? &*results.projection : nullptr;
  if (central != nullptr) {
    assert(data != nullptr);  // compute_report projects only with data
    figures.push_back({"projection", neet_chart(scenario, *central, *data, lang)});
    for (const Tornado& t : results.tornados)
      figures.push_back({"tornado", tornado_chart(t, lang, kTornadoTop)});
  }
  if (monte_carlo != nullptr && monte_carlo->neet_histogram)
    figures.push_back({"probabilities", neet_distribution_chart(*monte_carlo, central, lang)});
  return figures;
}

std::vector<Table> with_followup(std::vector<Table> report, const std::vector<Table>& followup,
                                 const std::string& actuals_file, Lang lang) {
  if (followup.empty())
    return report;
  const std::string& hash = followup.front().stamp.input_hash;
  // The follow-up's data field names the newer comparison data too, when there is any.
  const std::string& data = followup.front().stamp.data;
  auto at = std::find_if(report.begin(), report.end(),
                         [](const Table& t) { return t.id == "assumptions"; });
  report.insert(at, followup.begin(), followup.end());
  for (Table& t : report) {
    t.stamp.input_hash = hash;  // the stamp names the scenario and the actuals file
    if (!data.empty())
      t.stamp.data = data;
    if (t.id != "stamp")
      continue;
    for (Row& row : t.rows) {
      if (row.cells.at(0).key == "input_hash")
        row.cells.at(1) = text_cell(hash, hash);
      if (row.cells.at(0).key == "data" && !data.empty())
        row.cells.at(1) = text_cell(data, data);
    }
    t.rows.push_back({RowKind::kBody,
                      {text_cell(in_lang(lang, "Opfølgningsfil", "Actuals file"), "actuals"),
                       text_cell(actuals_file, actuals_file)}});
  }
  return report;
}

FollowUpSection follow_up_section(const Scenario& scenario, const NeetData* data,
                                  const std::string& path, Lang lang) {
  FollowUpInput input = load_actuals(path);
  if (input.scenario.input_hash != scenario.input_hash) {
    throw Error(input.actuals.follows_where,
                msg("følger op på {}, som ikke er rapportens scenarie ({}); angiv det samme "
                    "scenarie med -s",
                    "follows {}, which is not the report's scenario ({}); give the same "
                    "scenario with -s",
                    input.actuals.follows, scenario.origin));
  }
  std::optional<NeetData> newer = load_newer_data(input.actuals);
  FollowUp result = follow_up(scenario, input.actuals, data, newer ? &*newer : nullptr);
  return {followup_tables(scenario, input.actuals, result, FollowBy::kCategory, 10.0, lang), path};
}

}  // namespace ungegaranti
