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
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
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
    load(l.format_set_text_wrap, "format_set_text_wrap");
    load(l.format_set_italic, "format_set_italic");
    load(l.format_set_font_size, "format_set_font_size");
    load(l.worksheet_set_landscape, "worksheet_set_landscape");
    load(l.worksheet_set_paper, "worksheet_set_paper");
    load(l.worksheet_fit_to_pages, "worksheet_fit_to_pages");
    load(l.worksheet_repeat_rows, "worksheet_repeat_rows");
    load(l.worksheet_set_margins, "worksheet_set_margins");
    load(l.worksheet_set_header_opt, "worksheet_set_header_opt");
    load(l.worksheet_set_footer_opt, "worksheet_set_footer_opt");
    load(l.worksheet_set_row, "worksheet_set_row");
    load(l.worksheet_merge_range, "worksheet_merge_range");
    load(l.worksheet_insert_chart_opt, "worksheet_insert_chart_opt");
    load(l.workbook_add_chart, "workbook_add_chart");
    load(l.chart_add_series, "chart_add_series");
    load(l.chart_series_set_categories, "chart_series_set_categories");
    load(l.chart_series_set_values, "chart_series_set_values");
    load(l.chart_series_set_name_range, "chart_series_set_name_range");
    load(l.chart_title_set_name, "chart_title_set_name");
    load(l.chart_axis_set_name, "chart_axis_set_name");
    load(l.chart_axis_set_num_format, "chart_axis_set_num_format");
    load(l.chart_axis_set_min, "chart_axis_set_min");
    load(l.chart_axis_set_reverse, "chart_axis_set_reverse");
    load(l.chart_legend_set_position, "chart_legend_set_position");
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
constexpr size_t kMaxWidth = 90;         // a column wider than this wraps its text
constexpr size_t kMinWrapWidth = 20;     // a wrapped column is never narrower than this
constexpr size_t kWideWidth = 100;       // a wrapped column of a table of one or two columns
constexpr size_t kSideWidth = 40;        // other text columns beside a wrapped one wrap at this
constexpr double kLineHeight = 15.0;     // points: one line of the default font (Calibri 11)
constexpr double kMaxRowHeight = 409.0;  // points: Excel's limit

// Every sheet's rows: the title, the unit and price base, the column headings (repeated at the
// top of each printed page), then the body, then a blank row and the notes.
constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kInfoRow = 1;
constexpr lxw_row_t kHeaderRow = 2;
constexpr lxw_row_t kBodyRow = 3;

// The page: A4 (paper code 9) landscape, one page wide and as many high as the rows need.
constexpr uint8_t kPaperA4 = 9;
constexpr double kMarginSide = 0.4;  // inches
constexpr double kMarginTopBottom = 0.75;
constexpr double kHeaderMargin = 0.3;
// Characters of the title in the page header: Excel allows 255 bytes, and a character may take
// three bytes in UTF-8, or two as a written "&&".
constexpr size_t kMaxHeaderText = 80;

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

// The bytes of the longest run of whole characters from the start of `text` that fits in
// `units` UTF-16 units.
size_t fitting_bytes(const std::string& text, size_t units) {
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
  return end;
}

// Punctuation that would dangle at the end of a shortened name: spaces, ",;.-", an en or em
// dash and a middle dot.
std::string drop_trailing_punctuation(std::string text) {
  for (bool dropped = true; dropped && !text.empty();) {
    dropped = false;
    for (std::string_view tail : {" ", ",", ";", ".", "-", "\u2013", "\u2014", "\u00b7"}) {
      if (text.ends_with(tail)) {
        text.erase(text.size() - tail.size());
        dropped = true;
      }
    }
  }
  return text;
}

// `text` in at most `units` UTF-16 units, shortened at a word boundary: a word that does not fit
// whole is left out, and so is punctuation the cut leaves at the end. Only a first word longer
// than `units` is cut inside.
std::string cut(const std::string& text, size_t units) {
  size_t end = fitting_bytes(text, units);
  if (end == text.size())
    return trim(text);
  std::string head = text.substr(0, end);
  if (text[end] != ' ') {
    size_t space = head.rfind(' ');
    if (space != std::string::npos && !trim(head.substr(0, space)).empty())
      head.erase(space);
  }
  std::string shortened = trim(drop_trailing_punctuation(head));
  return shortened.empty() ? trim(text.substr(0, end)) : shortened;
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

bool has_column(const Table& table, std::string_view id) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const Column& c) { return c.id == id; });
}

