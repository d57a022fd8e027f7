// JSON for analysts: always in kroner, with stable ids next to the labels. The layout is
// documented in docs/output.md and versioned by "format".
#include <nlohmann/json.hpp>

#include "ungegaranti/render/render.hpp"

namespace ungegaranti::render_detail {

std::string render_json(const Table& table) {
  using json = nlohmann::ordered_json;
  json doc;
  doc["format"] = "ungegaranti.table/1";
  doc["table"] = table.id;
  doc["title"] = table.title;
  doc["unit"] = "DKK";
  doc["notes"] = table.notes;
  json columns = json::array();
  for (const Column& c : table.columns) {
    columns.push_back({{"id", c.id},
                       {"label", c.label},
                       {"type", c.type == ColumnType::kMoney ? "money" : "text"}});
  }
  doc["columns"] = columns;
  json rows = json::array();
  for (const Row& row : table.rows) {
    json r;
    r["kind"] = row_kind_id(row.kind);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      const Cell& cell = row.cells[i];
      if (c.type == ColumnType::kMoney) {
        r[c.id] = cell.number ? json(*cell.number) : json(nullptr);
      } else {
        r[c.id] = cell.key;
        r[c.id + "_label"] = cell.text;
      }
    }
    rows.push_back(r);
  }
  doc["rows"] = rows;
  doc["stamp"] = {{"tool_version", table.stamp.tool_version},
                  {"scenario_title", table.stamp.title},
                  {"input_hash", table.stamp.input_hash},
                  {"price_base", table.stamp.price_base}};
  return doc.dump(2) + "\n";
}

}  // namespace ungegaranti::render_detail
