#include "ungegaranti/followup_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "ungegaranti/cost_table.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

struct Sums {
  double budget = 0.0, actual = 0.0;
  void add(double b, double a) {
    budget += b;
    actual += a;
  }
};

struct Group {
  std::string id, label;
  int order = 0;
};

// Half a krone: a smaller deviation shows as 0 and is not flagged.
constexpr double kNegligibleDkk = 0.5;

// A number cell, or "-" where there is no number (no budget, no plan).
Cell maybe(std::optional<double> v) { return v ? number_cell(*v) : text_cell("-", ""); }

class FollowUpTables {
 public:
  FollowUpTables(const Scenario& s, const Actuals& a, const FollowUp& f, FollowBy by,
                 double tolerance, Lang lang)
      : s_(s),
        a_(a),
        f_(f),
        by_(by),
        tolerance_(tolerance),
        lang_(lang),
        stamp_(followup_stamp(s, a, f, lang)) {}

  std::vector<Table> build() const {
    std::vector<Table> out = {money(), reach()};
    if (f_.neet) {
      out.push_back(neet());
      out.push_back(target());
    } else {
      out.front().notes.push_back(in_lang(lang_,
                                          "Opfølgningsfilen har ingen observeret NEET-andel; "
                                          "NEET-afsnittet mangler.",
                                          "The actuals file has no observed NEET share; the NEET "
                                          "section is missing."));
    }
    for (Table& table : out)
      table.stamp = stamp_;
    return out;
  }

 private:
  std::string model_name() const { return std::string(tier_name(a_.tier, lang_)); }

  // Budget, forbrug, afvigelse kr., afvigelse % and the flag.
  std::vector<Column> deviation_columns(ColumnType type, int decimals, std::string_view plan_da,
                                        std::string_view plan_en, std::string_view actual_da,
                                        std::string_view actual_en) const {
    return {{"budget", pick_lang(lang_, plan_da, plan_en), type, decimals},
            {"actual", pick_lang(lang_, actual_da, actual_en), type, decimals},
            {"deviation", in_lang(lang_, "Afvigelse", "Deviation"), type, decimals},
            {"deviation_pct", in_lang(lang_, "Afvigelse %", "Deviation %"), ColumnType::kNumber, 1},
            {"flag", fmt::format("{} {} %", in_lang(lang_, "Over", "Beyond"),
                                 format_shortest(tolerance_, 2, lang_))}};
  }

  // `negligible`: half the last digit shown (0,5 kr.), below which a deviation is not flagged.
  std::vector<Cell> deviation_cells(std::optional<double> plan, double actual,
                                    double negligible = kNegligibleDkk) const {
    if (!plan)
      return {maybe(plan), number_cell(actual), maybe({}), maybe({}), text_cell("", "")};
    Deviation d = deviation(*plan, actual, tolerance_, negligible);
    return {number_cell(d.budget), number_cell(d.actual), number_cell(d.dkk), maybe(d.pct),
            d.flagged ? text_cell(in_lang(lang_, "Ja", "Yes"), "yes") : text_cell("", "no")};
  }

  // The years that report spending (`spend`), funding (`funding`), or either.
  std::vector<int> years_with(bool spend, bool funding) const {
    std::vector<int> out;
    for (const ActualYear& y : a_.years) {
      if ((spend && y.spend) || (funding && y.funding))
        out.push_back(y.year);
    }
    return out;
  }

  std::string year_list(const std::vector<int>& years) const {
    std::string out;
    for (int y : years)
      out += (out.empty() ? "" : ", ") + std::to_string(y);
    return out.empty() ? in_lang(lang_, "ingen", "none") : out;
  }

  std::string line_label(const MoneyLine& l) const {
    if (l.line.starts_with("coordination."))
      return fmt::format("{}: {}", category_name(Category::kCoordination, lang_), l.label);
    if (l.line.starts_with("track."))
      return fmt::format("{}: {}", l.label, in_lang(lang_, "øvrige udgifter", "other spending"));
    return l.label;
  }

  Group group_of(const MoneyLine& l) const {
    switch (by_) {
      case FollowBy::kCategory:
        return {std::string(category_id(l.category)), category_name(l.category, lang_),
                static_cast<int>(l.category)};
      case FollowBy::kTrack:
        if (l.track.empty()) {
          return {"", in_lang(lang_, "Fælles for alle spor", "Shared by all tracks"),
                  static_cast<int>(s_.tracks.size())};
        }
        return {l.track, s_.track(l.track)->name, position(s_.tracks, l.track)};
      case FollowBy::kDepartment:
        return {l.department, s_.department(l.department)->name,
                position(s_.departments, l.department)};
      case FollowBy::kLine:
      case FollowBy::kYear:
        break;
    }
    return {fmt::format("{}:{}", category_id(l.category), l.line), line_label(l), 0};
  }

