#include "ungegaranti/neet_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <forward_list>
#include <fstream>
#include <optional>
#include <set>
#include <utility>

#include "ungegaranti/input_file.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/population.hpp"

// Made by the build (embed_scenario --data): file name -> text of each scenarios/data file.
extern const std::pair<std::string_view, std::string_view> kUngegarantiBuiltinData[];
extern const unsigned long kUngegarantiBuiltinDataCount;

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBuiltinPrefix = "builtin:";
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kShareColumn = "neet_andel_pct_16_24";
constexpr size_t kMaxColumns = 1000;
constexpr size_t kMaxFileBytes = 64u << 20;

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8.
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80)
    return 1;
  size_t n = c >= 0xC2 && c <= 0xDF   ? 2
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4
                                      : 0;
  if (n == 0 || i + n > s.size())
    return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
  }
  unsigned char next = byte(i + 1);
  bool bad = (c == 0xE0 && next < 0xA0) || (c == 0xED && next > 0x9F) ||  // overlong, surrogate
             (c == 0xF0 && next < 0x90) || (c == 0xF4 && next > 0x8F);    // overlong, > U+10FFFF
  return bad ? 0 : n;
}

// Names end up in every renderer (the JSON one refuses invalid UTF-8), so check the whole text.
// Eight bytes at a time while they are ASCII and not NUL (nearly all of the builtin data): a byte
// at a time, this was about 7 million instructions of a one-draw Monte Carlo run's 49 million. The
// line of a fault is counted only when there is one.
void check_text(std::string_view text, const std::string& file) {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  constexpr uint64_t kHighs = 0x8080808080808080u;
  auto line_at = [&](size_t i) {
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(i), '\n'));
  };
  for (size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {
      uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      // A high bit set in `word` (not ASCII) or in word - 0x01..01 (a NUL byte, where it borrows).
      if (((word | (word - kOnes)) & kHighs) == 0) {
        i += 8;
        continue;
      }
    }
    if (text[i] == '\0')
      throw Error({file, line_at(i), 0}, msg("filen er binær, ikke CSV-tekst (NUL-byte)",
                                             "the file is binary, not CSV text (NUL byte)"));
    size_t n = utf8_length(text, i);
    if (n == 0)
      throw Error({file, line_at(i), 0},
                  msg("filen er ikke gyldig UTF-8", "the file is not valid UTF-8"));
    i += n;
  }
}

// Without spaces and tabs at either end. A loop rather than find_first_not_of(" \t"), which looks
// each byte up in the set: this runs for every field read.
std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && blank(s.back()))
    s.remove_suffix(1);
  return s;
}

bool looks_numeric(std::string_view s) {
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return !s.empty() && end == s.data() + s.size() &&
         (ec == std::errc() || ec == std::errc::result_out_of_range);
}

// A field's text as a message shows it: 104.2, 'abc' or "an empty field".
std::string shown(std::string_view s) {
  if (s.empty())
    return "an empty field";
  return looks_numeric(s) ? excerpt(s) : fmt::format("'{}'", excerpt(s));
}

// One CSV record: its fields (up to the reader's limit) and how many there were in all. The fields
// are views of the text, or of `unescaped` for a quoted field with a doubled quote in it.
struct Record {
  int line = 0;  // where it starts
  std::vector<std::string_view> fields;
  size_t count = 0;
  std::forward_list<std::string> unescaped;  // a list: its strings stay where they are

  // Moved, never copied: a copy's fields would still view the original's `unescaped`.
  Record() = default;
  Record(Record&&) = default;
  Record& operator=(Record&&) = default;
};