// The model a table's title ends with ("... — Sølv"), or nullopt.
std::optional<Tier> titled_model(const Table& table, Lang lang) {
  for (Tier tier : kAllTiers) {
    if (table.title.ends_with(tier_name(tier, lang)))
      return tier;
  }
  return std::nullopt;
}

// The short name each kind of table gets as its sheet name, by the table's id (and, for the
// cost tables, the breakdown its columns show; for a tornado, the model its title names); "" for
// a kind without one, whose sheet is named after its title.
std::string short_sheet_name(const Table& table, Lang lang) {
  const std::string& id = table.id;
  if (id == "cost") {
    struct By {
      std::string_view column, da, en;
    };
    static constexpr By kBreakdowns[] = {
        {"category", "Udgifter efter kategori", "Cost by category"},
        {"track", "Udgifter efter spor", "Cost by track"},
        {"department", "Udgifter efter forankring", "Cost by department"},
        {"role", "Udgifter efter rolle og linje", "Cost by role and line"},
        {"line", "Udgifter efter linje", "Cost by line"},
    };
    for (const By& by : kBreakdowns) {
      if (has_column(table, by.column))
        return pick_lang(lang, by.da, by.en);
    }
    return in_lang(lang, "Udgifter pr. år", "Cost per year");
  }
  if (id == "tornado") {
    std::optional<Tier> tier = titled_model(table, lang);
    if (!tier)
      return "Tornado";
    std::string model(tier_name(*tier, lang));
    model[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(model[0])));
    return "Tornado " + model;  // "Tornado guld", "Tornado silver"
  }
  struct Kind {
    std::string_view id, da, en;
  };
  static constexpr Kind kKinds[] = {
      {"narrative", "Sammenfatning i ord", "Summary in words"},
      {"summary", "Sammendrag", "Summary"},
      {"participants", "Deltagere", "Participants"},
      {"bands", "Unge nået", "Young people reached"},
      {"company_places", "Virksomhedspladser", "Company places"},
      {"base", "Udgangspunkt", "Starting point"},
      {"targets", "NEET-mål", "NEET targets"},
      {"projection", "NEET-fremskrivning", "NEET projection"},
      {"economics", "Økonomi", "Economics"},
      {"economics_years", "Økonomi pr. år", "Economics per year"},
      {"economics_items", "Økonomi efter post", "Economics by item"},
      {"increments", "Trin for trin", "Step by step"},
      {"assumptions", "Antagelser og kilder", "Assumptions and sources"},
      {"stamp", "Om beregningen", "About the calculation"},
      {"monte_carlo", "Monte Carlo", "Monte Carlo"},
      {"probabilities", "Sandsynligheder", "Probabilities"},
      {"monte_carlo_run", "Monte Carlo-kørsel", "Monte Carlo run"},
      {"compare", "Sammenligning", "Comparison"},
      {"changes", "Ændringer", "Changes"},
      {"waterfall", "Vandfald", "Waterfall"},
      {"followup", "Opfølgning", "Follow-up"},
      {"followup_reach", "Opfølgning nået", "Follow-up reach"},
      {"followup_neet", "Opfølgning NEET", "Follow-up NEET"},
      {"followup_target", "Opfølgning mål", "Follow-up target"},
      {"backtest", "Backtest alle kommuner", "Backtest all municipalities"},
      {"backtest_subject", "Backtest kommunen", "Backtest the municipality"},
  };
  for (const Kind& kind : kKinds) {
    if (kind.id == id)
      return pick_lang(lang, kind.da, kind.en);
  }
  return "";
}

// A table too large for a sheet would make libxlsxwriter fail half-way: refuse it before a file
// exists, as check_finite() refuses a NaN (which libxlsxwriter would write as a broken cell).
void check_size(const std::vector<Table>& tables, const std::string& path) {
  for (const Table& table : tables) {
    if (table.rows.size() + table.notes.size() + kBodyRow + 1 > kMaxRows ||
        table.columns.size() > kMaxColumns) {
      throw Error({}, msg("kan ikke skrive '{}': tabellen '{}' er for stor til et ark",
                          "cannot write '{}': table '{}' is too large for a sheet", path,
                          table_name(table)));
    }
  }
}

