#include "ungegaranti/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>
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
    for (const Tree& item : top.items) {
      if (Tree* existing = base.find(item.key)) {
        merge_into(*existing, item);
      } else {
        base.items.push_back(item);
      }
    }
    return;
  }
  if (base.is_id_list() && top.is_id_list() && !top.items.empty()) {
    // Merged by id, a repeated id in the variant would silently fold into the first.
    for (size_t i = 0; i < top.items.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const Tree* id = top.items[i].item_id();
        if (id->scalar == top.items[j].item_id()->scalar) {
          throw Error(id->where, msg("id'et '{}' findes to gange i '{}' (første gang ved {})",
                                     "duplicate id '{}' in '{}' (first at {})", id->scalar, top.key,
                                     top.items[j].item_id()->where.str()));
        }
      }
    }
    for (const Tree& item : top.items) {
      if (Tree* existing = find_id(base, item.item_id()->scalar)) {
        merge_into(*existing, item);
      } else {
        base.items.push_back(item);
      }
    }
    return;
  }
  replace(base, top);
}

void apply_set(Tree& root, std::string_view assignment) {
  std::string label = "--set " + std::string(assignment);
  SourceLocation where{label, 0, 0};
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw Error(where, msg("forventede nøgle.sti=værdi", "expected key.path=value"));
  }
  std::string_view path = assignment.substr(0, eq);
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
      throw Error(where, msg("tomt led i stien '{}'", "empty segment in path '{}'", path));
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
