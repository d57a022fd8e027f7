#include "ungegaranti/compare_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "ungegaranti/project_table.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

/// One row: a measure, how to read it from Measures, and how to show it.
struct Measure {
  std::string id, label;
  ColumnType type = ColumnType::kNumber;
  int decimals = 0;
  std::function<std::optional<double>(const Measures&)> value;
  // For measures that are words, not numbers: the word shown and its stable key.
  std::function<std::pair<std::string, std::string>(const Measures&)> word;
};

Cell typed(std::optional<double> v, const Measure& m) {
  Cell cell = v ? number_cell(*v) : Cell{};
  cell.type = m.type;
  cell.decimals = m.decimals;
  return cell;
}

class CompareTable {
 public:
  CompareTable(const Scenario& first, const std::vector<CompareColumn>& columns, Lang lang)
      : first_(first), columns_(columns), lang_(lang) {}

  Table build(const std::vector<std::string>& notes) const {
    Table table;
    table.id = "compare";
    table.title = in_lang(lang_, "Sammenligning", "Comparison");
    table.stamp = stamp_of(first_);
    table.columns.push_back({"measure", in_lang(lang_, "Mål", "Measure")});
    for (size_t j = 0; j < columns_.size(); ++j) {
      table.columns.push_back({columns_[j].key, columns_[j].label, ColumnType::kNumber});
      if (j > 0) {
        table.columns.push_back(
            {columns_[j].key + ":diff",
             fmt::format("{} {}", in_lang(lang_, "Forskel", "Difference"), columns_[j].label),
             ColumnType::kNumber});
        table.columns.push_back({columns_[j].key + ":pct",
                                 in_lang(lang_, "Forskel %", "Difference %"), ColumnType::kNumber,
                                 1});
      }
    }
    for (const Measure& m : measures())
      table.rows.push_back(row(m));
    table.notes = notes;
    table.notes.push_back(
        in_lang(lang_, "Forskel = kolonnen minus den første kolonne; % af den første.",
                "Difference = the column less the first column; % of the first."));
    return table;
  }

 private:
  Row row(const Measure& m) const {
    Row row;
    row.cells.push_back(text_cell(m.label, m.id));
    std::optional<double> first = m.value ? m.value(columns_[0].measures) : std::nullopt;
    for (size_t j = 0; j < columns_.size(); ++j) {
      const Measures& x = columns_[j].measures;
      if (m.word) {
        auto [shown, key] = m.word(x);
        Cell cell = text_cell(shown, key);
        cell.type = ColumnType::kText;
        row.cells.push_back(cell);
        if (j > 0) {
          row.cells.emplace_back();
          row.cells.emplace_back();
        }
        continue;
      }
      std::optional<double> v = m.value(x);
      row.cells.push_back(typed(v, m));
      if (j == 0)
        continue;
      std::optional<double> diff;
      if (v && first)
        diff = *v - *first;
      row.cells.push_back(typed(diff, m));
      Cell pct = diff && *first != 0 ? number_cell(*diff / std::abs(*first) * 100) : Cell{};
      pct.type = ColumnType::kNumber;
      pct.decimals = 1;
      row.cells.push_back(pct);
    }
    return row;
  }

