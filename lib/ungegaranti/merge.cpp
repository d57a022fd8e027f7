#include "ungegaranti/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ungegaranti {
namespace {

Tree* find_id(Tree& list, std::string_view id) {
  for (Tree& item : list.items) {
    if (const Tree* item_id = item.item_id(); item_id != nullptr && item_id->scalar == id)
      return &item;
  }
  return nullptr;
}

void replace(Tree& base, const Tree& top) {
  std::string key = std::move(base.key);
  SourceLocation key_where = base.key_where;
  base = top;
  base.key = std::move(key);
  if (top.key_where.file.empty())
    base.key_where = key_where;
}

void relocate(Tree& tree, const SourceLocation& where) {
  tree.where = where;
  if (!tree.key.empty())
    tree.key_where = where;
  for (Tree& item : tree.items)
    relocate(item, where);
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return parts;
}

std::string known_keys(const Tree& node) {
  std::string keys;
  for (const Tree& item : node.items) {
    if (node.is_map()) {
      keys += keys.empty() ? item.key : ", " + item.key;
    } else if (const Tree* id = item.item_id()) {
      keys += keys.empty() ? id->scalar : ", " + id->scalar;
    }
  }
  return keys;
}

}  // namespace

void merge_into(Tree& base, const Tree& top) {
  if (base.is_map() && top.is_map()) {
    // The merged mapping is placed where the variant wrote it: checks across its values (sums,
    // from/to) then point at the file the user is editing.
    base.where = top.where;
    // Large mappings are merged through an index of the base's keys (indexes: push_back may
    // move the items), small ones by search, which is faster there.
    constexpr size_t kIndexFrom = 4096;
    std::unordered_map<std::string, size_t> index;
    bool indexed = base.items.size() * top.items.size() > kIndexFrom;
    if (indexed) {
      for (size_t i = 0; i < base.items.size(); ++i)
        index.emplace(base.items[i].key, i);
    }
    for (const Tree& item : top.items) {
      Tree* existing = nullptr;
      if (!indexed) {
        existing = base.find(item.key);
      } else if (auto at = index.find(item.key); at != index.end()) {
        existing = &base.items[at->second];
      }
      if (existing != nullptr) {
        merge_into(*existing, item);
      } else {
        base.items.push_back(item);
      }
    }
    return;
  }
  if (base.is_id_list() && top.is_id_list() && !top.items.empty()) {
    // Merged by id, a repeated id in the variant would silently fold into the first. Both
    // lookups go through maps: lists of many thousands of items must stay near-linear.
    std::unordered_map<std::string_view, const Tree*> first;
    for (const Tree& item : top.items) {
      const Tree* id = item.item_id();
      auto [at, fresh] = first.emplace(id->scalar, id);
      if (!fresh) {
        throw Error(id->where, msg("id'et '{}' findes to gange i '{}' (første gang ved {})",
                                   "duplicate id '{}' in '{}' (first at {})", excerpt(id->scalar),
                                   top.key, at->second->where.str()));
      }
    }
    // Indexes, not pointers: push_back below may move the base's items.
    std::unordered_map<std::string, size_t> in_base;
    for (size_t i = 0; i < base.items.size(); ++i)
      in_base.emplace(base.items[i].item_id()->scalar, i);
    for (const Tree& item : top.items) {
      auto at = in_base.find(item.item_id()->scalar);
      if (at != in_base.end()) {
        merge_into(base.items[at->second], item);
      } else {
        base.items.push_back(item);
      }
    }
    return;
  }
  replace(base, top);
}

void apply_set(Tree& root, std::string_view assignment) {
  // Every node of the value carries this label as its location: a short prefix of the
  // assignment, so that a long value does not cost its length once per node.
  std::string label = "--set " + excerpt(assignment);
  SourceLocation where{label, 0, 0};
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw Error(where, msg("forventede nøgle.sti=værdi", "expected key.path=value"));
  }
  if (assignment.size() > kMaxSetBytes) {
    throw Error(where, msg("--set er for lang ({} byte; grænsen er {} byte)",
                           "--set is too long ({} bytes; the limit is {} bytes)", assignment.size(),
                           kMaxSetBytes));
  }
  std::string_view path = assignment.substr(0, eq);
  if (path == "extends" || path.starts_with("extends.")) {
    // The chain is resolved before --set applies: a new base here would be silently ignored.
    throw Error(where,
                msg("'extends' kan ikke ændres med --set; skriv det i scenariefilen",
                    "'extends' cannot be changed with --set; write it in the scenario file"));
  }
  Tree value;
  try {
    value = parse_yaml(assignment.substr(eq + 1), label);
  } catch (const Error& e) {  // a one-line value: its line and column add nothing
    throw Error(where, e.diagnostics().front().message);  // NOLINT: the message in both languages
  }
  relocate(value, where);

  std::vector<std::string> parts = split_path(path);
  Tree* node = &root;
  std::string walked;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    bool last = i + 1 == parts.size();
    if (part.empty())
      throw Error(where, msg("tomt led i stien '{}'", "empty segment in path '{}'", excerpt(path)));
    Tree* next = nullptr;
    if (node->is_map()) {
      next = node->find(part);
      if (next == nullptr && last) {  // a new key: validation decides whether it belongs here
        value.key = part;
        value.key_where = where;
        node->items.push_back(std::move(value));
        return;
      }
    } else if (node->is_id_list()) {
      next = find_id(*node, part);
    } else if (node->is_seq()) {
      size_t index = 0;
      auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (ec == std::errc() && end == part.data() + part.size() && index < node->items.size()) {
        next = &node->items[index];
      }
    }
    std::string here = walked;
    if (!here.empty())
      here += '.';
    here += part;
    if (next == nullptr) {
      std::string known = known_keys(*node);
      if (node->is_seq() && !node->is_id_list()) {
        throw Error(
            where, msg("'{}' findes ikke ('{}' er en liste med {} elementer; brug et indeks fra 0)",
                       "'{}' does not exist ('{}' is a list of {} items; use an index from 0)",
                       here, walked, node->items.size()));
      }
      throw Error(where, known.empty() ? msg("'{}' findes ikke", "'{}' does not exist", here)
                                       : msg("'{}' findes ikke (kendte her: {})",
                                             "'{}' does not exist (known here: {})", here, known));
    }
    walked = here;
    node = next;
  }
  replace(*node, value);
}

}  // namespace ungegaranti
