#include "ungegaranti/diff_table.hpp"

#include <fmt/format.h>

#include "ungegaranti/labels.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

Cell money(double v) {
  Cell c = number_cell(v);
  c.type = ColumnType::kMoney;
  return c;
}

Cell points(const std::optional<double>& v) {
  Cell c = v ? number_cell(*v) : Cell{};
  c.type = ColumnType::kNumber;
  c.decimals = 2;
  return c;
}

// A long value (a note, say) shortened for reading; JSON keeps it whole in the cell's key.
std::string shortened(const std::string& text) {
  constexpr size_t kMax = 60;  // code points
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++points > kMax)
      return text.substr(0, i) + "…";
  }
  return text;
}

}  // namespace

std::vector<Table> diff_tables(const Scenario& a, const std::string& a_name,
                               const std::string& b_name, const std::vector<ValueChange>& changes,
                               const std::vector<Waterfall>& waterfalls, Lang lang) {
  Stamp stamp = stamp_of(a);

  Table list;
  list.id = "changes";
  list.title = fmt::format("{} {} {} {}", in_lang(lang, "Forskelle mellem", "Differences between"),
                           a_name, in_lang(lang, "og", "and"), b_name);
  list.columns = {{"path", in_lang(lang, "Inddata", "Input")}, {"a", a_name}, {"b", b_name}};
  for (const ValueChange& c : changes) {
    list.rows.push_back({RowKind::kBody,
                         {text_cell(input_label(a, c.path, lang), c.path),
                          text_cell(shortened(c.a.value_or("-")), c.a.value_or("")),
                          text_cell(shortened(c.b.value_or("-")), c.b.value_or(""))}});
  }
  if (changes.empty())
    list.notes.push_back(
        in_lang(lang,
                "Ingen forskelle: de to scenarier er ens, med de filer de bygger på og ændringerne "
                "fra kommandolinjen regnet med.",
                "No differences: the two scenarios are alike, with the files they build on and the "
                "changes from the command line taken into account."));
  list.stamp = stamp;

  Table fall;
  fall.id = "waterfall";
  fall.title = in_lang(lang, "Vandfald: hvad forklarer forskellen?",
                       "Waterfall: what explains the difference?");
  fall.columns = {{"model", in_lang(lang, "Model", "Model")},
                  {"line", in_lang(lang, "Linje", "Line")},
                  {"net_cost", in_lang(lang, "Nettoudgift i perioden", "Net cost over the period"),
                   ColumnType::kMoney},
                  {"neet_pp",
                   in_lang(lang, "NEET-andel % ved horisonten (ændring i pp)",
                           "NEET share % at the horizon (change in pp)"),
                   ColumnType::kNumber, 2}};
  for (const Waterfall& w : waterfalls) {
    Cell model = text_cell(std::string(tier_name(w.tier, lang)), std::string(tier_id(w.tier)));
    fall.rows.push_back(
        {RowKind::kBody,
         {model, text_cell(a_name, "a"), money(w.start.net_cost), points(w.start.neet_share_pct)}});
    for (const WaterfallLine& line : w.lines) {
      if (!line.delta) {
        fall.rows.push_back(
            {RowKind::kBody,
             {model, text_cell(input_label(a, line.path, lang), line.path),
              text_cell(in_lang(lang, "kan ikke beregnes alene", "cannot be computed alone"), ""),
              text_cell(in_lang(lang, "kan ikke beregnes alene", "cannot be computed alone"),
                        "")}});
        continue;
      }
      bool moves = line.delta->net_cost != 0 ||
                   (line.delta->neet_share_pct && *line.delta->neet_share_pct != 0);
      if (moves) {
        fall.rows.push_back({RowKind::kBody,
                             {model, text_cell(input_label(a, line.path, lang), line.path),
                              money(line.delta->net_cost), points(line.delta->neet_share_pct)}});
      }
    }
    fall.rows.push_back({RowKind::kSubtotal,
                         {model, text_cell(in_lang(lang, "Samspil", "Interaction"), "interaction"),
                          money(w.interaction.net_cost), points(w.interaction.neet_share_pct)}});
    fall.rows.push_back(
        {RowKind::kTotal,
         {model, text_cell(b_name, "b"), money(w.end.net_cost), points(w.end.neet_share_pct)}});
  }
  fall.notes.push_back(
      in_lang(lang,
              "Hver ændring er foretaget alene ud fra a; samspillet er resten, så a + "
              "linjerne + samspil = b. Viste tal er afrundede.",
              "Each change is made alone, starting from a; the interaction is the rest, "
              "so a + the lines + interaction = b. Figures shown are rounded."));
  fall.stamp = stamp;
  return {list, fall};
}

}  // namespace ungegaranti