  std::string by_label() const {
    switch (by_) {
      case FollowBy::kCategory:
        return in_lang(lang_, "Kategori", "Category");
      case FollowBy::kTrack:
        return in_lang(lang_, "Spor", "Track");
      case FollowBy::kDepartment:
        return in_lang(lang_, "Forankring", "Department");
      case FollowBy::kLine:
        return in_lang(lang_, "Linje", "Line");
      case FollowBy::kYear:
        break;
    }
    return in_lang(lang_, "År", "Year");
  }

  std::string_view by_id() const { return enum_id(kFollowByIds, by_); }

  // One row per reported year, then the cumulative row to date.
  void add_block(Table& table, RowKind kind, const std::string& label, const std::string& key,
                 const std::map<int, Sums>& per_year, const std::vector<int>& years) const {
    Sums to_date;
    for (int y : years) {
      auto it = per_year.find(y);
      Sums s = it == per_year.end() ? Sums{} : it->second;
      to_date.add(s.budget, s.actual);
      std::vector<Cell> cells = {text_cell(label, key),
                                 text_cell(std::to_string(y), std::to_string(y))};
      for (Cell& c : deviation_cells(s.budget, s.actual))
        cells.push_back(std::move(c));
      // The year rows of a total are plain rows: the renderers set apart the row to date.
      table.rows.push_back({kind == RowKind::kFunding ? kind : RowKind::kBody, std::move(cells)});
    }
    std::vector<Cell> cells = {text_cell(label, key),
                               text_cell(in_lang(lang_, "Akkumuleret", "To date"), "to_date")};
    for (Cell& c : deviation_cells(to_date.budget, to_date.actual))
      cells.push_back(std::move(c));
    table.rows.push_back({kind == RowKind::kBody ? RowKind::kSubtotal : kind, std::move(cells)});
  }

  Table money() const {
    Table table;
    table.id = "followup";
    std::vector<int> years = years_with(true, true);
    std::vector<int> spend_years = years_with(true, false);
    std::vector<int> funding_years = years_with(false, true);
    table.title = fmt::format("{}{} — {}",
                              in_lang(lang_, "Opfølgning: budget og forbrug",
                                      "Follow-up: budget "
                                      "and actual spend"),
                              by_suffix(), model_name());
    if (by_ == FollowBy::kYear) {
      table.columns = {{"year", in_lang(lang_, "År", "Year")}};
    } else {
      table.columns = {{std::string(by_id()), by_label()}, {"year", in_lang(lang_, "År", "Year")}};
    }
    for (Column& c :
         deviation_columns(ColumnType::kMoney, 0, "Budget", "Budget", "Forbrug", "Actual"))
      table.columns.push_back(std::move(c));

    if (by_ == FollowBy::kYear) {
      Sums to_date;
      for (int y : years) {
        Sums s;
        for (const MoneyLine& l : f_.money) {
          if (l.year == y)
            s.add(l.budget, l.actual);
        }
        to_date.add(s.budget, s.actual);
        std::vector<Cell> cells = {text_cell(std::to_string(y), std::to_string(y))};
        for (Cell& c : deviation_cells(s.budget, s.actual))
          cells.push_back(std::move(c));
        table.rows.push_back({RowKind::kBody, std::move(cells)});
      }
      std::vector<Cell> cells = {
          text_cell(in_lang(lang_, "Netto i alt til dato", "Net total to date"), "to_date")};
      for (Cell& c : deviation_cells(to_date.budget, to_date.actual))
        cells.push_back(std::move(c));
      table.rows.push_back({RowKind::kTotal, std::move(cells)});
    } else {
      std::vector<Group> groups;
      std::map<std::string, std::map<int, Sums>> sums;
      std::map<int, Sums> gross, funding, net;
      for (const MoneyLine& l : f_.money) {
        net[l.year].add(l.budget, l.actual);
        if (l.category == Category::kFunding) {
          funding[l.year].add(l.budget, l.actual);
          continue;
        }
        gross[l.year].add(l.budget, l.actual);
        Group g = group_of(l);
        if (!sums.contains(g.id))
          groups.push_back(g);
        sums[g.id][l.year].add(l.budget, l.actual);
      }
      std::stable_sort(groups.begin(), groups.end(),
                       [](const Group& x, const Group& y) { return x.order < y.order; });
      for (const Group& g : groups)
        add_block(table, RowKind::kBody, g.label, g.id, sums[g.id], spend_years);
      add_block(table, RowKind::kSubtotal, in_lang(lang_, "Brutto i alt", "Gross total"), "gross",
                gross, spend_years);
      add_block(table, RowKind::kFunding,
                in_lang(lang_, "Ekstern finansiering (puljer)", "External funding"), "funding",
                funding, funding_years);
      add_block(table, RowKind::kTotal, in_lang(lang_, "Netto i alt", "Net total"), "net", net,
                years);
    }
    table.notes = money_notes(spend_years, funding_years);
    return table;
  }