// Reads RFC 4180 records one at a time: fields separated by commas, optionally in double quotes
// (a quoted field may hold commas, line ends and "" for a quote), CRLF or LF line ends. Blank
// lines are skipped. Anything else (a stray quote, a lone CR) is an error rather than a guess.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
    if (text_.starts_with(kBom))
      text_.remove_prefix(kBom.size());
    check_text(text_, file_);
  }

  // The next record, keeping at most `max_fields` fields (the rest are only counted).
  std::optional<Record> next(size_t max_fields) {
    while (pos_ < text_.size() && at_line_end())
      skip_line_end();
    if (pos_ >= text_.size())
      return std::nullopt;
    Record record;
    record.line = line_;
    record.fields.reserve(std::min<size_t>(max_fields, 8));
    for (;;) {
      bool quoted = pos_ < text_.size() && text_[pos_] == '"';
      std::string_view field = quoted ? quoted_field(record) : plain_field();
      if (record.fields.size() < max_fields)
        record.fields.push_back(field);
      ++record.count;
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;  // the next field may be empty, also at the end of a line or of the text
        continue;
      }
      skip_line_end();
      return record;
    }
  }

 private:
  [[noreturn]] void fail(const Message& message) const { throw Error({file_, line_, 0}, message); }

  bool at_line_end() const {
    return text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }

  void skip_line_end() {
    if (pos_ < text_.size() && text_[pos_] == '\r')
      ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
  }

  // The bytes that end or spoil an unquoted field: ',', '"', CR and LF. A table instead of four
  // comparisons a byte, in the loop that reads most of the text.
  static constexpr std::array<bool, 256> kStops = [] {
    std::array<bool, 256> stops{};
    for (char c : {',', '"', '\r', '\n'})
      stops[static_cast<unsigned char>(c)] = true;
    return stops;
  }();

  std::string_view plain_field() {
    size_t start = pos_;
    while (pos_ < text_.size() && !kStops[static_cast<unsigned char>(text_[pos_])])
      ++pos_;
    if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end()) {
      if (text_[pos_] == '"')
        fail(
            msg("'\"' inde i et felt uden anførselstegn; sæt hele feltet i anførselstegn og skriv "
                "hvert '\"' i det to gange",
                "'\"' inside an unquoted field; quote the whole field and double each '\"' in it"));
      fail(msg("vognretur uden linjeskift; forventede CRLF- eller LF-linjeskift",
               "carriage return without a line feed; expected CRLF or LF line ends"));
    }
    return text_.substr(start, pos_ - start);
  }

  // The text between the quotes, a view of the text itself unless it has a doubled quote.
  std::string_view quoted_field(Record& record) {
    int start_line = line_;
    size_t start = ++pos_;  // after the opening quote
    std::string* unescaped = nullptr;
    for (;;) {
      size_t quote = text_.find('"', pos_);
      size_t end = quote == std::string_view::npos ? text_.size() : quote;
      line_ += static_cast<int>(std::count(text_.begin() + static_cast<ptrdiff_t>(pos_),
                                           text_.begin() + static_cast<ptrdiff_t>(end), '\n'));
      if (quote == std::string_view::npos) {
        throw Error(
            {file_, start_line, 0},
            msg("forventede et afsluttende '\"' for feltet i anførselstegn, men filen sluttede",
                "expected a closing '\"' for the quoted field, got the end of the file"));
      }
      if (quote + 1 < text_.size() && text_[quote + 1] == '"') {  // "" for one quote
        if (unescaped == nullptr)
          unescaped = &record.unescaped.emplace_front();
        unescaped->append(text_.substr(start, quote + 1 - start));
        pos_ = start = quote + 2;
        continue;
      }
      pos_ = quote;
      break;
    }
    std::string_view field = text_.substr(start, pos_ - start);
    if (unescaped != nullptr)
      field = unescaped->append(field);
    ++pos_;  // the closing quote
    if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end()) {
      fail(msg("forventede ',' eller linjeslut efter et afsluttende '\"', fik '{}'",
               "expected ',' or a line end after a closing '\"', got '{}'",
               text_.substr(pos_, std::max<size_t>(utf8_length(text_, pos_), 1))));
    }
    return field;
  }

  std::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  int line_ = 1;
};

