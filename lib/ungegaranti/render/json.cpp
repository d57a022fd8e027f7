// JSON for analysts: money always in kroner, with stable ids next to the labels. The layout is
// documented in docs/output.md and versioned by "format": one table is "ungegaranti.table/1",
// several are "ungegaranti.tables/1" with the same table objects in "tables".
#include <algorithm>
#include <nlohmann/json.hpp>

#include "ungegaranti/render/render.hpp"

namespace ungegaranti::render_detail {
namespace {

using json = nlohmann::ordered_json;

std::string_view type_id(ColumnType type) { return enum_id(kColumnTypeIds, type); }

void add_table(json& doc, const Table& table) {
  doc["table"] = table.id;
  doc["title"] = table.title;
  bool money_cells = std::any_of(table.rows.begin(), table.rows.end(), [](const Row& row) {
    return std::any_of(row.cells.begin(), row.cells.end(),
                       [](const Cell& c) { return c.type == ColumnType::kMoney; });
  });
  if (money_cells || std::any_of(table.columns.begin(), table.columns.end(),
                                 [](const Column& c) { return c.type == ColumnType::kMoney; })) {
    doc["unit"] = "DKK";  // of every money column
  }
  doc["notes"] = table.notes;
  json columns = json::array();
  for (const Column& c : table.columns)
    columns.push_back({{"id", c.id}, {"label", c.label}, {"type", type_id(c.type)}});
  doc["columns"] = columns;
  json rows = json::array();
  for (const Row& row : table.rows) {
    json r;
    r["kind"] = row_kind_id(row.kind);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      const Cell& cell = row.cells[i];
      if (c.type == ColumnType::kText) {
        r[c.id] = cell.key;
        r[c.id + "_label"] = cell.text;
      } else {
        r[c.id] = cell.number        ? json(*cell.number)
                  : cell.key.empty() ? json(nullptr)
                                     : json(cell.key);  // a word in a column of numbers
      }
    }
    rows.push_back(r);
  }
  doc["rows"] = rows;
}

}  // namespace

std::string render_json(const std::vector<Table>& tables) {
  json doc;
  if (tables.size() == 1) {
    doc["format"] = "ungegaranti.table/1";
    add_table(doc, tables.front());
  } else {
    doc["format"] = "ungegaranti.tables/1";
    json list = json::array();
    for (const Table& table : tables) {
      json t;
      add_table(t, table);
      list.push_back(t);
    }
    doc["tables"] = list;
  }
  const Stamp& stamp = tables.front().stamp;
  doc["stamp"] = {{"tool_version", stamp.tool_version},
                  {"scenario_title", stamp.title},
                  {"input_hash", stamp.input_hash},
                  {"price_base", stamp.price_base}};
  if (!stamp.data.empty())
    doc["stamp"]["data"] = stamp.data;
  if (stamp.population_derived)
    doc["stamp"]["population"] = "derived from DST FOLK1AM 1.1.2024";
  return doc.dump(2) + "\n";
}

}  // namespace ungegaranti::render_detail
