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
  decltype(&::lxw_strerror) lxw_strerror = nullptr;
  decltype(&::lxw_workbook_free) lxw_workbook_free = nullptr;
};

// The library by its soname (package libxlsxwriter4 on Debian 12); Error when it is missing.
const XlsxLibrary& xlsx();

}  // namespace ungegaranti::render_detail
