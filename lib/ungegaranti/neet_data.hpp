#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

/// Where the comparison data comes from: each is a path, or "builtin:<file name>" for the copy of
/// scenarios/data/<file name> compiled into the library.
struct ComparisonFiles {
  std::string shares;    // NEET share per municipality and year (neet_16_24_kommuner_*.csv layout)
  std::string groups;    // municipality groups (kommuner_dst_kommunegrupper.csv layout)
  std::string national;  // national series (neet_16_24_hele_landet_*.csv layout); may be empty
  bool operator==(const ComparisonFiles&) const = default;
};

/// The default files, as the embedded scenario names them.
ComparisonFiles builtin_comparison_files();

struct Municipality {
  int code = 0;  // DST kommunekode
  std::string name;
  int group = 0;  // DST kommunegruppe (1-5)
  std::string group_name;
  bool operator==(const Municipality&) const = default;
};

/// Validated comparison data: every municipality of the groups file has a share for every year.
struct NeetData {
  std::vector<Municipality> municipalities;   // in the order of the groups file
  std::vector<int> years;                     // ascending, no gaps
  std::map<int, std::vector<double>> shares;  // kommunekode -> share in percent, per year
  std::vector<double> national;               // percent per year; empty without a national file
  std::string vintage;                        // e.g. "DST NEET3 (16-24 år), 2010-2024"
  std::string content_hash;                   // text_hash() of the files' texts, for stamps
  bool operator==(const NeetData&) const = default;

  const Municipality* municipality(int code) const;
  /// The share (percent) of `code` in `year`; both must exist.
  double share(int code, int year) const;
};

/// Reads and checks the three CSV files (docs/data.md gives the layout). Throws Error, with
/// file:line where a row is at fault, for: a malformed row or header, a kommunekode that is in one
/// file but not the other, a duplicate row, a missing year for a municipality, a share outside
/// 0-100, or an empty file.
NeetData load_neet_data(const ComparisonFiles& files);

/// As load_neet_data(), from texts in memory reported under the given names (for tests).
NeetData parse_neet_data(std::string_view shares_csv, const std::string& shares_name,
                         std::string_view groups_csv, const std::string& groups_name,
                         std::string_view national_csv = {}, const std::string& national_name = {});

/// The text of an embedded data file ("builtin:<name>"), or throws Error if there is none.
std::string_view builtin_data_text(std::string_view name);

}  // namespace ungegaranti
