// The live workbook through libxlsxwriter (opened with dlopen(), as in xlsx.cpp). The workbook
// arrives as plain data (workbook.cpp); this file only maps its cells, styles and names to
// libxlsxwriter calls.
#include "ungegaranti/render/xlsx_live.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <utility>

#include "ungegaranti/error.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/render/xlsx_detail.hpp"

namespace ungegaranti {
namespace {

using render_detail::xlsx;

constexpr lxw_color_t kInputFill = 0xFFF2CC;  // pale yellow: the cells a user may change
constexpr lxw_color_t kInputFont = 0x0000FF;  // blue, as inputs are in budget models
constexpr lxw_color_t kWarningFont = 0xC00000;
constexpr uint8_t kPaperA4 = 9;

class LiveWriter {
 public:
  LiveWriter(const std::string& file, std::string path)
      : book_(xlsx().workbook_new(file.c_str()), xlsx().lxw_workbook_free), path_(std::move(path)) {
    if (!book_)
      throw Error({}, msg("kan ikke skrive '{}': hukommelsen slap op",
                          "cannot write '{}': out of memory", path_));
    lxw_doc_properties properties{};
    properties.created = 946684800;  // 2000-01-01 00:00 UTC: the file does not depend on today
    check(xlsx().workbook_set_properties(book_.get(), &properties));
  }

  void sheet(const LiveSheet& live) {
    lxw_worksheet* sheet = xlsx().workbook_add_worksheet(book_.get(), live.name.c_str());
    if (sheet == nullptr)
      throw Error({}, msg("kan ikke skrive '{}': ugyldigt arknavn '{}'",
                          "cannot write '{}': invalid sheet name '{}'", path_, live.name));
    for (const LiveCell& cell : live.cells)
      write(sheet, live.name, cell);
    for (size_t c = 0; c < live.widths.size(); ++c) {
      auto column = static_cast<lxw_col_t>(c);
      check(xlsx().worksheet_set_column(sheet, column, column, live.widths[c], nullptr));
    }
    if (live.freeze_rows > 0)
      xlsx().worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(live.freeze_rows), 0);
    print_setup(sheet, live);
    // Structure and formulas are locked; the input cells are unlocked by their format. Columns
    // and rows may still be resized.
    lxw_protection options{};
    options.format_columns = 1;
    options.format_rows = 1;
    xlsx().worksheet_protect(sheet, nullptr, &options);
  }

  void name(const std::string& name, const std::string& formula) {
    check(xlsx().workbook_define_name(book_.get(), name.c_str(), formula.c_str()));
  }

  void close() { check(xlsx().workbook_close(book_.release())); }

 private:
  // Printed as the tables' workbook is (render/xlsx.cpp): A4 landscape, one page wide, the
  // header row above the frozen rows repeated on every page. The writer knows no language, so
  // the page header is the sheet's name ("&A") and the footer "2 / 5".
  void print_setup(lxw_worksheet* sheet, const LiveSheet& live) {
    xlsx().worksheet_set_landscape(sheet);
    xlsx().worksheet_set_paper(sheet, kPaperA4);
    xlsx().worksheet_fit_to_pages(sheet, 1, 0);
    xlsx().worksheet_set_margins(sheet, 0.4, 0.4, 0.75, 0.75);
    if (live.freeze_rows > 0) {
      auto header = static_cast<lxw_row_t>(live.freeze_rows - 1);
      check(xlsx().worksheet_repeat_rows(sheet, header, header));
    }
    lxw_header_footer_options margins{};
    margins.margin = 0.3;
    check(xlsx().worksheet_set_header_opt(sheet, "&L&A", &margins));
    check(xlsx().worksheet_set_footer_opt(sheet, "&R&P / &N", &margins));
  }

  void check(lxw_error error) const {
    if (error == LXW_NO_ERROR)
      return;
    std::string reason = xlsx().lxw_strerror(error);
    if (reason.ends_with('.'))
      reason.pop_back();
    throw Error({}, msg("kan ikke skrive '{}': {}", "cannot write '{}': {}", path_, reason));
  }

  void write(lxw_worksheet* sheet, const std::string& name, const LiveCell& cell) {
    auto row = static_cast<lxw_row_t>(cell.row);
    auto column = static_cast<lxw_col_t>(cell.column);
    lxw_format* style = format(cell.style, cell.format);
    if (cell.number && !std::isfinite(*cell.number)) {
      // libxlsxwriter would write "NAN", which Excel and openpyxl refuse (TOOLCHAIN.md).
      throw Error({}, msg("kan ikke skrive '{}': arket '{}', række {}, kolonne {} er ikke et "
                          "endeligt tal",
                          "cannot write '{}': sheet '{}', row {}, column {} is not a finite number",
                          path_, name, cell.row + 1, cell.column + 1));
    }
    if (!cell.formula.empty() && cell.number) {
      check(xlsx().worksheet_write_formula_num(sheet, row, column, cell.formula.c_str(), style,
                                               *cell.number));
    } else if (!cell.formula.empty()) {
      check(xlsx().worksheet_write_formula_str(sheet, row, column, cell.formula.c_str(), style,
                                               cell.text.c_str()));
    } else if (cell.number) {
      check(xlsx().worksheet_write_number(sheet, row, column, *cell.number, style));
    } else {
      check(xlsx().worksheet_write_string(sheet, row, column, cell.text.c_str(), style));
    }
  }

  // One format per style and number format.
  lxw_format* format(LiveStyle style, const std::string& code) {
    if (style == LiveStyle::kPlain && code.empty())
      return nullptr;
    lxw_format*& slot = formats_[{style, code}];
    if (slot != nullptr)
      return slot;
    slot = xlsx().workbook_add_format(book_.get());
    if (!code.empty())
      xlsx().format_set_num_format(slot, code.c_str());
    switch (style) {
      case LiveStyle::kPlain:
        break;
      case LiveStyle::kTitle:
      case LiveStyle::kBold:
        xlsx().format_set_bold(slot);
        break;
      case LiveStyle::kHeader:
        xlsx().format_set_bold(slot);
        xlsx().format_set_bottom(slot, LXW_BORDER_THIN);
        break;
      case LiveStyle::kInput:
        xlsx().format_set_unlocked(slot);
        xlsx().format_set_pattern(slot, LXW_PATTERN_SOLID);
        xlsx().format_set_bg_color(slot, kInputFill);
        xlsx().format_set_font_color(slot, kInputFont);
        break;
      case LiveStyle::kWarning:
        xlsx().format_set_bold(slot);
        xlsx().format_set_font_color(slot, kWarningFont);
        break;
    }
    return slot;
  }

  std::unique_ptr<lxw_workbook, decltype(&::lxw_workbook_free)> book_;
  std::string path_;
  std::map<std::pair<LiveStyle, std::string>, lxw_format*> formats_;
};

}  // namespace

void write_live_xlsx(const LiveWorkbook& workbook, const std::string& path) {
  OutputFile file(path);  // checks the target as every -o does, and removes the file on failure
  LiveWriter writer(file.temp_name(), path);
  for (const LiveSheet& sheet : workbook.sheets)
    writer.sheet(sheet);
  for (const auto& [name, formula] : workbook.names)
    writer.name(name, formula);
  writer.close();
  file.commit();
}

}  // namespace ungegaranti
