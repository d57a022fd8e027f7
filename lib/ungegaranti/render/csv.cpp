// CSV for spreadsheets. Danish (the default) is the dialect Excel expects on a Danish machine:
// a UTF-8 BOM, ';' between fields and a decimal comma. English uses ',' and a decimal point.
// Numbers are never grouped, so that Excel reads them as numbers.
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/render/render.hpp"

namespace ungegaranti::render_detail {
namespace {

std::string quote(const std::string& text, char separator) {
  if (text.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_csv(const Table& table, const RenderOptions& options) {
  bool da = options.lang == Lang::kDa;
  char sep = da ? ';' : ',';
  // Øre precision in whatever unit is shown.
  int decimals = options.unit == Unit::kKr ? 2 : options.unit == Unit::kTkr ? 5 : 8;
  std::string out = da ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0)
        out += sep;
      out += quote(fields[i], sep);
    }
    out += "\r\n";
  };
  std::vector<std::string> header;
  for (const Column& c : table.columns)
    header.push_back(c.label);
  line(header);
  for (const Row& row : table.rows) {
    std::vector<std::string> fields;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Cell& cell = row.cells[i];
      if (table.columns[i].type == ColumnType::kText) {
        fields.push_back(cell.text);
      } else {
        fields.push_back(cell.number ? format_plain(*cell.number / unit_divisor(options.unit),
                                                    decimals, options.lang)
                                     : "");
      }
    }
    line(fields);
  }
  line({""});
  line({titled(table, options)});
  for (const std::string& note : table.notes)
    line({note});
  line({stamp_line(table.stamp, options.lang)});
  return out;
}

}  // namespace ungegaranti::render_detail
