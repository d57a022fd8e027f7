#include "ungegaranti/cost_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ungegaranti/number_format.hpp"

namespace ungegaranti {

using fmt::literals::operator""_a;
namespace {

struct Group {
  std::string id, label;  // id: the stable key shown in JSON ("" for lines shared by all tracks)
  int order = 0;          // position in the scenario, so that tables follow the file
  // Unique within a table even where a role and an initiative, or a track and "shared", have the
  // same id: the order tells the kinds of group apart.
  std::string key() const { return fmt::format("{}|{}", order, id); }
};

// Sums per group and year, keeping groups in a stable order.
struct Pivot {
  std::vector<Group> groups;
  std::map<std::string, std::map<int, double>> sums;  // group key -> year -> dkk

  void add(const Group& g, int year, double dkk) {
    if (!sums.contains(g.key()))
      groups.push_back(g);
    sums[g.key()][year] += dkk;
  }
  void sort() {
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group& a, const Group& b) { return a.order < b.order; });
  }
};

class CostTableBuilder {
 public:
  CostTableBuilder(const Scenario& s, By by, Lang lang) : s_(s), by_(by), lang_(lang) {}

  Table build(const std::vector<CostRow>& rows) {
    std::vector<Tier> tiers;
    for (Tier tier : kAllTiers) {
      if (std::any_of(rows.begin(), rows.end(), [&](const CostRow& r) { return r.tier == tier; })) {
        tiers.push_back(tier);
      }
    }
    with_model_ = tiers.size() > 1;
    table_.id = "cost";
    table_.title =
        fmt::format("{}{} — {}", in_lang(lang_, "Udgifter pr. år", "Cost per year"), by_suffix(),
                    with_model_ ? in_lang(lang_, "alle modeller", "all models")
                                : std::string(tier_name(tiers.at(0), lang_)));
    table_.notes.push_back(in_lang(
        lang_,
        "Beløb i {base}-priser fremskrevet til det enkelte år (løn {wages}, øvrigt {other} om "
        "året); puljer er nominelle.",
        "Amounts in {base} prices, indexed to each year (wages {wages}, "
        "other {other} a year); external funding is nominal.",
        "base"_a = s_.price_base, "wages"_a = format_percent(s_.wage_indexation.value, 1, lang_),
        "other"_a = format_percent(s_.other_indexation.value, 1, lang_)));
    table_.stamp = stamp_of(s_);
    if (with_model_)
      table_.columns.push_back({"model", in_lang(lang_, "Model", "Model")});
    if (by_ == By::kYear) {
      build_by_year(rows, tiers);
    } else {
      build_by_group(rows, tiers);
    }
    return std::move(table_);
  }

 private:
  std::vector<int> years() const {
    std::vector<int> out;
    for (int y = s_.first_year; y <= s_.last_year(); ++y)
      out.push_back(y);
    return out;
  }

  std::string line_label(const CostRow& r) const {
    if (r.line.starts_with("steering_group.secretariat")) {
      return fmt::format(
          "{} ({})",
          in_lang(lang_, "Sekretariat for styregruppen", "Secretariat for the steering group"),
          r.label);
    }
    if (r.line.starts_with("steering_group.")) {
      return fmt::format("{}: {}", in_lang(lang_, "Styregruppe", "Steering group"), r.label);
    }
    if (r.line == "status_reporting") {
      return fmt::format("{} ({})", in_lang(lang_, "Statusopfølgning", "Status reporting"),
                         r.label);
    }
    return r.label;
  }

  Group group_of(const CostRow& r) const {
    switch (by_) {
      case By::kCategory:
        return {std::string(category_id(r.category)), category_name(r.category, lang_),
                static_cast<int>(r.category)};
      case By::kTrack:
        if (r.track.empty()) {
          return {"", in_lang(lang_, "Fælles for alle spor", "Shared by all tracks"),
                  static_cast<int>(s_.tracks.size())};
        }
        return {r.track, s_.track(r.track)->name, position(s_.tracks, r.track)};
      case By::kDepartment:
        return {r.department, s_.department(r.department)->name,
                position(s_.departments, r.department)};
      case By::kRole:
        if (!r.role.empty())
          return {r.role, s_.role(r.role)->name, position(s_.roles, r.role)};
        return {r.line, r.label, static_cast<int>(s_.roles.size())};
      case By::kLine:
      case By::kYear:
        break;
    }
    return {fmt::format("{}:{}", category_id(r.category), r.line), line_label(r),
            static_cast<int>(r.category)};
  }

  // " by track" etc. for the title; the default breakdowns need none.
  std::string by_suffix() const {
    switch (by_) {
      case By::kTrack:
        return in_lang(lang_, " efter spor", " by track");
      case By::kDepartment:
        return in_lang(lang_, " efter forankring", " by department");
      case By::kRole:
        return in_lang(lang_, " efter rolle og linje", " by role and line");
      case By::kLine:
        return in_lang(lang_, " efter linje", " by line");
      case By::kCategory:
      case By::kYear:
        break;
    }
    return "";
  }

  std::string by_label() const {
    switch (by_) {
      case By::kCategory:
        return in_lang(lang_, "Kategori", "Category");
      case By::kTrack:
        return in_lang(lang_, "Spor", "Track");
      case By::kDepartment:
        return in_lang(lang_, "Forankring", "Department");
      case By::kRole:
        return in_lang(lang_, "Rolle eller linje", "Role or line");
      case By::kLine:
        return in_lang(lang_, "Linje", "Line");
      case By::kYear:
        return in_lang(lang_, "År", "Year");
    }
    return "";
  }

