// The pure parts of the Word appendix: escaping, and how wide each column must be. Word lays the
// text out itself, so widths are estimated from Arial's font metrics (Liberation Sans, which
// LibreOffice puts in its place, has the same advance widths) rather than measured.
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "ungegaranti/render/docx.hpp"

namespace ungegaranti::render_detail {
namespace {

// Advance widths of Arial (regular) for ' ' (32) to '~' (126), in thousandths of an em.
constexpr std::array<int, 95> kAscii = {
    278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' '../
    556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @..O
    667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P.._
    333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // `..o
    556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};      // p..~

constexpr int kOther = 600;  // a character outside the table

// The width of one code point, in thousandths of an em.
int advance(char32_t c) {
  if (c >= 32 && c <= 126)
    return kAscii[c - 32];
  switch (c) {
    case U'æ':
      return 889;
    case U'Æ':
      return 1000;
    case U'ø':
    case U'å':
    case U'é':
      return 556;
    case U'Ø':
      return 778;
    case U'Å':
      return 667;
    case U'·':
      return 278;
    case U'\u200B':  // zero-width space: a break point (breakable_text)
      return 0;
    case U'—':
      return 1000;
    case U'–':
      return 556;
    default:
      return kOther;
  }
}

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes one UTF-8 character at `i` and moves past it; an invalid byte is kInvalid.
char32_t next_char(std::string_view text, size_t& i) {
  auto lead = static_cast<unsigned char>(text[i]);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return kInvalid;
  }
  char32_t c = length == 1 ? char32_t{lead} : static_cast<char32_t>(lead & (0x7Fu >> length));
  for (size_t k = 1; k < length; ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    c = (c << 6) | (b & 0x3F);
  }
  i += length;
  bool overlong = (length == 2 && c < 0x80) || (length == 3 && c < 0x800) ||
                  (length == 4 && (c < 0x10000 || c > 0x10FFFF));
  return overlong ? kInvalid : c;
}

bool allowed_in_xml(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// The widest piece of `text` between break points (spaces and U+200B).
int widest_word(std::string_view text, double points, bool bold) {
  int widest = 0;
  size_t start = 0;
  std::string_view zwsp = "\u200B";
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    size_t zero = text.find(zwsp, start);
    size_t end = std::min({space, zero, text.size()});
    widest = std::max(widest, text_twips(text.substr(start, end - start), points, bold));
    start = end + (end == zero && zero != std::string_view::npos ? zwsp.size() : 1);
  }
  return widest;
}

}  // namespace

std::string docx_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t from = i;
    char32_t c = next_char(text, i);
    if (!allowed_in_xml(c))
      continue;  // a control character, or invalid UTF-8 (kInvalid)
    switch (c) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      default:
        out.append(text.substr(from, i - from));
    }
  }
  return out;
}

int text_twips(std::string_view text, double points, bool bold) {
  long milli_em = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = next_char(text, i);
    milli_em += c == kInvalid ? kOther : advance(c);
  }
  // points * 20 twips per em; bold Arial is about 7 % wider.
  double twips = static_cast<double>(milli_em) * points * 20.0 / 1000.0 * (bold ? 1.07 : 1.0);
  return static_cast<int>(std::ceil(twips - 1e-9));
}

std::string breakable_text(std::string_view text) {
  constexpr size_t kLong = 20;
  std::string out;
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find(' ', start), text.size());
    std::string_view word = text.substr(start, end - start);
    for (size_t i = 0; i < word.size(); ++i) {
      out += word[i];
      if (word.size() > kLong && i + 1 < word.size() &&
          std::string_view("./_?&=-").find(word[i]) != std::string_view::npos)
        out += "\u200B";
    }
    if (end < text.size())
      out += ' ';
    start = end + 1;
  }
  return out;
}

std::vector<ColumnWidth> measure_columns(const Table& table, const RenderOptions& options,
                                         double points) {
  constexpr int kPad = 2 * kCellMargin + kCellSlack;
  std::vector<ColumnWidth> widths;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const Column& column = table.columns[i];
    ColumnWidth w{widest_word(column.label, points, true), text_twips(column.label, points, true)};
    for (const Row& row : table.rows) {
      if (i >= row.cells.size())
        continue;
      bool bold = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
      const Cell& cell = row.cells[i];
      std::string shown = display(cell, column, options);
      if (type_of(cell, column) != ColumnType::kText || numeric(column)) {
        int whole = text_twips(shown, points, bold);  // a number is never broken
        w.min = std::max(w.min, whole);
        w.want = std::max(w.want, whole);
      } else {
        std::string text = breakable_text(shown);
        w.min = std::max(w.min, widest_word(text, points, bold));
        w.want = std::max(w.want, text_twips(text, points, bold));
      }
    }
    widths.push_back({w.min + kPad, w.want + kPad});
  }
  return widths;
}

std::vector<int> fit_columns(const std::vector<ColumnWidth>& columns, int available) {
  long min = 0, want = 0;
  for (const ColumnWidth& c : columns) {
    min += c.min;
    want += c.want;
  }
  std::vector<int> widths;
  for (const ColumnWidth& c : columns) {
    if (want <= available) {
      widths.push_back(c.want);
    } else if (min <= available) {
      long share = (available - min) * (c.want - c.min) / (want - min);
      widths.push_back(c.min + static_cast<int>(share));
    } else {
      widths.push_back(static_cast<int>(long{c.min} * available / min));
    }
  }
  return widths;
}

TableLayout layout_table(const Table& table, const RenderOptions& options) {
  double base = table.id == "assumptions" ? 7.0 : 8.0;
  auto min_of = [](const std::vector<ColumnWidth>& columns) {
    return std::accumulate(columns.begin(), columns.end(), 0L,
                           [](long sum, const ColumnWidth& c) { return sum + c.min; });
  };
  std::vector<ColumnWidth> columns = measure_columns(table, options, base);
  if (min_of(columns) <= kPortraitText)
    return {false, base, fit_columns(columns, kPortraitText)};
  double smallest = 6.5;
  for (double points : {base, 7.0, smallest}) {
    if (points > base)
      continue;
    columns = measure_columns(table, options, points);
    if (min_of(columns) <= kLandscapeText || points == smallest)
      return {true, points, fit_columns(columns, kLandscapeText)};
  }
  return {true, smallest, fit_columns(columns, kLandscapeText)};  // not reached
}

}  // namespace ungegaranti::render_detail
