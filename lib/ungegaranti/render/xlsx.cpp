// Excel workbooks through libxlsxwriter, which stays inside this file. Numbers are numeric cells
// with a number format, never text, so that they can be summed; the formats use US codes because
// Excel shows them with the separators of the reader's own locale. Money stays in kroner and the
// format scales it ("#,##0," shows thousands), so a figure copied out of the sheet is still kroner.
#include "ungegaranti/render/xlsx.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "ungegaranti/error.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/render/xlsx_detail.hpp"

namespace ungegaranti {
namespace render_detail {

// The library by its soname (package libxlsxwriter4 on Debian 12); Error when it is missing.
const XlsxLibrary& xlsx() {
  static const XlsxLibrary library = [] {
    void* handle = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
      throw Error({}, msg("kan ikke skrive XLSX: {}", "cannot write XLSX: {}", dlerror()));
    XlsxLibrary l;
    auto load = [&](auto& function, const char* name) {
      void* symbol = dlsym(handle, name);
      if (symbol == nullptr)
        throw Error({}, msg("kan ikke skrive XLSX: libxlsxwriter mangler {}",
                            "cannot write XLSX: libxlsxwriter lacks {}", name));
      function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(symbol);
    };
    load(l.workbook_new, "workbook_new");
    load(l.workbook_add_format, "workbook_add_format");
    load(l.workbook_add_worksheet, "workbook_add_worksheet");
    load(l.workbook_close, "workbook_close");
    load(l.workbook_set_properties, "workbook_set_properties");
    load(l.worksheet_freeze_panes, "worksheet_freeze_panes");
    load(l.worksheet_set_column, "worksheet_set_column");
    load(l.worksheet_write_number, "worksheet_write_number");
    load(l.worksheet_write_string, "worksheet_write_string");
    load(l.format_set_align, "format_set_align");
    load(l.format_set_bold, "format_set_bold");
    load(l.format_set_bottom, "format_set_bottom");
    load(l.format_set_num_format, "format_set_num_format");
    load(l.workbook_define_name, "workbook_define_name");
    load(l.worksheet_write_formula_num, "worksheet_write_formula_num");
    load(l.worksheet_write_formula_str, "worksheet_write_formula_str");
    load(l.worksheet_protect, "worksheet_protect");
    load(l.format_set_unlocked, "format_set_unlocked");
    load(l.format_set_pattern, "format_set_pattern");
    load(l.format_set_bg_color, "format_set_bg_color");
    load(l.format_set_font_color, "format_set_font_color");
    load(l.lxw_strerror, "lxw_strerror");
    load(l.lxw_workbook_free, "lxw_workbook_free");
    return l;
  }();
  return library;
}

}  // namespace render_detail

namespace {

using render_detail::xlsx;

constexpr size_t kMaxSheetName = 31;  // in UTF-16 units, as Excel counts
constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;
constexpr size_t kMinWidth = 8;
constexpr size_t kMaxWidth = 60;

size_t code_points(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Spaces and apostrophes off both ends: Excel refuses a sheet name that starts or ends with "'".
std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" '");
  if (begin == std::string::npos)
    return "";
  return text.substr(begin, text.find_last_not_of(" '") - begin + 1);
}

// Excel refuses []:*?/\ in a sheet name; control characters would not show. Runs of spaces that
// this leaves become one space.
std::string clean_sheet_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '/' || c == '\\')
      c = '-';
    else if (c == '[')
      c = '(';
    else if (c == ']')
      c = ')';
    else if (c == ':' || c == '*' || c == '?' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' '))
      continue;
    out += c;
  }
  return trim(out);
}

// The longest run of whole characters from the start of `text` that fits in `units` UTF-16 units.
std::string cut(const std::string& text, size_t units) {
  size_t used = 0;
  size_t end = 0;
  while (end < text.size()) {
    auto lead = static_cast<unsigned char>(text[end]);
    size_t bytes = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    size_t need = bytes == 4 ? 2 : 1;  // outside the BMP, Excel counts a surrogate pair
    if (used + need > units)
      break;
    used += need;
    end += bytes;
  }
  return trim(text.substr(0, end));
}

// Excel compares sheet names without case: ASCII, and Latin-1 letters such as Æ, Ø and Å.
std::string fold(std::string text) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      text[i] = static_cast<char>(c + 0x20);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[++i]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)  // U+00C0..U+00DE, except ×
        text[i] = static_cast<char>(next + 0x20);
    }
  }
  return text;
}