// A CSV file with a header, read row by row through the columns it must have. Columns are found
// by name, so their order does not matter and other columns are ignored.
class CsvTable {
 public:
  CsvTable(std::string_view text, std::string file, std::vector<std::string_view> names,
           std::vector<std::string_view> optional_names = {})
      : reader_(text, file), file_(std::move(file)), names_(std::move(names)) {
    std::optional<Record> header = reader_.next(kMaxColumns);
    if (!header)
      throw Error({file_, 0, 0}, msg("filen er tom", "the file is empty"));
    if (header->count > kMaxColumns) {
      throw Error({file_, header->line, 0},
                  msg("forventede højst {} kolonner, fik {}", "expected at most {} columns, got {}",
                      kMaxColumns, header->count));
    }
    width_ = header->count;
    size_t required = names_.size();
    names_.insert(names_.end(), optional_names.begin(), optional_names.end());
    for (size_t i = 0; i < names_.size(); ++i) {
      std::optional<size_t> at = find(*header, names_[i]);
      if (!at && i < required) {
        throw Error({file_, header->line, 0},
                    msg("mangler kolonnen '{}' (fandt: {})", "missing column '{}' (found: {})",
                        names_[i], found(*header)));
      }
      columns_.push_back(at);
      if (at && i < required)
        needed_ = std::max(needed_, *at + 1);
    }
  }

  // The next data row, which has every column that must be there.
  std::optional<Record> next() {
    std::optional<Record> row = reader_.next(width_);
    if (!row && rows_ == 0)
      throw Error({file_, 0, 0}, msg("filen har en overskrift, men ingen datarækker",
                                     "the file has a header but no data rows"));
    if (!row)
      return row;
    ++rows_;
    if (row->count < needed_)
      fail(*row, msg("forventede {} eller flere felter, fik {}",
                     "expected {} or more fields, got {}", needed_, row->count));
    if (row->count > width_) {
      fail(*row, msg("forventede højst {} felter, som i overskriften, fik {}",
                     "expected at most {} fields, as in the header, got {}", width_, row->count));
    }
    return row;
  }

  // The field of the i-th named column, trimmed of spaces and tabs; empty when an optional column
  // is not there.
  std::string_view field(const Record& row, size_t i) const {
    std::optional<size_t> at = columns_.at(i);
    return at && *at < row.fields.size() ? trim(row.fields[*at]) : std::string_view();
  }

  int whole(const Record& row, size_t i, int lo, int hi) const {
    std::string_view s = field(row, i);
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < lo || value > hi) {
      fail(row,
           msg("'{}' skal være et helt tal fra {} til {} (fik {})",
               "'{}' must be a whole number from {} to {} (got {})", names_[i], lo, hi, shown(s)));
    }
    return value;
  }

  double percent(const Record& row, size_t i) const {
    std::string_view s = field(row, i);
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !(value >= 0) ||
        !(value <= 100)) {
      bool comma = s.find(',') != std::string_view::npos;
      fail(row, msg("'{}' skal være et tal fra 0 til 100 (fik {}{})",
                    "'{}' must be a number from 0 to 100 (got {}{})", names_[i], shown(s),
                    comma ? Message{"; skriv decimaler med '.'", "; write decimals with '.'"}
                          : Message{}));
    }
    return value;
  }

  std::string text(const Record& row, size_t i) const {
    std::string_view s = field(row, i);
    if (s.empty())
      fail(row, msg("'{}' må ikke være tom", "'{}' must not be empty", names_[i]));
    auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7F'; };
    if (std::any_of(s.begin(), s.end(), control))
      fail(row, msg("'{}' skal være én linje tekst uden kontroltegn",
                    "'{}' must be one line of text without control characters", names_[i]));
    return std::string(s);
  }

  [[noreturn]] void fail(const Record& row, const Message& message) const {
    throw Error({file_, row.line, 0}, message);
  }

 private:
  // Where `name` is in the header; a column read by name must be there only once.
  std::optional<size_t> find(const Record& header, std::string_view name) const {
    std::optional<size_t> at;
    for (size_t i = 0; i < header.fields.size(); ++i) {
      if (trim(header.fields[i]) != name)
        continue;
      if (at) {
        throw Error({file_, header.line, 0},
                    msg("kolonnen '{}' står to gange (felt {} og {})",
                        "column '{}' appears twice (fields {} and {})", name, *at + 1, i + 1));
      }
      at = i;
    }
    return at;
  }

  static std::string found(const Record& header) {
    std::string list;
    for (std::string_view name : header.fields)
      list += (list.empty() ? "" : ", ") + std::string(trim(name));
    return list;
  }

  CsvReader reader_;
  std::string file_;
  std::vector<std::string_view> names_;
  std::vector<std::optional<size_t>> columns_;  // field index of each of names_
  size_t needed_ = 0;                           // fields a row must have
  size_t width_ = 0;                            // fields of the header
  size_t rows_ = 0;
};

