#pragma once

// What the two workbook writers share (xlsx.cpp, the tables; xlsx_live.cpp, the live model):
// libxlsxwriter opened with dlopen(), and the atomic write. Only files in render/ include this.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "ungegaranti/error.hpp"

namespace ungegaranti::render_detail {

// libxlsxwriter pulls in libcrypto, minizip and zlib, which cost every run of the tool about a
// millisecond to load. It is therefore opened only when a workbook is written.
struct XlsxLibrary {
  decltype(&::workbook_new) workbook_new = nullptr;
  decltype(&::workbook_add_format) workbook_add_format = nullptr;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet = nullptr;
  decltype(&::workbook_close) workbook_close = nullptr;
  decltype(&::workbook_set_properties) workbook_set_properties = nullptr;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes = nullptr;
  decltype(&::worksheet_set_column) worksheet_set_column = nullptr;
  decltype(&::worksheet_write_number) worksheet_write_number = nullptr;
  decltype(&::worksheet_write_string) worksheet_write_string = nullptr;
  decltype(&::format_set_align) format_set_align = nullptr;
  decltype(&::format_set_bold) format_set_bold = nullptr;
  decltype(&::format_set_bottom) format_set_bottom = nullptr;
  decltype(&::format_set_num_format) format_set_num_format = nullptr;
  decltype(&::workbook_define_name) workbook_define_name = nullptr;
  decltype(&::worksheet_write_formula_num) worksheet_write_formula_num = nullptr;
  decltype(&::worksheet_write_formula_str) worksheet_write_formula_str = nullptr;
  decltype(&::worksheet_protect) worksheet_protect = nullptr;
  decltype(&::format_set_unlocked) format_set_unlocked = nullptr;
  decltype(&::format_set_pattern) format_set_pattern = nullptr;
  decltype(&::format_set_bg_color) format_set_bg_color = nullptr;
  decltype(&::format_set_font_color) format_set_font_color = nullptr;
  decltype(&::format_set_text_wrap) format_set_text_wrap = nullptr;
  decltype(&::format_set_italic) format_set_italic = nullptr;
  decltype(&::format_set_font_size) format_set_font_size = nullptr;
  decltype(&::worksheet_set_landscape) worksheet_set_landscape = nullptr;
  decltype(&::worksheet_set_paper) worksheet_set_paper = nullptr;
  decltype(&::worksheet_fit_to_pages) worksheet_fit_to_pages = nullptr;
  decltype(&::worksheet_repeat_rows) worksheet_repeat_rows = nullptr;
  decltype(&::worksheet_set_margins) worksheet_set_margins = nullptr;
  decltype(&::worksheet_set_header_opt) worksheet_set_header_opt = nullptr;
  decltype(&::worksheet_set_footer_opt) worksheet_set_footer_opt = nullptr;
  decltype(&::worksheet_set_row) worksheet_set_row = nullptr;
  decltype(&::worksheet_merge_range) worksheet_merge_range = nullptr;
  decltype(&::worksheet_insert_chart_opt) worksheet_insert_chart_opt = nullptr;
  decltype(&::workbook_add_chart) workbook_add_chart = nullptr;
  decltype(&::chart_add_series) chart_add_series = nullptr;
  decltype(&::chart_series_set_categories) chart_series_set_categories = nullptr;
  decltype(&::chart_series_set_values) chart_series_set_values = nullptr;
  decltype(&::chart_series_set_name_range) chart_series_set_name_range = nullptr;
  decltype(&::chart_title_set_name) chart_title_set_name = nullptr;
  decltype(&::chart_axis_set_name) chart_axis_set_name = nullptr;
  decltype(&::chart_axis_set_num_format) chart_axis_set_num_format = nullptr;
  decltype(&::chart_axis_set_min) chart_axis_set_min = nullptr;
  decltype(&::chart_axis_set_reverse) chart_axis_set_reverse = nullptr;
  decltype(&::chart_legend_set_position) chart_legend_set_position = nullptr;
  decltype(&::lxw_strerror) lxw_strerror = nullptr;
  decltype(&::lxw_workbook_free) lxw_workbook_free = nullptr;
};

// The library by its soname (package libxlsxwriter4 on Debian 12); Error when it is missing.
const XlsxLibrary& xlsx();

}  // namespace ungegaranti::render_detail