std::string table_name(const Table& table) { return table.title.empty() ? table.id : table.title; }

// A table too large for a sheet would make libxlsxwriter fail half-way: refuse it before a file
// exists, as check_finite() refuses a NaN (which libxlsxwriter would write as a broken cell).
void check_size(const std::vector<Table>& tables, const std::string& path) {
  for (const Table& table : tables) {
    if (table.rows.size() + 2 > kMaxRows || table.columns.size() > kMaxColumns) {
      throw Error({}, msg("kan ikke skrive '{}': tabellen '{}' er for stor til et ark",
                          "cannot write '{}': table '{}' is too large for a sheet", path,
                          table_name(table)));
    }
  }
}

std::string grouped(int decimals) {
  return decimals > 0 ? "#,##0." + std::string(static_cast<size_t>(decimals), '0') : "#,##0";
}

// Each trailing comma makes Excel show the number divided by 1000.
std::string number_format(ColumnType type, int decimals, Unit unit) {
  if (type == ColumnType::kNumber && decimals == kAsNeeded)
    return "General";  // as many decimals as the value has, like the text renderers
  if (type == ColumnType::kNumber)
    return grouped(decimals);
  size_t thousands = unit == Unit::kKr ? 0 : unit == Unit::kTkr ? 1 : 2;
  return grouped(unit_decimals(unit)) + std::string(thousands, ',');
}

size_t column_width(size_t characters) { return std::clamp(characters + 2, kMinWidth, kMaxWidth); }

class XlsxWriter {
 public:
  XlsxWriter(const std::string& file, std::string path, const RenderOptions& options)
      : book_(xlsx().workbook_new(file.c_str()), xlsx().lxw_workbook_free),
        path_(std::move(path)),
        options_(options) {
    if (!book_)
      throw Error({}, msg("kan ikke skrive '{}': hukommelsen slap op",
                          "cannot write '{}': out of memory", path_));
    // A fixed creation time, so that the file does not depend on today's date.
    lxw_doc_properties properties{};
    properties.created = 946684800;  // 2000-01-01 00:00 UTC
    check(xlsx().workbook_set_properties(book_.get(), &properties));
    bold_ = format("", true);
    for (bool right : {false, true}) {
      lxw_format* header = xlsx().workbook_add_format(book_.get());
      xlsx().format_set_bold(header);
      xlsx().format_set_bottom(header, LXW_BORDER_THIN);
      if (right)
        xlsx().format_set_align(header, LXW_ALIGN_RIGHT);
      header_[right] = header;
    }
  }

