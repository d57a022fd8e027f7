#include "ungegaranti/value_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace ungegaranti {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string join(const std::vector<std::string>& words) {
  // A list of thousands of ids would bury the message: after about 300 bytes, "…" stands for the
  // rest.
  constexpr size_t kMaxBytes = 300;
  std::string out;
  for (const std::string& w : words) {
    if (out.size() > kMaxBytes)
      return out + ", …";
    out += out.empty() ? excerpt(w) : ", " + excerpt(w);
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string data_path(const Tree& node) {
  namespace fs = std::filesystem;
  const std::string& value = node.scalar;
  const std::string& from = node.where.file;
  if (value.starts_with("builtin:") || fs::path(value).is_absolute() ||
      from.starts_with("builtin:") || from.starts_with("--set")) {
    return value;
  }
  return (fs::path(from).parent_path() / value).lexically_normal().string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // Near enough: at most a third of the word wrong (at least one letter), and never all of it.
  // A word longer than any key or id is no misspelling of one: the edit distance of a huge value
  // would cost its length times each candidate's.
  constexpr size_t kMaxWord = 100;
  std::string best;
  if (word.empty() || word.size() > kMaxWord)
    return best;
  size_t best_distance = std::min(std::max<size_t>(1, word.size() / 3), word.size() - 1) + 1;
  std::string folded = lower(word);
  for (const std::string& c : candidates) {
    size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_distance)
      continue;  // the distance is at least the difference in length
    size_t d = edit_distance(folded, lower(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

void ValueReader::error(const SourceLocation& where, Message message) {
  problems_.push_back({where, std::move(message)});
}

bool ValueReader::map(const Tree& node, const std::string& path,
                      const std::vector<std::string>& allowed) {
  if (!node.is_map()) {
    error(node.where, msg("'{}' skal være en tabel med nøgler (fik {})",
                          "'{}' must be a mapping (got {})", path, describe(node)));
    return false;
  }
  for (const Tree& item : node.items) {
    if (std::find(allowed.begin(), allowed.end(), item.key) != allowed.end())
      continue;
    unknown_key(item, path, allowed);
  }
  return true;
}

void ValueReader::unknown_key(const Tree& item, const std::string& path,
                              const std::vector<std::string>& allowed) {
  Message where =
      path.empty() ? Message{"øverst i filen", "at the top level"} : msg("i '{}'", "in '{}'", path);
  std::string hint = did_you_mean(item.key, allowed);
  error(item.key_where, hint.empty() ? msg("ukendt nøgle '{}' {} (forventede en af: {})",
                                           "unknown key '{}' {} (expected one of: {})",
                                           excerpt(item.key), where, join(allowed))
                                     : msg("ukendt nøgle '{}' {} (mente du '{}'?)",
                                           "unknown key '{}' {} (did you mean '{}'?)",
                                           excerpt(item.key), where, hint));
}

const Tree* ValueReader::required(const Tree& parent, std::string_view key,
                                  const std::string& path) {
  const Tree* node = parent.find(key);
  if (node == nullptr) {
    error(parent.where, msg("mangler nøglen '{}' i '{}'", "missing key '{}' in '{}'", key, path));
  }
  return node;
}

const Tree* ValueReader::required_in(const Tree& parent, std::string_view key,
                                     const Message& place) {
  const Tree* node = parent.find(key);
  if (node == nullptr)
    error(parent.where, msg("mangler nøglen '{}' i {}", "missing key '{}' in {}", key, place));
  return node;
}

std::string ValueReader::text(const Tree& node, const std::string& path) {
  if (!node.is_scalar()) {
    error(node.where, msg("'{}' skal være en tekst (fik {})", "'{}' must be a string (got {})",
                          path, describe(node)));
    return {};
  }
  return node.scalar;
}

std::string ValueReader::id(const Tree& node, const std::string& path) {
  std::string value = text(node, path);
  if (node.is_scalar() && (value.empty() || value.find_first_of(". \t") != std::string::npos)) {
    error(node.where,
          msg("'{}' skal være et id uden punktummer og mellemrum (fik '{}')",
              "'{}' must be an id without dots or spaces (got '{}')", path, excerpt(value)));
  }
  return value;
}

std::optional<double> ValueReader::number(const Tree& node, const std::string& path) {
  if (!node.is_scalar() || node.quoted) {
    error(node.where,
          msg("'{}' skal være et tal (fik {}{})", "'{}' must be a number (got {}{})", path,
              describe(node), node.is_scalar() ? " '" + excerpt(node.scalar) + "'" : ""));
    return std::nullopt;
  }
  const std::string& s = node.scalar;
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '+')
    digits.remove_prefix(1);
  double value = 0.0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  std::string folded = lower(s);
  bool special = folded.find("inf") != std::string::npos || folded.find("nan") != std::string::npos;
  if (special || ec == std::errc::result_out_of_range ||
      (ec == std::errc() && !std::isfinite(value))) {
    error(node.where, msg("'{}' skal være et endeligt tal (fik {})",
                          "'{}' must be a finite number (got {})", path, excerpt(s)));
    return std::nullopt;
  }
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
    error(node.where, msg("'{}' skal være et tal (fik '{}')", "'{}' must be a number (got '{}')",
                          path, excerpt(s)));
    return std::nullopt;
  }
  return value;
}

std::optional<int> ValueReader::integer(const Tree& node, const std::string& path, int lo, int hi) {
  std::optional<double> value = number(node, path);
  if (!value)
    return std::nullopt;
  if (*value != std::floor(*value) || *value < lo || *value > hi) {
    error(node.where, lo == hi ? msg("'{}' skal være {} (fik {})", "'{}' must be {} (got {})", path,
                                     lo, excerpt(node.scalar))
                               : msg("'{}' skal være et helt tal fra {} til {} (fik {})",
                                     "'{}' must be a whole number from {} to {} (got {})", path, lo,
                                     hi, excerpt(node.scalar)));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

bool ValueReader::in_range(double v, Kind kind) const {
  switch (kind) {
    case Kind::kMoney:
    case Kind::kCount:
      return v >= 0;
    case Kind::kShare:
      return v >= 0 && v <= 1;
    case Kind::kPositive:
      return v > 0;
  }
  return true;
}

Message ValueReader::range_text(Kind kind) {
  switch (kind) {
    case Kind::kMoney:
    case Kind::kCount:
      return {"skal være >= 0", "must be >= 0"};
    case Kind::kShare:
      return {"skal være en andel fra 0 til 1", "must be a share from 0 to 1"};
    case Kind::kPositive:
      return {"skal være > 0", "must be > 0"};
  }
  return {};
}

void ValueReader::check_range(const Tree& node, const std::string& path, double v, Kind kind) {
  if (!in_range(v, kind)) {
    error(node.where, msg("'{}' {} (fik {})", "'{}' {} (got {})", path, range_text(kind),
                          excerpt(node.scalar)));
    return;
  }
  // As in an actuals file: no real amount or count comes near these, and below them every sum,
  // product and total of a run stays finite.
  bool money = kind == Kind::kMoney;
  if ((money && v > kMaxDkk) ||
      ((kind == Kind::kCount || kind == Kind::kPositive) && v > kMaxCount)) {
    error(node.where, msg("'{}' må højst være {} (fik {})", "'{}' must be at most {} (got {})",
                          path, money ? "1e12 kr." : "1e9", excerpt(node.scalar)));
  }
}

void ValueReader::check_unit(const Tree& node, const std::string& path, const std::string& unit,
                             Kind kind) {
  std::string u = lower(unit);
  if (kind == Kind::kMoney && !u.starts_with("dkk") && !u.starts_with("kr")) {
    error(node.where, msg("'{}' er et beløb i kroner; enheden '{}' passer ikke (skriv beløbet i "
                          "kr., fx unit: DKK/year)",
                          "'{}' is an amount in kroner; unit '{}' does not fit (write the amount "
                          "in kr., e.g. unit: DKK/year)",
                          path, excerpt(unit)));
  }
  if (kind == Kind::kShare && (u == "%" || u == "pct" || u == "pct." || u == "procent")) {
    error(node.where, msg("'{}' er en andel; skriv den som decimaltal (0.03 for 3 %), ikke med "
                          "enheden '{}'",
                          "'{}' is a share; write it as a fraction (0.03 for 3 %), not with unit "
                          "'{}'",
                          path, excerpt(unit)));
  }
}

Quantity ValueReader::quantity(const Tree& node, const std::string& path, Kind kind) {
  Quantity q;
  q.path = path;
  q.where = node.where;
  if (!node.is_map()) {
    if (auto v = number(node, path)) {
      q.value = *v;
      check_range(node, path, *v, kind);
    }
    return q;
  }
  if (!map(node, path, {"value", "low", "high", "dist", "unit", "source", "note", "note_en"}))
    return q;
  if (const Tree* unit = node.find("unit"))
    q.unit = text(*unit, path + ".unit");
  if (const Tree* source = node.find("source"))
    q.source = text(*source, path + ".source");
  if (const Tree* note = node.find("note"))
    q.note = text(*note, path + ".note");
  if (const Tree* note_en = node.find("note_en"))
    q.note_en = text(*note_en, path + ".note_en");
  if (!q.unit.empty())
    check_unit(*node.find("unit"), path, q.unit, kind);
  const Tree* value = required(node, "value", path);
  if (value == nullptr)
    return q;
  q.where = value->where;
  auto v = number(*value, path + ".value");
  if (v) {
    q.value = *v;
    check_range(*value, path, *v, kind);
  }
  const Tree* low = node.find("low");
  const Tree* high = node.find("high");
  if ((low == nullptr) != (high == nullptr)) {
    error(node.where, msg("'{}' skal have både 'low' og 'high' eller ingen af dem",
                          "'{}' needs both 'low' and 'high', or neither", path));
  }
  if (low != nullptr)
    q.low = number(*low, path + ".low");
  if (high != nullptr)
    q.high = number(*high, path + ".high");
  if (q.low)
    check_range(*low, path + ".low", *q.low, kind);
  if (q.high)
    check_range(*high, path + ".high", *q.high, kind);
  if (v && q.low && q.high && !(*q.low <= *v && *v <= *q.high)) {
    error(value->where, msg("'{}': intervallet low {} .. high {} skal indeholde værdien {}",
                            "'{}': the range low {} .. high {} must contain the value {}", path,
                            excerpt(low->scalar), excerpt(high->scalar), excerpt(value->scalar)));
  }
  if (const Tree* dist = node.find("dist")) {
    q.dist = choice(*dist, path + ".dist", kDistributionIds).value_or(Distribution::kNone);
    if (low == nullptr && high == nullptr) {
      error(dist->where, msg("'{}': 'dist' kræver 'low' og 'high'",
                             "'{}': 'dist' needs 'low' and 'high'", path));
    }
    if (q.dist == Distribution::kLognormal && q.low && *q.low <= 0) {
      error(low->where,
            msg("'{}': et lognormalt interval kræver low > 0 (fik {})",
                "'{}': a lognormal range needs low > 0 (got {})", path, excerpt(low->scalar)));
    }
  } else if (low != nullptr && high != nullptr) {
    q.dist = Distribution::kTriangular;
  }
  return q;
}

Quantity ValueReader::optional_quantity(const Tree& parent, std::string_view key,
                                        const std::string& path, Kind kind, double fallback) {
  std::string here = child_path(path, key);
  if (const Tree* node = parent.find(key))
    return quantity(*node, here, kind);
  Quantity q;
  q.value = fallback;
  q.path = here;
  q.source = "standardværdi";
  return q;
}

Quantity ValueReader::required_quantity(const Tree& parent, std::string_view key,
                                        const std::string& path, Kind kind) {
  std::string here = child_path(path, key);
  if (const Tree* node = required(parent, key, path))
    return quantity(*node, here, kind);
  Quantity q;
  q.path = here;
  return q;
}

KnownIds::KnownIds(std::vector<std::string> ids)
    : list(std::move(ids)), set(list.begin(), list.end()) {}

void ValueReader::reference(const Tree& node, const std::string& path, const std::string& id,
                            const Message& what, const KnownIds& known_ids) {
  // Nothing known: the section itself is missing or malformed and is reported already.
  const std::vector<std::string>& known = known_ids.list;
  if (id.empty() || known.empty() || known_ids.set.count(id) > 0)
    return;
  std::string hint = did_you_mean(id, known);
  error(node.where,
        hint.empty()
            ? msg("'{}' nævner {} '{}' (kendte: {})", "'{}' names {} '{}' (known: {})", path, what,
                  excerpt(id), join(known))
            : msg("'{}' nævner {} '{}' (mente du '{}'?)", "'{}' names {} '{}' (did you mean '{}'?)",
                  path, what, excerpt(id), hint));
}

}  // namespace ungegaranti