struct Groups {
  std::vector<Municipality> list;
  std::map<int, int> line_of;  // kommunekode -> line
};

Groups read_groups(std::string_view text, const std::string& file) {
  CsvTable table(text, file,
                 {"kommunekode", "kommune", "dst_kommunegruppe_kode", "dst_kommunegruppe"});
  Groups groups;
  std::map<int, std::pair<std::string, int>> group_names;  // group -> name, line
  while (std::optional<Record> row = table.next()) {
    Municipality m{table.whole(*row, 0, 101, 999), table.text(*row, 1), table.whole(*row, 2, 1, 99),
                   table.text(*row, 3)};
    auto [at, fresh] = groups.line_of.emplace(m.code, row->line);
    if (!fresh) {
      table.fail(*row,
                 msg("kommunekode {} har to rækker (første i linje {})",
                     "duplicate row for kommunekode {} (first at line {})", m.code, at->second));
    }
    auto [group, new_group] = group_names.emplace(m.group, std::pair(m.group_name, row->line));
    if (!new_group && group->second.first != m.group_name) {
      table.fail(*row, msg("gruppe {} hedder '{}' i linje {}, men '{}' her",
                           "group {} is named '{}' at line {}, but '{}' here", m.group,
                           group->second.first, group->second.second, m.group_name));
    }
    groups.list.push_back(std::move(m));
  }
  return groups;
}

struct Entry {
  double percent = 0.0;
  int line = 0;
};

struct Shares {
  // kommunekode -> (year, share), by year: a sorted list rather than a map of its own per
  // municipality, as the rows usually come by year (one node and allocation less for each row)
  std::map<int, std::vector<std::pair<int, Entry>>> by_code;
  std::set<int> years;
  std::optional<std::string> source;  // the original_source of every row, when they agree
};

// Where `year` is, or would go, in a municipality's list of shares.
template <typename List>
auto by_year_at(List& by_year, int year) {
  return std::lower_bound(by_year.begin(), by_year.end(), year,
                          [](const auto& entry, int y) { return entry.first < y; });
}

Shares read_shares(std::string_view text, const std::string& file, const Groups& groups,
                   const std::string& groups_file) {
  CsvTable table(text, file, {"kommunekode", "kommune", "aar", kShareColumn}, {"original_source"});
  Shares shares;
  bool first = true;
  while (std::optional<Record> row = table.next()) {
    int code = table.whole(*row, 0, 101, 999);
    int year = table.whole(*row, 2, 1900, 2100);
    double percent = table.percent(*row, 3);
    if (!groups.line_of.contains(code))
      table.fail(*row, msg("kommunekode {} findes ikke i {}", "kommunekode {} is not in {}", code,
                           groups_file));
    std::vector<std::pair<int, Entry>>& by_year = shares.by_code[code];
    auto at = by_year_at(by_year, year);
    if (at != by_year.end() && at->first == year) {
      table.fail(*row, msg("kommunekode {} og år {} har to rækker (første i linje {})",
                           "duplicate row for kommunekode {} and year {} (first at line {})", code,
                           year, at->second.line));
    }
    by_year.emplace(at, year, Entry{percent, row->line});
    shares.years.insert(year);
    std::string_view source = table.field(*row, 4);
    if (first)
      shares.source = std::string(source);
    else if (shares.source && *shares.source != source)
      shares.source.reset();
    first = false;
  }
  return shares;
}

