#include "ungegaranti/neet_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "test_util.hpp"

using ungegaranti::ComparisonFiles;
using ungegaranti::Error;
using ungegaranti::load_neet_data;
using ungegaranti::NeetData;
using ungegaranti::parse_neet_data;

namespace {

// Three municipalities, two years. Line numbers matter to the expected messages.
const std::string kGroups =
    "kommunekode,kommune,dst_kommunegruppe_kode,dst_kommunegruppe\n"  // 1
    "101,København,1,Hovedstadskommuner\n"                            // 2
    "707,Norddjurs,5,Landkommuner\n"                                  // 3
    "741,Samsø,5,Landkommuner\n";                                     // 4

const std::string kShares =
    "kommunekode,kommune,aar,neet_andel_pct_16_24,source_url\n"  // 1
    "101,København,2010,11.23,x\n"                               // 2
    "101,København,2011,10.52,x\n"                               // 3
    "707,Norddjurs,2010,12.5,x\n"                                // 4
    "707,Norddjurs,2011,13,x\n"                                  // 5
    "741,Samsø,2010,8,x\n"                                       // 6
    "741,Samsø,2011,9.25,x\n";                                   // 7

const std::string kNational =
    "omraade,aar,neet_andel_pct_16_24\n"  // 1
    "Hele landet,2010,11.04\n"            // 2
    "Hele landet,2011,10.62\n";           // 3

enum class In { kSharesFile, kGroupsFile, kNationalFile };

// The three texts, one of them with the first `from` replaced by `to` (all of it when `from` is
// empty).
struct Texts {
  std::string shares = kShares, groups = kGroups, national = kNational;

  Texts(In in = In::kSharesFile, const std::string& from = {}, const std::string& to = {},
        bool edit = false) {
    if (!edit)
      return;
    std::string& text = in == In::kSharesFile ? shares : in == In::kGroupsFile ? groups : national;
    if (from.empty()) {
      text = to;
      return;
    }
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }

  NeetData parse() const {
    return parse_neet_data(shares, "s.csv", groups, "g.csv", national, "n.csv");
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string with_bom_and_crlf(const std::string& text) {
  std::string out = "\xEF\xBB\xBF";
  for (char c : text)
    out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

// The data without the hash of the texts it was read from, which differs with every byte.
ungegaranti::NeetData without_hash(ungegaranti::NeetData data) {
  data.content_hash.clear();
  return data;
}

}  // namespace

TEST_CASE("the builtin comparison data: 98 municipalities x 2010-2024") {
  // Expected values read by hand from the shared data folder (see scenarios/data/README.md).
  NeetData d = load_neet_data(ungegaranti::builtin_comparison_files());
  CHECK(d.municipalities.size() == 98);
  REQUIRE(d.years.size() == 15);
  CHECK(d.years.front() == 2010);
  CHECK(d.years.back() == 2024);
  CHECK(d.shares.size() == 98);
  for (const ungegaranti::Municipality& m : d.municipalities) {
    CAPTURE(m.code);
    CHECK(d.shares.at(m.code).size() == 15);
  }
  CHECK(d.share(707, 2024) == 10.94);
  CHECK(d.share(707, 2023) == 12.63);
  CHECK(d.share(101, 2010) == 11.23);
  CHECK(d.share(860, 2024) == 10.91);
  REQUIRE(d.municipality(707) != nullptr);
  CHECK(*d.municipality(707) == ungegaranti::Municipality{707, "Norddjurs", 5, "Landkommuner"});
  CHECK(d.municipality(999) == nullptr);
  CHECK(d.municipalities.front().name == "København");
  auto in_group_5 = [](const ungegaranti::Municipality& m) { return m.group == 5; };
  CHECK(std::count_if(d.municipalities.begin(), d.municipalities.end(), in_group_5) == 31);
  REQUIRE(d.national.size() == 15);
  CHECK(d.national[2010 - 2010] == 11.04);
  CHECK(d.national[2023 - 2010] == 9.64);
  CHECK(d.national[2024 - 2010] == 9.14);
  CHECK(d.vintage == "DST NEET3 (16-24 år), 2010-2024");
}

TEST_CASE("the builtin data is scenarios/data, byte for byte") {
  ComparisonFiles builtin = ungegaranti::builtin_comparison_files();
  CHECK(builtin == ComparisonFiles{"builtin:neet_16_24_kommuner_2010_2024.csv",
                                   "builtin:kommuner_dst_kommunegrupper.csv",
                                   "builtin:neet_16_24_hele_landet_2010_2024.csv"});
  auto on_disk = [](const std::string& name) {
    return source_file("scenarios/data/" + name.substr(std::string("builtin:").size()));
  };
  for (const std::string& name : {builtin.shares, builtin.groups, builtin.national}) {
    CAPTURE(name);
    CHECK(ungegaranti::builtin_data_text(name) == read_file(on_disk(name)));
  }
  ComparisonFiles files{on_disk(builtin.shares), on_disk(builtin.groups),
                        on_disk(builtin.national)};
  CHECK(load_neet_data(files) == load_neet_data(builtin));
  // The name may be given with or without its prefix.
  CHECK(ungegaranti::builtin_data_text("kommuner_dst_kommunegrupper.csv") ==
        ungegaranti::builtin_data_text("builtin:kommuner_dst_kommunegrupper.csv"));
}

TEST_CASE("small data parse into years, shares per municipality and the national series") {
  NeetData d = Texts().parse();
  CHECK(d.years == std::vector<int>{2010, 2011});
  CHECK(d.municipalities.size() == 3);
  CHECK(d.municipalities[2] == ungegaranti::Municipality{741, "Samsø", 5, "Landkommuner"});
  CHECK(d.shares.at(707) == std::vector<double>{12.5, 13});
  CHECK(d.share(741, 2011) == 9.25);
  CHECK(d.national == std::vector<double>{11.04, 10.62});
  CHECK(d.vintage == "s.csv (16-24 år), 2010-2011");
}

TEST_CASE("accepted variations of the layout") {
  const NeetData expected = Texts().parse();
  struct Case {
    const char* name;
    Texts texts;
  };
  const Case cases[] = {
      {"rows in another order", Texts(In::kSharesFile, "",
                                      "kommunekode,kommune,aar,neet_andel_pct_16_24,source_url\n"
                                      "741,Samsø,2011,9.25,x\n"
                                      "707,Norddjurs,2011,13,x\n"
                                      "101,København,2011,10.52,x\n"
                                      "101,København,2010,11.23,x\n"
                                      "741,Samsø,2010,8,x\n"
                                      "707,Norddjurs,2010,12.5,x\n",
                                      true)},
      {"columns in another order, extra columns",
       Texts(In::kGroupsFile, "",
             "extra,dst_kommunegruppe,kommune,dst_kommunegruppe_kode,kommunekode\n"
             "e,Hovedstadskommuner,København,1,101\n"
             ",Landkommuner,Norddjurs,5,707\n"
             "e,Landkommuner,Samsø,5,741\n",
             true)},
      {"quoted fields", Texts(In::kSharesFile, "707,Norddjurs,2011,13,x",
                              "\"707\",\"Norddjurs\",\"2011\",\"13\",\"x, \"\"y\"\"\"", true)},
      {"spaces around fields",
       Texts(In::kSharesFile, "707,Norddjurs,2011,13,x", " 707 , Norddjurs,2011 ,\t13,x", true)},
      {"blank lines, no final line end",
       Texts(In::kNationalFile, "",
             "\nomraade,aar,neet_andel_pct_16_24\n\nHele landet,2010,11.04\n"
             "Hele landet,2011,10.62",
             true)},
      {"trailing commas, the last one at the end of the text",
       Texts(In::kGroupsFile, "",
             "kommunekode,kommune,dst_kommunegruppe_kode,dst_kommunegruppe,\n"
             "101,København,1,Hovedstadskommuner,\n"
             "707,Norddjurs,5,Landkommuner,\n"
             "741,Samsø,5,Landkommuner,",
             true)},
      {"a short row without the optional source column",
       Texts(In::kSharesFile, "741,Samsø,2011,9.25,x", "741,Samsø,2011,9.25", true)},
      {"national years outside the data are ignored",
       Texts(In::kNationalFile, "Hele landet,2010", "Hele landet,2009,10\nHele landet,2010", true)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(without_hash(c.texts.parse()) == without_hash(expected));
    CHECK(c.texts.parse().content_hash != expected.content_hash);  // other bytes, another hash
  }
}

TEST_CASE("a UTF-8 BOM and CRLF line ends are accepted") {
  Texts texts;
  texts.shares = with_bom_and_crlf(texts.shares);
  texts.groups = with_bom_and_crlf(texts.groups);
  texts.national = with_bom_and_crlf(texts.national);
  CHECK(without_hash(texts.parse()) == without_hash(Texts().parse()));
}

TEST_CASE("a quoted field may hold commas, quotes and its own quotes") {
  Texts texts(In::kGroupsFile, "741,Samsø,5", "741,\"Samsø, \"\"Ø\"\"\",5", true);
  CHECK(texts.parse().municipality(741)->name == "Samsø, \"Ø\"");
}

TEST_CASE("without a national file the national series is empty") {
  NeetData d = parse_neet_data(kShares, "s.csv", kGroups, "g.csv");
  CHECK(d.national.empty());
  CHECK(d.years.size() == 2);
}

TEST_CASE("data errors are reported word for word with file:line") {
  struct Case {
    const char* name;
    In in;
    std::string from, to;  // an empty `from` replaces the whole text
    const char* message;
  };
  const Case cases[] = {
      // The layout.
      {"empty file", In::kSharesFile, "", "", "s.csv: the file is empty"},
      {"only blank lines and a BOM", In::kGroupsFile, "", "\xEF\xBB\xBF\n\r\n",
       "g.csv: the file is empty"},
      {"header only", In::kNationalFile, "", "omraade,aar,neet_andel_pct_16_24\n",
       "n.csv: the file has a header but no data rows"},
      {"missing column", In::kSharesFile, "aar", "year",
       "s.csv:1: missing column 'aar' (found: kommunekode, kommune, year, neet_andel_pct_16_24, "
       "source_url)"},
      {"column twice", In::kSharesFile, "source_url", "aar",
       "s.csv:1: column 'aar' appears twice (fields 3 and 5)"},
      {"too many columns", In::kSharesFile, "source_url", "source_url" + std::string(1195, ','),
       "s.csv:1: expected at most 1000 columns, got 1200"},
      {"too few fields", In::kSharesFile, "707,Norddjurs,2011,13,x", "707,Norddjurs,2011",
       "s.csv:5: expected 4 or more fields, got 3"},
      {"trailing comma", In::kSharesFile, "707,Norddjurs,2011,13,x", "707,Norddjurs,2011,13,x,",
       "s.csv:5: expected at most 5 fields, as in the header, got 6"},
      {"too many fields", In::kSharesFile, "707,Norddjurs,2011,13,x", "707,Norddjurs,2011,13,x,y",
       "s.csv:5: expected at most 5 fields, as in the header, got 6"},
      // CSV syntax.
      {"unclosed quote", In::kSharesFile, "707,Norddjurs,2011", "707,\"Norddjurs,2011",
       "s.csv:5: expected a closing '\"' for the quoted field, got the end of the file"},
      {"quote inside a field", In::kSharesFile, "Norddjurs,2011", "Nord\"djurs,2011",
       "s.csv:5: '\"' inside an unquoted field; quote the whole field and double each '\"' in it"},
      {"text after a closing quote", In::kSharesFile, "Norddjurs,2011", "\"Norddjurs\"ø,2011",
       "s.csv:5: expected ',' or a line end after a closing '\"', got 'ø'"},
      {"lone carriage return", In::kSharesFile, "13,x\n", "13,x\r",
       "s.csv:5: carriage return without a line feed; expected CRLF or LF line ends"},
      {"NUL byte", In::kGroupsFile, "Samsø", std::string("Sam\0s", 5),
       "g.csv:4: the file is binary, not CSV text (NUL byte)"},
      {"Latin-1 text", In::kGroupsFile, "Samsø", "Sams\xF8",
       "g.csv:4: the file is not valid UTF-8"},
      {"Latin-1 text in the header", In::kGroupsFile, "kommunekode,kommune,",
       "kommunekode,kommune\xF8,", "g.csv:1: the file is not valid UTF-8"},
      {"NUL byte after a letter of two bytes", In::kGroupsFile, "Samsø", std::string("Sø\0s", 5),
       "g.csv:4: the file is binary, not CSV text (NUL byte)"},
      {"line ends and doubled quotes inside a quoted field count as lines", In::kSharesFile,
       "707,Norddjurs,2010,12.5,x\n707,Norddjurs,2011,13,x",
       "707,Norddjurs,2010,12.5,\"x\n\"\"y\"\"\r\nz\"\n707,Norddjurs,2011,104.2,x",
       "s.csv:7: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got 104.2)"},
      {"line break in a name", In::kGroupsFile, "741,Samsø", "741,\"Sam\nsø\"",
       "g.csv:4: 'kommune' must be one line of text without control characters"},
      // Values.
      {"share above 100", In::kSharesFile, "2011,13,", "2011,104.2,",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got 104.2)"},
      {"negative share", In::kSharesFile, "2011,13,", "2011,-0.5,",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got -0.5)"},
      {"share not a number", In::kSharesFile, "2011,13,", "2011,abc,",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got 'abc')"},
      {"share missing", In::kSharesFile, "2011,13,", "2011,,",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got an empty field)"},
      {"share nan", In::kSharesFile, "2011,13,", "2011,nan,",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got nan)"},
      {"decimal comma", In::kSharesFile, "2011,13,", "2011,\"13,5\",",
       "s.csv:5: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got '13,5'; write decimals "
       "with '.')"},
      {"year not whole", In::kSharesFile, "707,Norddjurs,2011", "707,Norddjurs,2011.0",
       "s.csv:5: 'aar' must be a whole number from 1900 to 2100 (got 2011.0)"},
      {"kommunekode out of range", In::kGroupsFile, "101,København", "7,København",
       "g.csv:2: 'kommunekode' must be a whole number from 101 to 999 (got 7)"},
      {"group out of range", In::kGroupsFile, "1,Hovedstadskommuner", "0,Hovedstadskommuner",
       "g.csv:2: 'dst_kommunegruppe_kode' must be a whole number from 1 to 99 (got 0)"},
      {"empty name", In::kGroupsFile, "741,Samsø", "741,", "g.csv:4: 'kommune' must not be empty"},
      {"national share", In::kNationalFile, "10.62", "104.2",
       "n.csv:3: 'neet_andel_pct_16_24' must be a number from 0 to 100 (got 104.2)"},
      // Between rows and files.
      {"duplicate share row", In::kSharesFile, "101,København,2011", "101,København,2010",
       "s.csv:3: duplicate row for kommunekode 101 and year 2010 (first at line 2)"},
      {"duplicate share row of an earlier year, after a later one", In::kSharesFile,
       "741,Samsø,2011,9.25,x\n", "741,Samsø,2011,9.25,x\n741,Samsø,2010,7,x\n",
       "s.csv:8: duplicate row for kommunekode 741 and year 2010 (first at line 6)"},
      {"duplicate group row", In::kGroupsFile, "741,Samsø", "707,Samsø",
       "g.csv:4: duplicate row for kommunekode 707 (first at line 3)"},
      {"duplicate national row", In::kNationalFile, "Hele landet,2011", "Hele landet,2010",
       "n.csv:3: duplicate row for year 2010 (first at line 2)"},
      {"group named two ways", In::kGroupsFile, "741,Samsø,5,Landkommuner", "741,Samsø,5,Land",
       "g.csv:4: group 5 is named 'Landkommuner' at line 3, but 'Land' here"},
      {"kommunekode not in groups", In::kSharesFile, "741,Samsø,2011", "999,Samsø,2011",
       "s.csv:7: kommunekode 999 is not in g.csv"},
      {"municipality without shares", In::kGroupsFile, "741,Samsø,5,Landkommuner\n",
       "741,Samsø,5,Landkommuner\n751,Aarhus,2,Storbykommuner\n",
       "g.csv:5: kommunekode 751 (Aarhus) has no rows in s.csv"},
      {"municipality missing a year", In::kSharesFile, "707,Norddjurs,2011,13,x\n", "",
       "s.csv: kommunekode 707 (Norddjurs) has no share for 2011"},
      {"gap in the years", In::kSharesFile, "741,Samsø,2011", "741,Samsø,2013",
       "s.csv: no rows for 2012; expected every year from 2010 to 2013"},
      {"national misses a year", In::kNationalFile, "Hele landet,2011,10.62\n", "",
       "n.csv: no row for 2011; expected every year of s.csv (2010-2011)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(Texts(c.in, c.from, c.to, true).parse(), c.message, Error);
  }
}

TEST_CASE("file errors: missing, directory, empty, unknown builtin, no path") {
  ComparisonFiles files = ungegaranti::builtin_comparison_files();
  struct Case {
    const char* name;
    std::string ComparisonFiles::*file;
    std::string path;
    std::string message;
  };
  const Case cases[] = {
      {"missing", &ComparisonFiles::shares, test_data("comparison/missing.csv"),
       "cannot open '" + test_data("comparison/missing.csv") + "': No such file or directory"},
      {"directory", &ComparisonFiles::groups, test_data("comparison"),
       "'" + test_data("comparison") + "' is a directory, not a CSV file"},
      {"empty", &ComparisonFiles::national, test_data("comparison/empty.csv"),
       test_data("comparison/empty.csv") + ": the file is empty"},
      {"unknown builtin", &ComparisonFiles::shares, "builtin:nope.csv",
       "no builtin data file 'builtin:nope.csv' (known: "
       "builtin:neet_16_24_kommuner_2010_2024.csv, builtin:kommuner_dst_kommunegrupper.csv, "
       "builtin:neet_16_24_hele_landet_2010_2024.csv, "
       "builtin:population_total_by_municipality_2024-01-01_FOLK1AM.csv)"},
      {"no path", &ComparisonFiles::groups, "",
       "the comparison data needs a groups file; got an empty path"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ComparisonFiles edited = files;
    edited.*c.file = c.path;
    CHECK_THROWS_WITH_AS(load_neet_data(edited), c.message.c_str(), Error);
  }
  // An empty national path means "no national series".
  files.national.clear();
  CHECK(load_neet_data(files).national.empty());
}
