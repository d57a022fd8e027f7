#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/error.hpp"

namespace ungegaranti {

/// A parsed YAML document as plain data, with the file:line:col of every value. The loader works on
/// this instead of YAML::Node because a node must remember which file it came from once `extends`
/// and `--set` have merged several documents into one.
struct Tree {
  enum class Kind { kNull, kScalar, kMap, kSeq };

  Kind kind = Kind::kNull;
  std::string scalar;        // the text of a scalar
  bool quoted = false;       // a quoted (or explicitly tagged) scalar is always a string
  std::string key;           // the key under which this value sits in its parent mapping
  SourceLocation where;      // where the value starts
  SourceLocation key_where;  // where its key starts (mapping values only)
  std::vector<Tree> items;   // mapping entries (in file order) or sequence items

  bool is_map() const { return kind == Kind::kMap; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_null() const { return kind == Kind::kNull; }

  /// The `id` scalar of a mapping item, or nullptr.
  const Tree* item_id() const;

  /// A non-empty list whose items are all mappings with an `id`: merged and addressed by id.
  bool is_id_list() const;

  /// The value under `name` in a mapping, or nullptr.
  const Tree* find(std::string_view name) const;
  Tree* find(std::string_view name);

  bool operator==(const Tree&) const = default;
};

/// Limits that keep a hostile file from exhausting memory or time.
struct ParseLimits {
  size_t max_bytes = 4u << 20;
  size_t max_depth = 64;
  size_t max_nodes = 200000;
};

/// Parses one YAML document. Rejects what yaml-cpp 0.7 would accept silently or dangerously:
/// anchors and aliases, merge keys, duplicate keys, non-scalar keys, several documents, tabs in
/// indentation, invalid UTF-8. A UTF-8 BOM and CRLF line ends are accepted. The first problem
/// throws Error with its location; an empty document gives a null Tree.
Tree parse_yaml(std::string_view text, const std::string& file, const ParseLimits& limits = {});

/// Block-style YAML for a Tree; parse_yaml() of the result gives the same tree (locations aside).
std::string emit_yaml(const Tree& tree);

/// A compact binary form of a tree, with its lines and columns but not its file name. The build
/// stores the embedded default scenario this way, so that loading it needs no YAML parse.
std::string serialize_tree(const Tree& tree);

/// The tree serialize_tree() wrote, with every location in `file`. The input is trusted (it is
/// produced by the build); a truncated input gives a truncated tree, never a crash.
Tree deserialize_tree(std::string_view bytes, const std::string& file);

/// Short name of a kind for messages: "a mapping", "a list", "a scalar", "nothing" (or Danish).
Message describe(const Tree& tree);

}  // namespace ungegaranti