std::string grouped(int decimals) {
  return decimals > 0 ? "#,##0." + std::string(static_cast<size_t>(decimals), '0') : "#,##0";
}

std::string money_format(Unit unit) {
  size_t thousands = unit == Unit::kKr ? 0 : unit == Unit::kTkr ? 1 : 2;
  return grouped(unit_decimals(unit)) + std::string(thousands, ',');
}

// Each trailing comma makes Excel show the number divided by 1000.
std::string number_format(ColumnType type, int decimals, Unit unit) {
  if (type == ColumnType::kNumber && decimals == kAsNeeded)
    return "General";  // as many decimals as the value has, like the text renderers
  if (type == ColumnType::kNumber)
    return grouped(decimals);
  return money_format(unit);
}

bool has_money(const Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [](const Column& c) { return c.type == ColumnType::kMoney; }) ||
         std::any_of(table.rows.begin(), table.rows.end(), [](const Row& row) {
           return std::any_of(row.cells.begin(), row.cells.end(),
                              [](const Cell& c) { return c.type == ColumnType::kMoney; });
         });
}

// The line under each sheet's title: the unit money is shown in, and the price base.
std::string info_line(const Table& table, const RenderOptions& options) {
  std::string unit(unit_name(options.unit, options.lang));
  int base = table.stamp.price_base;
  bool money = has_money(table);
  if (money && base != 0)
    return msg("Beløb i {}, prisniveau {}", "Amounts in {}, price base {}", unit, base)
        .in(options.lang);
  if (money)
    return msg("Beløb i {}", "Amounts in {}", unit).in(options.lang);
  if (base != 0)
    return msg("Prisniveau {}", "Price base {}", base).in(options.lang);
  return "";
}

// The stamp's short form for the page footer: the tool, the input hash and the price base.
std::string short_stamp(const Stamp& stamp, Lang lang) {
  if (stamp.tool_version.empty())
    return "";
  return fmt::format("ungegaranti {} · {} {} · {} {}", stamp.tool_version,
                     in_lang(lang, "inddata", "input"), stamp.input_hash,
                     in_lang(lang, "prisniveau", "price base"), stamp.price_base);
}

// Header and footer text is a little language of its own: "&P" is the page number, so a literal
// "&" is written "&&".
std::string header_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '&')
      out += '&';
  }
  return out;
}

struct ColumnLayout {
  size_t width = kMinWidth;
  bool wrap = false;
};

// Each column as wide as its longest cell (in characters), or, where that is wider than
// kMaxWidth, as wide as nine in ten of its cells and wrapped: the register's notes print as rows
// of a few lines, not one row across several pages. Beside the widest such column, the other
// text columns wrap at kSideWidth, so that the page is not scaled down to illegible print. Headings
// wrap at their words. Numbers never wrap.
std::vector<ColumnLayout> column_layout(const Table& table, const RenderOptions& options) {
  size_t wide = table.columns.size() <= 2 ? kWideWidth : kMaxWidth;
  std::vector<ColumnLayout> layout;
  std::vector<std::vector<size_t>> lengths(table.columns.size());
  std::vector<size_t> words(table.columns.size(), 0);
  auto wrapped = [&](size_t i, size_t limit) {
    std::vector<size_t> sorted = lengths[i];
    std::sort(sorted.begin(), sorted.end());
    size_t typical = sorted.empty() ? 0 : sorted[sorted.size() * 9 / 10];
    return ColumnLayout{std::clamp(std::max(typical, words[i]) + 2, kMinWrapWidth, limit), true};
  };
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const Column& column = table.columns[i];
    for (const Row& row : table.rows) {
      if (i < row.cells.size())
        lengths[i].push_back(code_points(render_detail::display(row.cells[i], column, options)));
    }
    size_t begin = 0;
    while (begin <= column.label.size()) {
      size_t end = std::min(column.label.find(' ', begin), column.label.size());
      words[i] = std::max(words[i],
                          code_points(std::string_view(column.label).substr(begin, end - begin)));
      begin = end + 1;
    }
    size_t longest =
        lengths[i].empty() ? 0 : *std::max_element(lengths[i].begin(), lengths[i].end());
    if (longest + 2 <= wide || lengths[i].empty())
      layout.push_back({std::clamp(std::max(longest, words[i]) + 2, kMinWidth, wide), false});
    else
      layout.push_back(wrapped(i, wide));
  }
  // The widest wrapped column is the prose (the register's notes); the others give way to it.
  auto prose = std::max_element(layout.begin(), layout.end(),
                                [](const ColumnLayout& a, const ColumnLayout& b) {
                                  return (a.wrap ? a.width : 0) < (b.wrap ? b.width : 0);
                                });
  for (size_t i = 0; prose != layout.end() && prose->wrap && i < layout.size(); ++i) {
    if (layout.begin() + static_cast<std::ptrdiff_t>(i) != prose &&
        table.columns[i].type == ColumnType::kText && layout[i].width > kSideWidth)
      layout[i] = wrapped(i, kSideWidth);
  }
  return layout;
}