  std::vector<Measure> measures() const {
    std::vector<Measure> out;
    for (int y = first_.first_year; y <= first_.last_year(); ++y) {
      size_t t_ = static_cast<size_t>(y - first_.first_year);
      out.push_back({fmt::format("gross_{}", y),
                     fmt::format("{} {}", in_lang(lang_, "Udgift brutto", "Gross cost"), y),
                     ColumnType::kMoney, 0,
                     [t_](const Measures& m) { return std::optional(m.gross[t_]); }, nullptr});
    }
    out.push_back({"gross_total", in_lang(lang_, "Udgift brutto i alt", "Gross cost, total"),
                   ColumnType::kMoney, 0,
                   [](const Measures& m) { return std::optional(m.gross_total); }, nullptr});
    for (int y = first_.first_year; y <= first_.last_year(); ++y) {
      size_t t_ = static_cast<size_t>(y - first_.first_year);
      out.push_back({fmt::format("net_{}", y),
                     fmt::format("{} {}", in_lang(lang_, "Udgift netto", "Net cost"), y),
                     ColumnType::kMoney, 0,
                     [t_](const Measures& m) { return std::optional(m.net[t_]); }, nullptr});
    }
    out.push_back({"net_total", in_lang(lang_, "Udgift netto i alt", "Net cost, total"),
                   ColumnType::kMoney, 0,
                   [](const Measures& m) { return std::optional(m.net_total); }, nullptr});
    out.push_back({"fte", in_lang(lang_, "Årsværk i koordineringen", "FTE in the coordination"),
                   ColumnType::kNumber, 1, [](const Measures& m) { return std::optional(m.fte); },
                   nullptr});
    out.push_back({"reached",
                   fmt::format("{} {}", in_lang(lang_, "Unikke unge nået", "Young people reached"),
                               first_.last_year()),
                   ColumnType::kNumber, 0, [](const Measures& m) { return m.reached; }, nullptr});
    out.push_back({"horizon", in_lang(lang_, "Horisont (år)", "Horizon (year)"), ColumnType::kText,
                   0, nullptr, [](const Measures& m) {
                     std::string year = m.horizon ? std::to_string(*m.horizon) : "";
                     return std::pair{year, year};
                   }});
    out.push_back(
        {"neet_share", in_lang(lang_, "NEET-andel % ved horisonten", "NEET share % at the horizon"),
         ColumnType::kNumber, 2, [](const Measures& m) { return m.neet_share_pct; }, nullptr});
    auto rank = [](std::optional<Rank> Measures::*which, bool tercile) {
      return [which, tercile](const Measures& m) -> std::optional<double> {
        const auto& r = m.*which;
        if (!r)
          return std::nullopt;
        return tercile ? r->tercile : r->rank;
      };
    };
    out.push_back(
        {"rank_all",
         in_lang(lang_, "Placering blandt alle kommuner", "Rank among all municipalities"),
         ColumnType::kNumber, 0, rank(&Measures::rank_all, false), nullptr});
    out.push_back({"tercile_all", in_lang(lang_, "Tredjedel blandt alle", "Third among all"),
                   ColumnType::kNumber, 0, rank(&Measures::rank_all, true), nullptr});
    out.push_back({"rank_group", in_lang(lang_, "Placering i gruppen", "Rank in the group"),
                   ColumnType::kNumber, 0, rank(&Measures::rank_group, false), nullptr});
    out.push_back({"tercile_group", in_lang(lang_, "Tredjedel i gruppen", "Third in the group"),
                   ColumnType::kNumber, 0, rank(&Measures::rank_group, true), nullptr});
    out.push_back({"target_met", in_lang(lang_, "Mål opfyldt", "Target met"), ColumnType::kText, 0,
                   nullptr, [this](const Measures& m) {
                     if (!m.verdict)
                       return std::pair<std::string, std::string>{"", ""};
                     return std::pair{verdict_name(*m.verdict, lang_),
                                      std::string(enum_id(kVerdictIds, *m.verdict))};
                   }});
    out.push_back(
        {"met_without", in_lang(lang_, "Nået uden ungegaranti", "Met without the guarantee"),
         ColumnType::kText, 0, nullptr, [this](const Measures& m) {
           if (!m.met_without)
             return std::pair<std::string, std::string>{"", ""};
           return *m.met_without ? std::pair{in_lang(lang_, "Ja", "Yes"), std::string("yes")}
                                 : std::pair{in_lang(lang_, "Nej", "No"), std::string("no")};
         }});
    out.push_back({"avoided", in_lang(lang_, "Undgåede NEET-personår", "Avoided NEET person-years"),
                   ColumnType::kNumber, 1, [](const Measures& m) { return m.avoided_neet_years; },
                   nullptr});
    out.push_back({"cost_per_avoided",
                   in_lang(lang_, "Udgift pr. undgået NEET-år", "Cost per avoided NEET year"),
                   ColumnType::kMoney, 0, [](const Measures& m) { return m.cost_per_avoided; },
                   nullptr});
    out.push_back({"npv_kommune", in_lang(lang_, "Nutidsværdi, kommunen", "NPV, municipality"),
                   ColumnType::kMoney, 0, [](const Measures& m) { return m.npv_kommune; },
                   nullptr});
    out.push_back({"npv_total", in_lang(lang_, "Nutidsværdi i alt", "NPV, total"),
                   ColumnType::kMoney, 0, [](const Measures& m) { return m.npv_total; }, nullptr});
    return out;
  }

  const Scenario& first_;
  const std::vector<CompareColumn>& columns_;
  Lang lang_;
};

}  // namespace

Table compare_table(const Scenario& first, const std::vector<CompareColumn>& columns,
                    const std::vector<std::string>& notes, const std::string& data_vintage,
                    Lang lang) {
  Table table = CompareTable(first, columns, lang).build(notes);
  table.stamp.data = data_vintage;
  return table;
}

ModelList parse_model_list(std::string_view text) {
  ModelList list;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string_view name = text.substr(start, comma - start);
    std::optional<Tier> tier = parse_tier(name);
    if (!tier) {
      list.problem = msg("ukendt model '{}' (forventede guld, solv eller bronze)",
                         "unknown model '{}' (expected guld, solv or bronze)", excerpt(name));
      return list;
    }
    if (std::find(list.tiers.begin(), list.tiers.end(), *tier) != list.tiers.end()) {
      list.problem = msg("modellen '{}' står to gange", "model '{}' is listed twice",
                         std::string(tier_id(*tier)));
      return list;
    }
    list.tiers.push_back(*tier);
    start = comma + 1;
  }
  return list;
}

std::vector<CompareColumn> model_columns(const Scenario& scenario, const std::vector<Tier>& tiers,
                                         NeetDataCache& cache, Lang lang) {
  std::vector<CompareColumn> columns;
  for (Tier tier : tiers) {
    columns.push_back({std::string(tier_name(tier, lang)), std::string(tier_id(tier)),
                       measure(scenario, tier, cache.data_for(scenario))});
  }
  return columns;
}

std::vector<CompareColumn> file_columns(const std::vector<Scenario>& scenarios,
                                        const std::vector<Tier>& tiers, NeetDataCache& cache,
                                        Lang lang) {
  std::vector<CompareColumn> columns;
  for (const Scenario& s : scenarios) {
    for (Tier tier : {Tier::kBronze, Tier::kSolv, Tier::kGuld}) {
      if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end())
        continue;
      // The same file may be given twice; its columns still need their own keys.
      std::string key = fmt::format("{}:{}", s.origin, tier_id(tier));
      int copies = static_cast<int>(std::count_if(
          columns.begin(), columns.end(),
          [&](const CompareColumn& c) { return c.key == key || c.key.starts_with(key + "#"); }));
      if (copies > 0)
        key += fmt::format("#{}", copies + 1);
      columns.push_back({fmt::format("{}: {}", s.origin, tier_name(tier, lang)), key,
                         measure(s, tier, cache.data_for(s))});
    }
  }
  return columns;
}

}  // namespace ungegaranti