  // Row 1 is the title, row 2 the header, and the rows below it scroll under them.
  void table(const Table& table, const std::string& name) {
    lxw_worksheet* sheet = add_sheet(name);
    check(xlsx().worksheet_write_string(sheet, 0, 0, render_detail::titled(table, options_).c_str(),
                                        bold_));
    std::vector<size_t> widths;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& column = table.columns[i];
      lxw_format* header = header_[render_detail::numeric(column) ? 1 : 0];
      check(xlsx().worksheet_write_string(sheet, 1, col(i), column.label.c_str(), header));
      widths.push_back(code_points(column.label));
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Row& row = table.rows[r];
      bool bold = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
      for (size_t i = 0; i < row.cells.size() && i < table.columns.size(); ++i) {
        write_cell(sheet, static_cast<lxw_row_t>(r + 2), col(i), row.cells[i], table.columns[i],
                   bold);
        std::string shown = render_detail::display(row.cells[i], table.columns[i], options_);
        widths[i] = std::max(widths[i], code_points(shown));
      }
    }
    for (size_t i = 0; i < widths.size(); ++i)
      check(xlsx().worksheet_set_column(sheet, col(i), col(i),
                                        static_cast<double>(column_width(widths[i])), nullptr));
    xlsx().worksheet_freeze_panes(sheet, 2, 0);
  }

  // The stamp of every table (once, if they share it), then each table's notes under its title.
  void stamp(const std::vector<Table>& tables, const std::string& name) {
    lxw_worksheet* sheet = add_sheet(name);
    lxw_row_t row = 0;
    size_t width = 0;
    auto line = [&](const std::string& text, lxw_format* style) {
      check(xlsx().worksheet_write_string(sheet, row++, 0, text.c_str(), style));
      width = std::max(width, code_points(text));
    };
    std::vector<std::string> stamps;
    for (const Table& table : tables) {
      std::string stamp = stamp_line(table.stamp, options_.lang);
      if (std::find(stamps.begin(), stamps.end(), stamp) == stamps.end())
        stamps.push_back(stamp);
    }
    for (const std::string& stamp : stamps)
      line(stamp, nullptr);
    for (const Table& table : tables) {
      if (table.notes.empty())
        continue;
      ++row;
      line(render_detail::titled(table, options_), bold_);
      for (const std::string& note : table.notes)
        line(note, nullptr);
    }
    check(xlsx().worksheet_set_column(sheet, 0, 0, static_cast<double>(column_width(width)),
                                      nullptr));
  }

  // workbook_close() writes the file, and frees the workbook whatever happens.
  void close() { check(xlsx().workbook_close(book_.release())); }

 private:
  static lxw_col_t col(size_t index) { return static_cast<lxw_col_t>(index); }

  void check(lxw_error error) const {
    if (error == LXW_NO_ERROR)
      return;
    std::string reason = xlsx().lxw_strerror(error);
    if (reason.ends_with('.'))
      reason.pop_back();
    throw Error({}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path_, reason));
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* sheet = xlsx().workbook_add_worksheet(book_.get(), name.c_str());
    if (sheet == nullptr)
      throw Error({}, msg("kan ikke skrive '{}': ugyldigt arknavn '{}'",
                          "cannot write '{}': invalid sheet name '{}'", path_, name));
    return sheet;
  }

  // Formats belong to the workbook; one per number format and weight is enough.
  lxw_format* format(const std::string& code, bool bold) {
    if (code.empty() && !bold)
      return nullptr;
    lxw_format*& slot = formats_[{code, bold}];
    if (slot == nullptr) {
      slot = xlsx().workbook_add_format(book_.get());
      if (!code.empty())
        xlsx().format_set_num_format(slot, code.c_str());
      if (bold)
        xlsx().format_set_bold(slot);
    }
    return slot;
  }

  void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Cell& cell,
                  const Column& of, bool bold) {
    ColumnType type = type_of(cell, of);
    if (type != ColumnType::kText && cell.number) {
      lxw_format* shown = format(number_format(type, decimals_of(cell, of), options_.unit), bold);
      check(xlsx().worksheet_write_number(sheet, row, column, *cell.number, shown));
    } else if (!cell.text.empty()) {
      check(xlsx().worksheet_write_string(sheet, row, column, cell.text.c_str(), format("", bold)));
    }
  }

  std::unique_ptr<lxw_workbook, decltype(&::lxw_workbook_free)> book_;
  std::string path_;
  const RenderOptions& options_;
  std::map<std::pair<std::string, bool>, lxw_format*> formats_;
  lxw_format* bold_ = nullptr;
  lxw_format* header_[2] = {nullptr, nullptr};  // text, numbers (right-aligned)
};

}  // namespace

namespace render_detail {

std::vector<std::string> sheet_names(const std::vector<Table>& tables, Lang lang) {
  std::string stamp = lang == Lang::kDa ? "Stempel" : "Stamp";
  std::set<std::string> used = {fold(stamp), "history"};  // Excel keeps "History" for itself
  std::vector<std::string> names;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string base = clean_sheet_name(tables[i].title);
    if (base.empty())
      base = clean_sheet_name(tables[i].id);
    if (base.empty())
      base = fmt::format("{} {}", lang == Lang::kDa ? "Tabel" : "Table", i + 1);
    std::string name = cut(base, kMaxSheetName);
    for (int n = 2; used.count(fold(name)) > 0; ++n) {
      std::string suffix = fmt::format(" ({})", n);
      name = cut(base, kMaxSheetName - suffix.size()) + suffix;
    }
    used.insert(fold(name));
    names.push_back(name);
  }
  names.push_back(stamp);
  return names;
}

}  // namespace render_detail

void write_xlsx(const std::vector<Table>& tables, const std::string& path,
                const RenderOptions& options) {
  check_finite(tables);
  check_size(tables, path);
  std::vector<std::string> names = render_detail::sheet_names(tables, options.lang);
  OutputFile file(path);  // checks the target as every -o does, and removes the file on failure
  XlsxWriter book(file.temp_name(), path, options);
  for (size_t i = 0; i < tables.size(); ++i)
    book.table(tables[i], names[i]);
  book.stamp(tables, names.back());
  book.close();
  file.commit();
}

}  // namespace ungegaranti