  // The first cells of a row: the model (when shown) and the row's label.
  std::vector<Cell> lead(Tier tier, std::string label, std::string key) const {
    std::vector<Cell> cells;
    if (with_model_)
      cells.push_back(text_cell(std::string(tier_name(tier, lang_)), std::string(tier_id(tier))));
    cells.push_back(text_cell(std::move(label), std::move(key)));
    return cells;
  }

  void add_row(RowKind kind, std::vector<Cell> cells, const std::map<int, double>& per_year) {
    double total = 0.0;
    for (int y : years()) {
      auto it = per_year.find(y);
      double v = it == per_year.end() ? 0.0 : it->second;
      cells.push_back(number_cell(v));
      total += v;
    }
    cells.push_back(number_cell(total));
    table_.rows.push_back({kind, std::move(cells)});
  }

  void build_by_group(const std::vector<CostRow>& rows, const std::vector<Tier>& tiers) {
    table_.columns.push_back({by_id(), by_label()});
    for (int y : years())
      table_.columns.push_back({std::to_string(y), std::to_string(y), ColumnType::kMoney});
    table_.columns.push_back({"total", in_lang(lang_, "I alt", "Total"), ColumnType::kMoney});

    for (Tier tier : tiers) {
      Pivot pivot;
      std::map<int, double> gross, funding, net;
      for (const CostRow& r : rows) {
        if (r.tier != tier)
          continue;
        net[r.year] += r.dkk;
        if (r.category == Category::kFunding) {
          funding[r.year] += r.dkk;
        } else {
          gross[r.year] += r.dkk;
          pivot.add(group_of(r), r.year, r.dkk);
        }
      }
      pivot.sort();
      for (const Group& g : pivot.groups) {
        add_row(RowKind::kBody, lead(tier, g.label, g.id), pivot.sums[g.key()]);
      }
      add_row(RowKind::kSubtotal,
              lead(tier, in_lang(lang_, "Brutto i alt", "Gross total"), "gross"), gross);
      add_row(RowKind::kFunding,
              lead(tier, in_lang(lang_, "Ekstern finansiering (puljer)", "External funding"),
                   "funding"),
              funding);
      add_row(RowKind::kTotal, lead(tier, in_lang(lang_, "Netto i alt", "Net total"), "net"), net);
    }
  }

  void build_by_year(const std::vector<CostRow>& rows, const std::vector<Tier>& tiers) {
    table_.columns.push_back({"year", in_lang(lang_, "År", "Year")});
    std::vector<Category> gross_categories(std::begin(kAllCategories),
                                           std::end(kAllCategories) - 1);
    for (Category c : gross_categories) {
      table_.columns.push_back(
          {std::string(category_id(c)), category_name(c, lang_), ColumnType::kMoney});
    }
    table_.columns.push_back(
        {"gross", in_lang(lang_, "Brutto i alt", "Gross total"), ColumnType::kMoney});
    table_.columns.push_back({"funding",
                              in_lang(lang_, "Ekstern finansiering (puljer)", "External funding"),
                              ColumnType::kMoney});
    table_.columns.push_back(
        {"net", in_lang(lang_, "Netto i alt", "Net total"), ColumnType::kMoney});

    for (Tier tier : tiers) {
      std::map<int, std::map<Category, double>> sums;
      for (const CostRow& r : rows) {
        if (r.tier == tier)
          sums[r.year][r.category] += r.dkk;
      }
      std::map<Category, double> totals;
      auto emit = [&](RowKind kind, std::vector<Cell> cells, std::map<Category, double>& by_cat) {
        double gross = 0.0;
        for (Category c : gross_categories) {
          cells.push_back(number_cell(by_cat[c]));
          gross += by_cat[c];
        }
        cells.push_back(number_cell(gross));
        cells.push_back(number_cell(by_cat[Category::kFunding]));
        cells.push_back(number_cell(gross + by_cat[Category::kFunding]));
        table_.rows.push_back({kind, std::move(cells)});
      };
      for (int y : years()) {
        for (auto [c, v] : sums[y])
          totals[c] += v;
        emit(RowKind::kBody, lead(tier, std::to_string(y), std::to_string(y)), sums[y]);
      }
      emit(RowKind::kTotal, lead(tier, in_lang(lang_, "I alt", "Total"), "total"), totals);
    }
  }

  std::string by_id() const { return std::string(enum_id(kByIds, by_)); }

  const Scenario& s_;
  By by_;
  Lang lang_;
  bool with_model_ = false;
  Table table_;
};

}  // namespace

std::string category_name(Category category, Lang lang) {
  switch (category) {
    case Category::kStaffing:
      return in_lang(lang, "Koordinerende personale", "Coordinating staff");
    case Category::kInitiatives:
      return in_lang(lang, "Indsatser", "Initiatives");
    case Category::kCoordination:
      return in_lang(lang, "Styregruppe og opfølgning", "Steering group and follow-up");
    case Category::kOneOff:
      return in_lang(lang, "Engangsudgifter", "One-off costs");
    case Category::kFunding:
      return in_lang(lang, "Ekstern finansiering (puljer)", "External funding");
  }
  return "";
}

std::optional<By> parse_by(std::string_view text) { return enum_from_id(kByIds, text); }

Table cost_table(const Scenario& scenario, const std::vector<CostRow>& rows, By by, Lang lang) {
  return CostTableBuilder(scenario, by, lang).build(rows);
}

}  // namespace ungegaranti