// The lines `text` takes in a wrapped cell `width` characters wide, wrapped at its spaces (a word
// longer than a line is broken). Neither Excel nor LibreOffice fits a row's height to wrapped
// text on opening a file, so the writer sets it. Excel's widths count the digit '0'; a letter of
// running text is narrower (`per_unit`
// letters to a unit, as measured in LibreOffice's PDF of the assumptions register).
size_t wrapped_lines(std::string_view text, size_t width, double per_unit) {
  double capacity = std::max(1.0, (static_cast<double>(width) - 1.0) * per_unit);
  size_t lines = 1;
  double used = 0;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = std::min(text.find(' ', begin), text.size());
    auto word = static_cast<double>(code_points(text.substr(begin, end - begin)));
    if (used == 0) {
      used = word;
    } else if (used + 1 + word <= capacity) {
      used += 1 + word;
    } else {
      ++lines;
      used = word;
    }
    for (; used > capacity; used -= capacity)
      ++lines;
    begin = end + 1;
  }
  return lines;
}

constexpr double kBodyLetters = 1.2;
constexpr double kBoldLetters = 1.05;

std::optional<size_t> column_index(const Table& table, std::string_view id) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].id == id)
      return i;
  }
  return std::nullopt;
}

bool is_year(const Column& column) {
  return column.id.size() == 4 && std::all_of(column.id.begin(), column.id.end(),
                                              [](char c) { return c >= '0' && c <= '9'; });
}

// The runs [begin, end) of consecutive body rows with the same key in `column` (one model's
// years); a total row ends a run. Without the column, each run of body rows.
std::vector<std::pair<size_t, size_t>> body_runs(const Table& table, std::optional<size_t> column) {
  auto key = [&](size_t r) {
    const std::vector<Cell>& cells = table.rows[r].cells;
    return column && *column < cells.size() ? cells[*column].key : std::string();
  };
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].kind != RowKind::kBody)
      continue;
    if (!runs.empty() && runs.back().second == r && key(r) == key(runs.back().first))
      ++runs.back().second;
    else
      runs.emplace_back(r, r + 1);
  }
  return runs;
}

class XlsxWriter {
 public:
  XlsxWriter(const std::string& file, std::string path, const RenderOptions& options, bool appendix)
      : book_(xlsx().workbook_new(file.c_str()), xlsx().lxw_workbook_free),
        path_(std::move(path)),
        options_(options),
        appendix_(appendix) {
    if (!book_)
      throw Error({}, msg("kan ikke skrive '{}': hukommelsen slap op",
                          "cannot write '{}': out of memory", path_));
    // A fixed creation time, so that the file does not depend on today's date.
    lxw_doc_properties properties{};
    properties.created = 946684800;  // 2000-01-01 00:00 UTC
    check(xlsx().workbook_set_properties(book_.get(), &properties));
    bold_ = xlsx().workbook_add_format(book_.get());
    xlsx().format_set_bold(bold_);
    xlsx().format_set_font_size(bold_, 13);
    italic_ = xlsx().workbook_add_format(book_.get());
    xlsx().format_set_italic(italic_);
    note_ = xlsx().workbook_add_format(book_.get());
    xlsx().format_set_text_wrap(note_);
    xlsx().format_set_align(note_, LXW_ALIGN_VERTICAL_TOP);
    for (bool right : {false, true}) {
      lxw_format* header = xlsx().workbook_add_format(book_.get());
      xlsx().format_set_bold(header);
      xlsx().format_set_bottom(header, LXW_BORDER_THIN);
      xlsx().format_set_text_wrap(header);
      xlsx().format_set_align(header, LXW_ALIGN_VERTICAL_BOTTOM);
      if (right)
        xlsx().format_set_align(header, LXW_ALIGN_RIGHT);
      header_[right] = header;
    }
  }

