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

class CsvWriter {
 public:
  explicit CsvWriter(const RenderOptions& options)
      : options_(options), separator_(options.lang == Lang::kDa ? ';' : ',') {
    if (options.lang == Lang::kDa)
      out_ = "\xEF\xBB\xBF";
  }

  void line(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0)
        out_ += separator_;
      out_ += quote(fields[i], separator_);
    }
    out_ += "\r\n";
  }

  // One table: header, rows, then its title and notes below it.
  void table(const Table& table) {
    std::vector<std::string> header;
    for (const Column& c : table.columns)
      header.push_back(c.label);
    line(header);
    for (const Row& row : table.rows) {
      std::vector<std::string> fields;
      for (size_t i = 0; i < table.columns.size(); ++i)
        fields.push_back(field(row.cells[i], table.columns[i]));
      line(fields);
    }
    line({""});
    line({titled(table, options_)});
    for (const std::string& note : table.notes)
      line({note});
  }

  std::string take() { return std::move(out_); }

 private:
  std::string field(const Cell& cell, const Column& column) const {
    ColumnType type = type_of(cell, column);
    if (type == ColumnType::kText || !cell.number)
      return cell.text;
    if (type == ColumnType::kNumber && decimals_of(cell, column) == kAsNeeded)
      return format_shortest(*cell.number, 6, options_.lang, false);
    if (type == ColumnType::kNumber)
      return format_plain(*cell.number, decimals_of(cell, column), options_.lang);
    // Øre precision in whatever unit is shown.
    int decimals = options_.unit == Unit::kKr ? 2 : options_.unit == Unit::kTkr ? 5 : 8;
    return format_plain(*cell.number / unit_divisor(options_.unit), decimals, options_.lang);
  }

  const RenderOptions& options_;
  char separator_;
  std::string out_;
};

}  // namespace

std::string render_csv(const std::vector<Table>& tables, const RenderOptions& options) {
  CsvWriter csv(options);
  for (const Table& table : tables) {
    csv.table(table);
    csv.line({""});
  }
  csv.line({stamp_line(tables.front().stamp, options.lang)});
  return csv.take();
}

}  // namespace ungegaranti::render_detail