  std::string by_suffix() const {
    switch (by_) {
      case FollowBy::kTrack:
        return in_lang(lang_, " efter spor", " by track");
      case FollowBy::kDepartment:
        return in_lang(lang_, " efter forankring", " by department");
      case FollowBy::kLine:
        return in_lang(lang_, " efter linje", " by line");
      case FollowBy::kYear:
        return in_lang(lang_, " efter år", " by year");
      case FollowBy::kCategory:
        break;
    }
    return "";
  }

  std::vector<std::string> money_notes(const std::vector<int>& spend_years,
                                       const std::vector<int>& funding_years) const {
    std::vector<std::string> out;
    std::string file = a_.title.empty() ? a_.origin : fmt::format("{} ({})", a_.title, a_.origin);
    out.push_back(
        in_lang(lang_,
                "Opfølgning af {model} efter {file}. Rapporterede år med forbrug: "
                "{spend}; med ekstern finansiering: {funding}. Forbrug og finansiering "
                "sammenlignes hver for sig kun i de år, der rapporterer dem, og "
                "akkumuleret er summen af de år.",
                "Follow-up of {model} from {file}. Reported years with spending: {spend}; "
                "with external funding: {funding}. Spending and funding are each compared "
                "only in the years that report them, and to date is the sum of those "
                "years.",
                "model"_a = model_name(), "file"_a = file, "spend"_a = year_list(spend_years),
                "funding"_a = year_list(funding_years)));
    out.push_back(in_lang(
        lang_,
        "Budget: modellens udgift i årets priser (som i udgiftstabellerne); forbrug: det "
        "bogførte, i årets "
        "priser. Afvigelse = forbrug - budget; afvigelse % = afvigelse / |budget|. En linje "
        "kun i planen har forbrug 0; en linje kun i opfølgningen har budget 0 og ingen "
        "procent (-). Ekstern finansiering er negativ: mindre modtaget end budgetteret giver "
        "en positiv afvigelse.",
        "Budget: the model's cost in current prices (as in the cost tables); actual: what was "
        "booked, in "
        "current prices. Deviation = actual - budget; deviation % = deviation / |budget|. A line "
        "only in the plan has actual 0; a line only in the actuals has budget 0 and no "
        "percentage (-). External funding is negative: less received than budgeted gives a "
        "positive deviation."));
    out.push_back(in_lang(lang_,
                          "Markeret: afvigelse på mere end {tol} % af budgettet, eller forbrug "
                          "uden budget; en afvigelse under 0,5 kr. markeres ikke.",
                          "Flagged: a deviation of more than {tol} % of the budget, or spending "
                          "without a budget; a deviation below 0.5 kr. is not flagged.",
                          "tol"_a = format_shortest(tolerance_, 2, lang_)));
    return out;
  }

  std::string reach_label(const ReachLine& l) const {
    switch (l.kind) {
      case ReachKind::kParticipants:
        for (const Initiative& ini : s_.initiatives) {
          if (ini.id == l.id)
            return ini.name;
        }
        break;
      case ReachKind::kFte:
        return s_.role(l.id)->name;
      case ReachKind::kCompanyPlaces:
        break;
    }
    return in_lang(lang_, "Pladser i virksomheder", "Places in companies");
  }

  std::string kind_label(ReachKind kind) const {
    switch (kind) {
      case ReachKind::kParticipants:
        return in_lang(lang_, "Deltagere", "Participants");
      case ReachKind::kFte:
        return in_lang(lang_, "Årsværk", "FTE");
      case ReachKind::kCompanyPlaces:
        break;
    }
    return in_lang(lang_, "Virksomhedspladser", "Company places");
  }