// Every municipality of the groups file has a share for every year, and the years run without
// gaps; returns the years.
std::vector<int> check_complete(const Shares& shares, const std::string& file, const Groups& groups,
                                const std::string& groups_file) {
  for (const Municipality& m : groups.list) {
    if (!shares.by_code.contains(m.code)) {
      throw Error({groups_file, groups.line_of.at(m.code), 0},
                  msg("kommunekode {} ({}) har ingen rækker i {}",
                      "kommunekode {} ({}) has no rows in {}", m.code, m.name, file));
    }
  }
  int first = *shares.years.begin();
  int last = *shares.years.rbegin();
  std::vector<int> years;
  for (int year = first; year <= last; ++year) {
    if (!shares.years.contains(year)) {
      throw Error({file, 0, 0},
                  msg("ingen rækker for {}; forventede hvert år fra {} til {}",
                      "no rows for {}; expected every year from {} to {}", year, first, last));
    }
    years.push_back(year);
  }
  for (const Municipality& m : groups.list) {
    for (int year : years) {
      const std::vector<std::pair<int, Entry>>& by_year = shares.by_code.at(m.code);
      if (auto at = by_year_at(by_year, year); at == by_year.end() || at->first != year) {
        throw Error({file, 0, 0},
                    msg("kommunekode {} ({}) har ingen andel for {}",
                        "kommunekode {} ({}) has no share for {}", m.code, m.name, year));
      }
    }
  }
  return years;
}

std::vector<double> read_national(std::string_view text, const std::string& file,
                                  const std::vector<int>& years, const std::string& shares_file) {
  CsvTable table(text, file, {"omraade", "aar", kShareColumn});
  std::map<int, Entry> by_year;
  while (std::optional<Record> row = table.next()) {
    int year = table.whole(*row, 1, 1900, 2100);
    auto [at, fresh] = by_year.emplace(year, Entry{table.percent(*row, 2), row->line});
    if (!fresh) {
      table.fail(*row, msg("året {} har to rækker (første i linje {})",
                           "duplicate row for year {} (first at line {})", year, at->second.line));
    }
  }
  std::vector<double> national;
  for (int year : years) {
    auto at = by_year.find(year);
    if (at == by_year.end()) {
      throw Error({file, 0, 0}, msg("ingen række for {}; forventede hvert år af {} ({}-{})",
                                    "no row for {}; expected every year of {} ({}-{})", year,
                                    shares_file, years.front(), years.back()));
    }
    national.push_back(at->second.percent);
  }
  return national;
}

// "DST NEET3 (16-24 år), 2010-2024": the StatBank table when every row names the same one as its
// original_source, otherwise the file's name.
std::string describe_vintage(const Shares& shares, const std::string& file,
                             const std::vector<int>& years) {
  constexpr std::string_view kStatBank = "statistikbanken.dk/";
  std::string label =
      fs::path(file.starts_with(kBuiltinPrefix) ? file.substr(kBuiltinPrefix.size()) : file)
          .filename()
          .string();
  if (shares.source) {
    size_t at = shares.source->find(kStatBank);
    std::string table = at == std::string::npos ? "" : shares.source->substr(at + kStatBank.size());
    bool plain = !table.empty() && std::all_of(table.begin(), table.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    if (plain)
      label = "DST " + table;
  }
  std::string span = years.front() == years.back()
                         ? fmt::format("{}", years.front())
                         : fmt::format("{}-{}", years.front(), years.back());
  return fmt::format("{} (16-24 år), {}", label, span);
}

// The text of a data file: the embedded copy itself, or the file's bytes, read into `bytes`.
std::string_view read_data_file(const std::string& path, std::string_view role,
                                std::string& bytes) {
  if (path.empty())
    throw Error({}, msg("sammenligningsdata kræver en {}-fil; fik en tom sti",
                        "the comparison data needs a {} file; got an empty path", role));
  if (path.starts_with(kBuiltinPrefix))
    return builtin_data_text(path);
  bytes = read_input_file(path, kMaxFileBytes, {}, {"en CSV-fil", "a CSV file"});
  return bytes;
}

}  // namespace

ComparisonFiles builtin_comparison_files() {
  return {"builtin:neet_16_24_kommuner_2010_2024.csv", "builtin:kommuner_dst_kommunegrupper.csv",
          "builtin:neet_16_24_hele_landet_2010_2024.csv"};
}