  // The title, the unit and price base, the header (frozen, and repeated on every printed page),
  // the body, then the notes; a chart beside the table where the table has one.
  void table(const Table& table, const std::string& name) {
    lxw_worksheet* sheet = add_sheet(name);
    std::string title = render_detail::titled(table, options_);
    check(xlsx().worksheet_write_string(sheet, kTitleRow, 0, title.c_str(), bold_));
    std::string info = info_line(table, options_);
    if (!info.empty())
      check(xlsx().worksheet_write_string(sheet, kInfoRow, 0, info.c_str(), italic_));
    std::vector<ColumnLayout> layout = column_layout(table, options_);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& column = table.columns[i];
      lxw_format* header = header_[render_detail::numeric(column) ? 1 : 0];
      check(xlsx().worksheet_write_string(sheet, kHeaderRow, col(i), column.label.c_str(), header));
    }
    size_t header_lines = 1;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      header_lines = std::max(header_lines,
                              wrapped_lines(table.columns[i].label, layout[i].width, kBoldLetters));
    }
    set_height(sheet, kHeaderRow, header_lines);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Row& row = table.rows[r];
      bool bold = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
      size_t lines = 1;
      for (size_t i = 0; i < row.cells.size() && i < table.columns.size(); ++i) {
        write_cell(sheet, body_row(r), col(i), row.cells[i], table.columns[i], bold,
                   layout[i].wrap);
        if (layout[i].wrap) {
          lines = std::max(lines, wrapped_lines(row.cells[i].text, layout[i].width,
                                                bold ? kBoldLetters : kBodyLetters));
        }
      }
      set_height(sheet, body_row(r), lines);
    }
    size_t total_width = 0;
    for (size_t i = 0; i < layout.size(); ++i) {
      total_width += layout[i].width;
      check(xlsx().worksheet_set_column(sheet, col(i), col(i), static_cast<double>(layout[i].width),
                                        nullptr));
    }
    notes(sheet, table.notes, body_row(table.rows.size()) + 1, layout.size(), total_width);
    xlsx().worksheet_freeze_panes(sheet, kBodyRow, 0);
    page_setup(sheet, table.title.empty() ? name : table.title, table.stamp, true);
    if (table.id == "cost")
      cost_chart(sheet, name, table);
    else if (table.id == "projection")
      projection_chart(sheet, name, table);
    else if (table.id == "tornado")
      tornado_chart(sheet, name, table);
  }

  // The full stamp of every table, once for each different stamp. Each table's notes are on its
  // own sheet.
  void stamp(const std::vector<Table>& tables, const std::string& name) {
    lxw_worksheet* sheet = add_sheet(name);
    std::vector<std::string> stamps;
    for (const Table& table : tables) {
      std::string stamp = stamp_line(table.stamp, options_.lang);
      if (std::find(stamps.begin(), stamps.end(), stamp) == stamps.end())
        stamps.push_back(stamp);
    }
    size_t width = kMinWidth;
    for (const std::string& stamp : stamps)
      width = std::max(width, std::min(code_points(stamp) + 2, kWideWidth));
    for (size_t i = 0; i < stamps.size(); ++i) {
      auto row = static_cast<lxw_row_t>(i);
      check(xlsx().worksheet_write_string(sheet, row, 0, stamps[i].c_str(), note_));
      set_height(sheet, row, wrapped_lines(stamps[i], width, kBodyLetters));
    }
    check(xlsx().worksheet_set_column(sheet, 0, 0, static_cast<double>(width), nullptr));
    page_setup(sheet, name, tables.empty() ? Stamp{} : tables.front().stamp, false);
  }

  // workbook_close() writes the file, and frees the workbook whatever happens.
  void close() { check(xlsx().workbook_close(book_.release())); }

 private:
  static lxw_col_t col(size_t index) { return static_cast<lxw_col_t>(index); }
  static lxw_row_t body_row(size_t index) { return static_cast<lxw_row_t>(kBodyRow + index); }

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

  // A4 landscape, one page wide; the title (and "Bilag" in the report) at the top of every page,
  // the stamp's short form and "Side 2 af 5" at the bottom.
  void page_setup(lxw_worksheet* sheet, const std::string& title, const Stamp& stamp,
                  bool repeat_header) {
    xlsx().worksheet_set_landscape(sheet);
    xlsx().worksheet_set_paper(sheet, kPaperA4);
    xlsx().worksheet_fit_to_pages(sheet, 1, 0);
    xlsx().worksheet_set_margins(sheet, kMarginSide, kMarginSide, kMarginTopBottom,
                                 kMarginTopBottom);
    if (repeat_header)
      check(xlsx().worksheet_repeat_rows(sheet, kHeaderRow, kHeaderRow));
    lxw_header_footer_options margins{};
    margins.margin = kHeaderMargin;
    std::string header = "&L" + header_text(cut(title, kMaxHeaderText));
    if (appendix_)
      header += "&R" + in_lang(options_.lang, "Bilag", "Appendix");
    check(xlsx().worksheet_set_header_opt(sheet, header.c_str(), &margins));
    std::string footer = "&L" + header_text(short_stamp(stamp, options_.lang)) + "&R" +
                         in_lang(options_.lang, "Side &P af &N", "Page &P of &N");
    check(xlsx().worksheet_set_footer_opt(sheet, footer.c_str(), &margins));
  }

  // A row of more than one line gets its height; a merged cell always does (no program fits the
  // height of a merged cell).
  void set_height(lxw_worksheet* sheet, lxw_row_t row, size_t lines, bool always = false) {
    double height = std::min(static_cast<double>(lines) * kLineHeight, kMaxRowHeight);
    if (lines > 1 || always)
      check(xlsx().worksheet_set_row(sheet, row, height, nullptr));
  }

  // Each note in a wrapped cell as wide as the table, tall enough for its lines.
  void notes(lxw_worksheet* sheet, const std::vector<std::string>& notes, lxw_row_t first,
             size_t columns, size_t width) {
    lxw_row_t row = first;
    for (const std::string& note : notes) {
      if (columns > 1) {
        check(xlsx().worksheet_merge_range(sheet, row, 0, row, col(columns - 1), note.c_str(),
                                           note_));
      } else {
        check(xlsx().worksheet_write_string(sheet, row, 0, note.c_str(), note_));
      }
      set_height(sheet, row, wrapped_lines(note, width, kBodyLetters), true);
      ++row;
    }
  }

  lxw_chart* chart(uint8_t type, const std::string& title) {
    lxw_chart* made = xlsx().workbook_add_chart(book_.get(), type);
    if (made == nullptr)
      throw Error({}, msg("kan ikke skrive '{}': hukommelsen slap op",
                          "cannot write '{}': out of memory", path_));
    xlsx().chart_title_set_name(made, title.c_str());
    xlsx().chart_legend_set_position(made, LXW_CHART_LEGEND_BOTTOM);
    return made;
  }

  // Beside the table, from its header row, one column to the right of it; libxlsxwriter's size
  // (480 x 288 pixels) scaled. A larger chart would make the page print smaller.
  void place(lxw_worksheet* sheet, const Table& table, lxw_chart* made, double x_scale = 1.0,
             double y_scale = 1.0) {
    lxw_chart_options where{};
    where.x_scale = x_scale;
    where.y_scale = y_scale;
    check(xlsx().worksheet_insert_chart_opt(sheet, kHeaderRow, col(table.columns.size() + 1), made,
                                            &where));
  }

  // A series per run of body rows (one model's years): `values` by `categories`, named by the
  // run's first cell in `names`, or by the header of `values` where there is no such column.
  void series_by_rows(lxw_chart* made, const std::string& name, const Table& table,
                      std::optional<size_t> names, size_t categories, size_t values) {
    for (auto [begin, end] : body_runs(table, names)) {
      lxw_chart_series* series = xlsx().chart_add_series(made, nullptr, nullptr);
      xlsx().chart_series_set_categories(series, name.c_str(), body_row(begin), col(categories),
                                         body_row(end - 1), col(categories));
      xlsx().chart_series_set_values(series, name.c_str(), body_row(begin), col(values),
                                     body_row(end - 1), col(values));
      if (names)
        xlsx().chart_series_set_name_range(series, name.c_str(), body_row(begin), col(*names));
      else
        xlsx().chart_series_set_name_range(series, name.c_str(), kHeaderRow, col(values));
    }
  }

  void money_axis(lxw_chart_axis* axis) {
    xlsx().chart_axis_set_num_format(axis, money_format(options_.unit).c_str());
    xlsx().chart_axis_set_name(axis, unit_name(options_.unit, options_.lang).c_str());
  }

  // The cost tables. With a column per year: a series per total row (each model's net total),
  // named by its model, or else by the row's label left of the years, which also names the chart
  // ("Netto i alt pr. år"). With a row per year (--by year): each model's net column by year.
  void cost_chart(lxw_worksheet* sheet, const std::string& name, const Table& table) {
    std::optional<size_t> model = column_index(table, "model");
    std::optional<size_t> year = column_index(table, "year");
    std::optional<size_t> net = column_index(table, "net");
    if (year && net) {
      if (body_runs(table, model).empty())
        return;
      std::string what = table.columns[*net].label;
      lxw_chart* made =
          chart(LXW_CHART_COLUMN, msg("{} pr. år", "{} per year", what).in(options_.lang));
      series_by_rows(made, name, table, model, *year, *net);
      money_axis(made->y_axis);
      place(sheet, table, made);
      return;
    }
    std::vector<size_t> years;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (is_year(table.columns[i]))
        years.push_back(i);
    }
    std::vector<size_t> totals;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      if (table.rows[r].kind == RowKind::kTotal)
        totals.push_back(r);
    }
    if (years.empty() || totals.empty() || years.back() - years.front() + 1 != years.size())
      return;
    size_t label = model.value_or(years.front() > 0 ? years.front() - 1 : 0);
    std::string what;
    const Row& first = table.rows[totals.front()];
    if (years.front() > 0 && years.front() - 1 < first.cells.size())
      what = first.cells[years.front() - 1].text;
    std::string title =
        what.empty() ? table.title : msg("{} pr. år", "{} per year", what).in(options_.lang);
    lxw_chart* made = chart(LXW_CHART_COLUMN, title);
    for (size_t r : totals) {
      lxw_chart_series* series = xlsx().chart_add_series(made, nullptr, nullptr);
      xlsx().chart_series_set_categories(series, name.c_str(), kHeaderRow, col(years.front()),
                                         kHeaderRow, col(years.back()));
      xlsx().chart_series_set_values(series, name.c_str(), body_row(r), col(years.front()),
                                     body_row(r), col(years.back()));
      xlsx().chart_series_set_name_range(series, name.c_str(), body_row(r), col(label));
    }
    money_axis(made->y_axis);
    place(sheet, table, made);
  }

  // The NEET projection: a line per model, the share by year.
  void projection_chart(lxw_worksheet* sheet, const std::string& name, const Table& table) {
    std::optional<size_t> model = column_index(table, "model");
    std::optional<size_t> year = column_index(table, "year");
    std::optional<size_t> share = column_index(table, "share");
    if (!year || !share || body_runs(table, model).empty())
      return;
    lxw_chart* made = chart(LXW_CHART_LINE, table.columns[*share].label);
    series_by_rows(made, name, table, model, *year, *share);
    xlsx().chart_axis_set_num_format(made->y_axis, grouped(1).c_str());
    place(sheet, table, made);
  }

  // A tornado: each input's result at its low and at its high value, the widest swing at the
  // top. The value axis starts below the lowest result, so that the differences show; it is set
  // from the figures as written.
  void tornado_chart(lxw_worksheet* sheet, const std::string& name, const Table& table) {
    std::optional<size_t> input = column_index(table, "input");
    std::optional<size_t> at_low = column_index(table, "at_low");
    std::optional<size_t> at_high = column_index(table, "at_high");
    if (!input || !at_low || !at_high || table.rows.empty())
      return;
    lxw_chart* made = chart(LXW_CHART_BAR, table.title);
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -lowest;
    for (size_t column : {*at_low, *at_high}) {
      lxw_chart_series* series = xlsx().chart_add_series(made, nullptr, nullptr);
      xlsx().chart_series_set_categories(series, name.c_str(), kBodyRow, col(*input),
                                         body_row(table.rows.size() - 1), col(*input));
      xlsx().chart_series_set_values(series, name.c_str(), kBodyRow, col(column),
                                     body_row(table.rows.size() - 1), col(column));
      xlsx().chart_series_set_name_range(series, name.c_str(), kHeaderRow, col(column));
      for (const Row& row : table.rows) {
        if (column < row.cells.size() && row.cells[column].number) {
          lowest = std::min(lowest, *row.cells[column].number);
          highest = std::max(highest, *row.cells[column].number);
        }
      }
    }
    // For a bar chart, libxlsxwriter's x axis is the horizontal one, the values.
    if (lowest > 0 && highest - lowest < lowest) {
      double step = std::pow(10.0, std::floor(std::log10(std::max(highest - lowest, 1e-9))));
      xlsx().chart_axis_set_min(made->x_axis, std::floor((lowest - step / 2) / step) * step);
    }
    xlsx().chart_axis_set_reverse(made->y_axis);  // the first row at the top
    bool money = table.columns[*at_low].type == ColumnType::kMoney;
    xlsx().chart_axis_set_num_format(
        made->x_axis,
        (money ? money_format(options_.unit) : grouped(table.columns[*at_low].decimals)).c_str());
    // Wider for the inputs' names, and about 24 pixels a bar pair high.
    double bars = static_cast<double>(table.rows.size());
    place(sheet, table, made, 1.25, std::max(1.0, (bars * 24 + 110) / 288));
  }

  // Formats belong to the workbook; one per number format, weight and wrapping is enough. Body
  // cells sit at the top of their row, which a wrapped cell beside them may make tall.
  lxw_format* format(const std::string& code, bool bold, bool wrap) {
    lxw_format*& slot = formats_[{code, bold, wrap}];
    if (slot == nullptr) {
      slot = xlsx().workbook_add_format(book_.get());
      if (!code.empty())
        xlsx().format_set_num_format(slot, code.c_str());
      if (bold)
        xlsx().format_set_bold(slot);
      if (wrap)
        xlsx().format_set_text_wrap(slot);
      xlsx().format_set_align(slot, LXW_ALIGN_VERTICAL_TOP);
    }
    return slot;
  }

  void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Cell& cell,
                  const Column& of, bool bold, bool wrap) {
    ColumnType type = type_of(cell, of);
    if (type != ColumnType::kText && cell.number) {
      lxw_format* shown =
          format(number_format(type, decimals_of(cell, of), options_.unit), bold, false);
      check(xlsx().worksheet_write_number(sheet, row, column, *cell.number, shown));
    } else if (!cell.text.empty()) {
      check(xlsx().worksheet_write_string(sheet, row, column, cell.text.c_str(),
                                          format("", bold, wrap)));
    }
  }

  std::unique_ptr<lxw_workbook, decltype(&::lxw_workbook_free)> book_;
  std::string path_;
  const RenderOptions& options_;
  bool appendix_ = false;
  std::map<std::tuple<std::string, bool, bool>, lxw_format*> formats_;
  lxw_format* bold_ = nullptr;                  // the title
  lxw_format* italic_ = nullptr;                // the unit and price base
  lxw_format* note_ = nullptr;                  // wrapped, at the top of its cell
  lxw_format* header_[2] = {nullptr, nullptr};  // text, numbers (right-aligned)
};

}  // namespace

namespace render_detail {

std::vector<std::string> sheet_names(const std::vector<Table>& tables, Lang lang) {
  std::string stamp = in_lang(lang, "Stempel", "Stamp");
  std::set<std::string> used = {fold(stamp), "history"};  // Excel keeps "History" for itself
  std::vector<std::string> names;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string base = short_sheet_name(tables[i], lang);
    if (base.empty())
      base = clean_sheet_name(tables[i].title);
    if (base.empty())
      base = clean_sheet_name(tables[i].id);
    if (base.empty())
      base = in_lang(lang, "Tabel {}", "Table {}", i + 1);
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
  // The report is an appendix, and says so at the top of every page.
  bool appendix = std::any_of(tables.begin(), tables.end(),
                              [](const Table& table) { return table.id == "stamp"; });
  XlsxWriter book(file.temp_name(), path, options, appendix);
  for (size_t i = 0; i < tables.size(); ++i)
    book.table(tables[i], names[i]);
  book.stamp(tables, names.back());
  book.close();
  file.commit();
}

}  // namespace ungegaranti
