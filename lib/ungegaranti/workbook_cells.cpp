#include <fmt/format.h>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/workbook_detail.hpp"

namespace ungegaranti::workbook_detail {
namespace {

std::string quoted(const std::string& sheet) {
  std::string out = "'";
  for (char c : sheet)
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string grouped(int decimals) {
  if (decimals == kAsNeeded)
    return "";
  return decimals > 0 ? "#,##0." + std::string(static_cast<size_t>(decimals), '0') : "#,##0";
}

// Excel compares names without case.
std::string fold(std::string text) {
  for (char& c : text)
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return text;
}

}  // namespace

std::string column_letters(int column) {
  std::string letters;
  for (int c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters;
}

std::string cell(int row, int column) { return column_letters(column) + std::to_string(row + 1); }

std::string absolute(int row, int column) {
  return "$" + column_letters(column) + "$" + std::to_string(row + 1);
}

std::string on(const std::string& sheet, int row, int column) {
  return quoted(sheet) + "!" + absolute(row, column);
}

std::string format_of(const Cell& c, const Column& column) {
  return type_of(c, column) == ColumnType::kMoney ? "#,##0" : grouped(decimals_of(c, column));
}

std::string sum_of(const std::string& sheet, std::vector<int> rows, int column) {
  if (rows.empty())
    return "0";
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> parts;
  for (size_t i = 0; i < rows.size();) {
    size_t j = i;
    while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
      ++j;
    std::string part = on(sheet, rows[i], column);
    if (j > i)
      part += ":" + absolute(rows[j], column);
    parts.push_back(part);
    i = j + 1;
  }
  // Excel takes at most 255 arguments per function: longer lists become sums of SUMs.
  std::string out;
  for (size_t i = 0; i < parts.size(); i += 200) {
    std::string chunk;
    for (size_t k = i; k < std::min(parts.size(), i + 200); ++k)
      chunk += (chunk.empty() ? "" : ",") + parts[k];
    out += (out.empty() ? "SUM(" : "+SUM(") + chunk + ")";
  }
  return out;
}

Inputs::Inputs(const Scenario& s) {
  price_base_.value = s.price_base;
  price_base_.unit = "year";
  price_base_.path = "price_base";
  price_base_.source = "scenario: price_base";
}

std::string Inputs::operator()(const Quantity& q) {
  if (q.path.empty())
    return fmt::format("{:.17g}", q.value);
  auto it = names_.find(q.path);
  if (it != names_.end())
    return it->second;
  std::string name = input_name(q.path);
  std::string folded = fold(name);
  for (int n = 2; taken_.count(folded) > 0; ++n) {
    name = fmt::format("{}_{}", input_name(q.path), n);
    folded = fold(name);
  }
  taken_.insert(folded);
  used_.push_back(&q);
  return names_[q.path] = name;
}

std::vector<const Quantity*> Inputs::used(const Scenario& s) const {
  std::vector<const Quantity*> out;
  std::set<std::string> seen;
  auto add = [&](const Quantity* q) {
    if (names_.count(q->path) > 0 && seen.insert(q->path).second)
      out.push_back(q);
  };
  add(&price_base_);
  for (const Quantity* q : all_quantities(s))
    add(q);
  for (const Quantity* q : used_)  // any the register does not list
    add(q);
  return out;
}

}  // namespace ungegaranti::workbook_detail