  static std::string_view kind_id(ReachKind kind) {
    switch (kind) {
      case ReachKind::kParticipants:
        return "participants";
      case ReachKind::kFte:
        return "fte";
      case ReachKind::kCompanyPlaces:
        break;
    }
    return "company_places";
  }

  // The year cell of a reach row: a year, or the row to date.
  Cell year_cell(int year) const { return text_cell(std::to_string(year), std::to_string(year)); }

  Cell to_date_cell(ReachKind kind) const {
    if (kind == ReachKind::kFte)
      return text_cell(in_lang(lang_, "Gennemsnit", "Average"), "average_to_date");
    return text_cell(in_lang(lang_, "Akkumuleret", "To date"), "to_date");
  }

  void add_reach_row(Table& table, RowKind kind, ReachKind what, const std::string& label,
                     const std::string& key, Cell year, std::optional<double> plan,
                     double actual) const {
    std::vector<Cell> cells = {text_cell(kind_label(what), std::string(kind_id(what))),
                               text_cell(label, key), std::move(year)};
    // FTE in hundredths (0,75), places whole, participants (x ramp) in tenths; a deviation below
    // half of the last digit shown is not flagged.
    int decimals = what == ReachKind::kFte ? 2 : what == ReachKind::kCompanyPlaces ? 0 : 1;
    std::vector<Cell> measures = deviation_cells(plan, actual, 0.5 * std::pow(10.0, -decimals));
    for (size_t i = 0; i < 3; ++i) {
      if (measures[i].number) {
        measures[i].type = ColumnType::kNumber;
        measures[i].decimals = decimals;
      }
    }
    for (Cell& c : measures)
      cells.push_back(std::move(c));
    table.rows.push_back({kind, std::move(cells)});
  }

  // Plan and actual to date: summed over the reported years, or for FTE (a level, not a flow)
  // their average. The plan is none if any year has none.
  struct ToDate {
    std::optional<double> plan = 0.0;
    double actual = 0.0;
    int years = 0;
    void add(std::optional<double> p, double a) {
      plan = plan && p ? std::optional<double>(*plan + *p) : std::nullopt;
      actual += a;
      ++years;
    }
    ToDate result(ReachKind kind) const {
      if (kind != ReachKind::kFte || years == 0)
        return *this;
      return {plan ? std::optional<double>(*plan / years) : std::nullopt, actual / years, years};
    }
  };

  Table reach() const {
    Table table;
    table.id = "followup_reach";
    table.title = fmt::format("{} — {}",
                              in_lang(lang_, "Opfølgning: deltagere, årsværk og virksomhedspladser",
                                      "Follow-up: participants, FTE and company places"),
                              model_name());
    table.columns = {{"measure", in_lang(lang_, "Mål", "Measure")},
                     {"item", in_lang(lang_, "Indsats eller rolle", "Initiative or role")},
                     {"year", in_lang(lang_, "År", "Year")}};
    for (Column& c : deviation_columns(ColumnType::kNumber, 1, "Plan", "Plan", "Faktisk", "Actual"))
      table.columns.push_back(std::move(c));
    for (ReachKind kind : {ReachKind::kParticipants, ReachKind::kFte, ReachKind::kCompanyPlaces}) {
      std::vector<std::string> ids;  // first-seen order
      std::map<int, Sums> totals;
      for (const ReachLine& l : f_.reach) {
        if (l.kind != kind)
          continue;
        if (std::find(ids.begin(), ids.end(), l.id) == ids.end())
          ids.push_back(l.id);
        totals[l.year].add(l.plan.value_or(0.0), l.actual);
      }
      for (const std::string& id : ids) {
        ToDate to_date;
        std::string label;
        for (const ReachLine& l : f_.reach) {
          if (l.kind != kind || l.id != id)
            continue;
          label = reach_label(l);
          add_reach_row(table, RowKind::kBody, kind, label, id.empty() ? "all" : id,
                        year_cell(l.year), l.plan, l.actual);
          to_date.add(l.plan, l.actual);
        }
        ToDate r = to_date.result(kind);
        add_reach_row(table, RowKind::kSubtotal, kind, label, id.empty() ? "all" : id,
                      to_date_cell(kind), r.plan, r.actual);
      }
      if (kind == ReachKind::kCompanyPlaces || totals.empty())
        continue;
      ToDate to_date;
      for (const auto& [year, sums] : totals) {
        add_reach_row(table, RowKind::kSubtotal, kind, in_lang(lang_, "I alt", "Total"), "total",
                      year_cell(year), sums.budget, sums.actual);
        to_date.add(sums.budget, sums.actual);
      }
      ToDate r = to_date.result(kind);
      add_reach_row(table, RowKind::kSubtotal, kind, in_lang(lang_, "I alt", "Total"), "total",
                    to_date_cell(kind), r.plan, r.actual);
    }
    table.notes.push_back(in_lang(
        lang_,
        "Plan: deltagere pr. år ved fuldt niveau gange indfasningen; årsværk efter modellens "
        "bemanding; virksomhedspladser efter modellens company_places (- : modellen angiver "
        "ingen). Et år indgår kun for det, opfølgningsfilen rapporterer for året. Akkumuleret: "
        "summen over de rapporterede år; for årsværk gennemsnittet over dem (Gennemsnit).",
        "Plan: participants a year at full level times the ramp; FTE as the model's staffing; "
        "company places as the model's company_places (-: the model states none). A year "
        "appears only for what the actuals file reports for it. To date: the sum over the "
        "reported years; for FTE their average (Average)."));
    return table;
  }

