#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/text.hpp"

namespace ungegaranti {

/// How money is shown. Tables always hold kroner; renderers scale (JSON never does).
enum class Unit { kKr, kTkr, kMkr };
inline constexpr EnumId<Unit> kUnitIds[] = {
    {Unit::kKr, "kr"}, {Unit::kTkr, "tkr"}, {Unit::kMkr, "mkr"}};
std::optional<Unit> parse_unit(std::string_view text);
double unit_divisor(Unit unit);
int unit_decimals(Unit unit);
std::string unit_name(Unit unit, Lang lang);

/// kMoney is in kroner and follows --unit; kNumber is shown as it is, with `decimals` places.
inline constexpr int kAsNeeded = -1;
enum class ColumnType { kText, kMoney, kNumber };
inline constexpr EnumId<ColumnType> kColumnTypeIds[] = {
    {ColumnType::kText, "text"}, {ColumnType::kMoney, "money"}, {ColumnType::kNumber, "number"}};

struct Column {
  std::string id;     // stable, language-neutral: "model", "category", "2025", "total"
  std::string label;  // as shown, in the table's language
  ColumnType type = ColumnType::kText;
  int decimals = 0;  // kNumber only; kAsNeeded: as many as the value needs (at most 6)
  bool operator==(const Column&) const = default;
};

/// One cell: text columns use `text` (and `key`, a stable id such as "solv"); money and number
/// columns use `number` (money in kroner) and leave it empty for a blank cell.
struct Cell {
  std::string text;
  std::string key;
  std::optional<double> number;
  // Where the rows are measures of different kinds (compare), a cell can say its own type.
  std::optional<ColumnType> type = std::nullopt;
  int decimals = 0;
  bool operator==(const Cell&) const = default;
};

inline Cell text_cell(std::string text, std::string key) {
  Cell cell;
  cell.text = std::move(text);
  cell.key = std::move(key);
  return cell;
}
inline Cell number_cell(double number) {
  Cell cell;
  cell.number = number;
  return cell;
}

/// The type a cell is shown as: its own, or its column's.
inline ColumnType type_of(const Cell& cell, const Column& column) {
  return cell.type.value_or(column.type);
}
inline int decimals_of(const Cell& cell, const Column& column) {
  return cell.type ? cell.decimals : column.decimals;
}

/// kSubtotal and kTotal rows are sums of the rows above them; renderers set them apart. kFunding
/// is the external funding between the gross and the net total.
enum class RowKind { kBody, kSubtotal, kFunding, kTotal };
inline constexpr EnumId<RowKind> kRowKindIds[] = {{RowKind::kBody, "body"},
                                                  {RowKind::kSubtotal, "subtotal"},
                                                  {RowKind::kFunding, "funding"},
                                                  {RowKind::kTotal, "total"}};
std::string_view row_kind_id(RowKind kind);

struct Row {
  RowKind kind = RowKind::kBody;
  std::vector<Cell> cells;  // one per column
  bool operator==(const Row&) const = default;
};

/// What every output ends with, so that a figure can be traced to its input.
struct Stamp {
  std::string tool_version;
  std::string title;       // the scenario's title
  std::string input_hash;  // short hash of the resolved scenario
  int price_base = 0;
  std::string data;                 // the comparison data and its vintage, where a result uses it
  bool population_derived = false;  // the age bands' head counts are derived (population.hpp)
  bool operator==(const Stamp&) const = default;
};

struct Scenario;

/// The stamp of a result computed from `scenario`: this tool's version, the scenario's title, input
/// hash and price base, and `data`, the comparison data's vintage where the result uses it.
Stamp stamp_of(const Scenario& scenario, std::string data = {});

/// The one result type every command produces and every renderer reads.
struct Table {
  std::string id;  // what the table is, e.g. "cost"
  std::string title;
  std::vector<std::string> notes;
  std::vector<Column> columns;
  std::vector<Row> rows;
  Stamp stamp;
  bool operator==(const Table&) const = default;
};

/// "ungegaranti 0.1.0 · <title> · inddata 1a2b3c4d5e6f · prisniveau 2025"
std::string stamp_line(const Stamp& stamp, Lang lang);

}  // namespace ungegaranti