const Municipality* NeetData::municipality(int code) const {
  auto at = std::find_if(municipalities.begin(), municipalities.end(),
                         [code](const Municipality& m) { return m.code == code; });
  return at == municipalities.end() ? nullptr : &*at;
}

double NeetData::share(int code, int year) const {
  auto at = shares.find(code);
  assert(at != shares.end() && !years.empty() && year >= years.front() && year <= years.back());
  return at->second[static_cast<size_t>(year - years.front())];
}

NeetData parse_neet_data(std::string_view shares_csv, const std::string& shares_name,
                         std::string_view groups_csv, const std::string& groups_name,
                         std::string_view national_csv, const std::string& national_name) {
  Groups groups = read_groups(groups_csv, groups_name);
  Shares shares = read_shares(shares_csv, shares_name, groups, groups_name);
  NeetData data;
  data.years = check_complete(shares, shares_name, groups, groups_name);
  for (const auto& [code, by_year] : shares.by_code) {
    std::vector<double>& row = data.shares[code];
    for (const auto& [year, entry] : by_year)
      row.push_back(entry.percent);
  }
  if (!national_name.empty() || !national_csv.empty())
    data.national = read_national(national_csv, national_name, data.years, shares_name);
  data.vintage = describe_vintage(shares, shares_name, data.years);
  // Each text with its length first, so that different splits of the same bytes differ.
  std::string shares_size = fmt::format("{}:", shares_csv.size());
  std::string groups_size = fmt::format("{}:", groups_csv.size());
  std::string national_size = fmt::format("{}:", national_csv.size());
  data.content_hash =
      text_hash({shares_size, shares_csv, groups_size, groups_csv, national_size, national_csv});
  data.municipalities = std::move(groups.list);
  return data;
}

NeetData load_neet_data(const ComparisonFiles& files) {
  std::string shares_bytes, groups_bytes, national_bytes;
  std::string_view shares = read_data_file(files.shares, "shares", shares_bytes);
  std::string_view groups = read_data_file(files.groups, "groups", groups_bytes);
  std::string_view national =
      files.national.empty() ? "" : read_data_file(files.national, "national", national_bytes);
  return parse_neet_data(shares, files.shares, groups, files.groups, national, files.national);
}

// With the reader of the comparison files, so that the population file follows the same CSV
// rules (docs/data.md); the rest of the population data is in population.cpp.
PopulationData parse_population(std::string_view csv, const std::string& name) {
  CsvTable table(csv, name, {"kommunekode", "kommune", "population_total_2024-01-01"});
  PopulationData data;
  std::map<int, int> line_of;  // kommunekode -> line
  while (std::optional<Record> row = table.next()) {
    MunicipalityPopulation m{table.whole(*row, 0, 101, 999), table.text(*row, 1),
                             table.whole(*row, 2, 1, 10'000'000)};
    auto [at, fresh] = line_of.emplace(m.code, row->line);
    if (!fresh) {
      table.fail(*row,
                 msg("kommunekode {} har to rækker (første i linje {})",
                     "duplicate row for kommunekode {} (first at line {})", m.code, at->second));
    }
    data.municipalities.push_back(std::move(m));
  }
  data.vintage = "DST FOLK1AM, 1.1.2024";
  return data;
}

std::string_view builtin_data_text(std::string_view name) {
  std::string_view bare =
      name.starts_with(kBuiltinPrefix) ? name.substr(kBuiltinPrefix.size()) : name;
  for (unsigned long i = 0; i < kUngegarantiBuiltinDataCount; ++i) {
    if (kUngegarantiBuiltinData[i].first == bare)
      return kUngegarantiBuiltinData[i].second;
  }
  std::string known;
  for (unsigned long i = 0; i < kUngegarantiBuiltinDataCount; ++i) {
    known += fmt::format("{}{}{}", known.empty() ? "" : ", ", kBuiltinPrefix,
                         kUngegarantiBuiltinData[i].first);
  }
  throw Error({}, msg("ingen indbygget datafil '{}{}' (kendte: {})",
                      "no builtin data file '{}{}' (known: {})", kBuiltinPrefix, bare, known));
}

}  // namespace ungegaranti