  Table neet() const {
    const NeetFollowUp& n = *f_.neet;
    Table table;
    table.id = "followup_neet";
    table.title =
        fmt::format("{} — {}",
                    in_lang(lang_, "Opfølgning: observeret NEET-andel mod fremskrivningen",
                            "Follow-up: observed NEET share against the projection"),
                    model_name());
    int all = n.observations.front().all.of;
    int group = n.observations.front().group.of;
    table.columns = {
        {"year", in_lang(lang_, "År", "Year")},
        {"observed", in_lang(lang_, "Observeret %", "Observed %"), ColumnType::kNumber, 2},
        {"source", in_lang(lang_, "Kilde", "Source")},
        {"projected", in_lang(lang_, "Fremskrevet %", "Projected %"), ColumnType::kNumber, 2},
        {"gap", in_lang(lang_, "Afvigelse pp", "Deviation pp"), ColumnType::kNumber, 2},
        {"baseline", in_lang(lang_, "Uden ungegaranti %", "Without the guarantee %"),
         ColumnType::kNumber, 2},
    };
    for (Column& c : rank_columns(all, group, lang_))
      table.columns.push_back(std::move(c));
    table.columns.push_back(
        {"others", in_lang(lang_, "De øvrige kommuner", "Other municipalities")});
    for (const NeetObservation& o : n.observations) {
      table.rows.push_back(
          {RowKind::kBody,
           {text_cell(std::to_string(o.year), std::to_string(o.year)), number_cell(o.observed_pct),
            o.from_data ? text_cell(in_lang(lang_, "data", "data"), "data")
                        : text_cell(in_lang(lang_, "opfølgningsfil", "actuals file"), "actuals"),
            number_cell(o.projected_pct), number_cell(o.observed_pct - o.projected_pct),
            number_cell(o.baseline_pct), number_cell(o.all.rank), number_cell(o.all.tercile),
            number_cell(o.group.rank), number_cell(o.group.tercile),
            o.others_observed
                ? text_cell(in_lang(lang_, "observeret", "observed"), "observed")
                : text_cell(in_lang(lang_, "fremskrevet uændret", "projected unchanged"),
                            "projected")}});
    }
    table.notes.push_back(in_lang(
        lang_,
        "Fremskrevet: modellens NEET-andel (16-24 år) i planens fremskrivning. Placeringen "
        "er den observerede andel blandt de øvrige kommuner samme år: deres observerede andel "
        "når nyere data har året, ellers deres uændrede udvikling som i planen. Placering 1 = "
        "lavest NEET-andel.",
        "Projected: the model's NEET share (16-24) in the plan's projection. The rank is the "
        "observed share among the other municipalities in the same year: their observed share "
        "where newer data has the year, else their unchanged development as in the plan. Rank "
        "1 = lowest NEET share."));
    if (!n.newer_vintage.empty()) {
      table.notes.push_back(
          fmt::format("{}: {}", in_lang(lang_, "Nyere data", "Newer data"), n.newer_vintage));
    }
    return table;
  }

