#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/tree.hpp"

namespace ungegaranti {

/// What a number means, which decides its range and accepted units.
enum class Kind { kMoney, kCount, kShare, kPositive };

/// The largest amount (kroner) and count (participants, FTE, hours, people) a scenario may give,
/// the same as an actuals file's (kMaxActualDkk, kMaxActualCount).
inline constexpr double kMaxDkk = 1e12;
inline constexpr double kMaxCount = 1e9;

/// The ids a reference may name: the list, in order, for messages and did_you_mean(), and a set
/// for the lookup, so that many references to a long list stay linear. Built from the list once.
struct KnownIds {
  KnownIds(std::vector<std::string> ids);  // NOLINT: implicit, from ids(...)
  std::vector<std::string> list;
  std::unordered_set<std::string> set;
};

/// "a, b, c"
std::string join(const std::vector<std::string>& words);

/// ASCII lower case.
std::string lower(std::string_view text);

/// "parent.key", or "key" at the top.
std::string child_path(const std::string& parent, std::string_view key);

/// The ids of items that have one, in order.
template <typename T>
std::vector<std::string> ids(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const T& item : items)
    out.push_back(item.id);
  return out;
}

/// A path written as the scalar `node`: relative to the folder of the file that holds it, unless
/// it is builtin:, absolute, or was given with --set.
std::string data_path(const Tree& node);

/// The closest of `candidates` to `word` when it is near enough to be a likely typo, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Reads typed values out of a Tree, collecting every problem instead of stopping at the first:
/// the building blocks of the scenario schema (schema.cpp).
class ValueReader {
 public:
  explicit ValueReader(std::vector<Diagnostic>& problems) : problems_(problems) {}

  void error(const SourceLocation& where, Message message);

  /// How many problems have been found so far.
  size_t count() const { return problems_.size(); }

  /// True when `node` is a mapping; reports keys that are not in `allowed`.
  bool map(const Tree& node, const std::string& path, const std::vector<std::string>& allowed);

  void unknown_key(const Tree& item, const std::string& path,
                   const std::vector<std::string>& allowed);

  /// The value under `key`, or nullptr after reporting it missing.
  const Tree* required(const Tree& parent, std::string_view key, const std::string& path);

  /// As required(), where the parent is named rather than a path: `place` is e.g.
  /// {"opfølgningsfilen", "'the actuals file'"}.
  const Tree* required_in(const Tree& parent, std::string_view key, const Message& place);

  std::string text(const Tree& node, const std::string& path);

  /// An id: non-empty, without dots or spaces, so that `--set` paths can name it.
  std::string id(const Tree& node, const std::string& path);

  std::optional<double> number(const Tree& node, const std::string& path);

  /// A whole number from lo to hi ("must be 1" when lo == hi).
  std::optional<int> integer(const Tree& node, const std::string& path, int lo, int hi);

  bool in_range(double v, Kind kind) const;

  static Message range_text(Kind kind);

  void check_range(const Tree& node, const std::string& path, double v, Kind kind);

  void check_unit(const Tree& node, const std::string& path, const std::string& unit, Kind kind);

  /// One of a fixed set of words: the ids of an enum (scenario.hpp).
  template <typename E, size_t N>
  std::optional<E> choice(const Tree& node, const std::string& path, const EnumId<E> (&ids)[N]) {
    std::string value = text(node, path);
    if (auto e = enum_from_id(ids, value))
      return e;
    if (node.is_scalar()) {
      std::vector<std::string> names;
      for (const EnumId<E>& e : ids)
        names.emplace_back(e.id);
      error(node.where, msg("'{}' skal være en af {} (fik '{}')",
                            "'{}' must be one of {} (got '{}')", path, join(names), value));
    }
    return std::nullopt;
  }

  /// A number written plainly or as { value, low, high, dist, unit, source, note }.
  Quantity quantity(const Tree& node, const std::string& path, Kind kind);

  /// A quantity under `key`, or `fallback` (recorded as a default) when the key is absent.
  Quantity optional_quantity(const Tree& parent, std::string_view key, const std::string& path,
                             Kind kind, double fallback);

  Quantity required_quantity(const Tree& parent, std::string_view key, const std::string& path,
                             Kind kind);

  /// Checks that `id` names one of `known`, with a did-you-mean when it does not. `what` is the
  /// phrase for a wrong one: {"en ukendt rolle", "an unknown role"}.
  void reference(const Tree& node, const std::string& path, const std::string& id,
                 const Message& what, const KnownIds& known);

 private:
  std::vector<Diagnostic>& problems_;
};

}  // namespace ungegaranti