  Table target() const {
    const Reprojection& r = f_.neet->reprojection;
    Table table;
    table.id = "followup_target";
    table.title = fmt::format("{} {} — {}",
                              in_lang(lang_, "Genfremskrivning fra observationen i",
                                      "Re-projection from the observation of"),
                              r.year, model_name());
    table.columns = {
        {"model", in_lang(lang_, "Model", "Model")},
        {"observed_year", in_lang(lang_, "Seneste observation", "Latest observation")},
        {"gap", in_lang(lang_, "Afvigelse pp", "Deviation pp"), ColumnType::kNumber, 2},
        {"horizon", in_lang(lang_, "Horisont", "Horizon")},
        {"planned", in_lang(lang_, "Planlagt NEET-andel %", "Planned NEET share %"),
         ColumnType::kNumber, 2},
        {"reprojected", in_lang(lang_, "Genfremskrevet %", "Re-projected %"), ColumnType::kNumber,
         2},
        {"threshold", in_lang(lang_, "Grænse %", "Threshold %"), ColumnType::kNumber, 2},
        {"margin", in_lang(lang_, "Margin pp", "Margin pp"), ColumnType::kNumber, 2},
        {"met", in_lang(lang_, "Mål nås", "Target met")},
        {"required_scale",
         fmt::format("{} {} (x {})", in_lang(lang_, "Nødvendig effekt fra", "Required effect from"),
                     r.year + 1, in_lang(lang_, "antaget", "assumed")),
         ColumnType::kNumber, 2},
    };
    bool has = r.target != Target::kNone;
    table.rows.push_back(
        {RowKind::kBody,
         {text_cell(model_name(), std::string(tier_id(r.tier))),
          text_cell(std::to_string(r.year), std::to_string(r.year)), number_cell(r.gap_pp),
          text_cell(std::to_string(r.horizon), std::to_string(r.horizon)),
          number_cell(r.planned_at_horizon_pct), number_cell(r.share_at_horizon_pct),
          has ? number_cell(r.threshold_pct) : maybe({}),
          has ? number_cell(r.margin_pp) : maybe({}),
          has ? text_cell(r.met ? in_lang(lang_, "Ja", "Yes") : in_lang(lang_, "Nej", "No"),
                          r.met ? "yes" : "no")
              : text_cell("-", ""),
          has ? maybe(r.required_scale) : maybe({})}});
    table.notes.push_back(
        in_lang(lang_,
                "Afvigelsen mellem observeret og fremskrevet i {year} føres frem til "
                "horisonten ({horizon}, fem år efter fuld implementering som i planen); "
                "de øvrige kommuner udvikler sig som i planen. Nødvendig effekt: den "
                "faktor på modellens antagne effekter fra {next}, der netop når målet "
                "(årene til og med {year} beholder de antagne effekter; - : heller ikke "
                "100 gange).",
                "The gap between observed and projected in {year} is carried forward to "
                "the horizon ({horizon}, as in the plan); the other municipalities develop "
                "as in the plan. Required effect: the factor on the model's assumed "
                "effects from {next} on that just meets the target (the years up to {year} "
                "keep the assumed effects; -: not even 100 times).",
                "year"_a = r.year, "next"_a = r.year + 1, "horizon"_a = r.horizon));
    return table;
  }

  const Scenario& s_;
  const Actuals& a_;
  const FollowUp& f_;
  FollowBy by_;
  double tolerance_;
  Lang lang_;
  Stamp stamp_;
};

}  // namespace

std::optional<FollowBy> parse_follow_by(std::string_view text) {
  return enum_from_id(kFollowByIds, text);
}

Stamp followup_stamp(const Scenario& scenario, const Actuals& actuals, const FollowUp& result,
                     Lang lang) {
  std::string plan = result.neet ? result.neet->vintage : "";
  Stamp stamp = stamp_of(scenario, plan);
  stamp.input_hash = fmt::format("{}+{}", scenario.input_hash, actuals.input_hash);
  if (!result.newer_vintage.empty()) {
    stamp.input_hash += "+" + result.newer_hash;
    std::string observed = in_lang(lang, "observeret: {}", "observed: {}", result.newer_vintage);
    stamp.data = plan.empty() ? observed : fmt::format("plan: {}; {}", plan, observed);
  }
  return stamp;
}

std::vector<Table> followup_tables(const Scenario& scenario, const Actuals& actuals,
                                   const FollowUp& result, FollowBy by, double tolerance_pct,
                                   Lang lang) {
  return FollowUpTables(scenario, actuals, result, by, tolerance_pct, lang).build();
}

}  // namespace ungegaranti
