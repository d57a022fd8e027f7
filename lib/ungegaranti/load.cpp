#include "ungegaranti/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "ungegaranti/input_file.hpp"
#include "ungegaranti/merge.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/schema.hpp"
#include "ungegaranti/tree.hpp"

extern const char kUngegarantiBuiltinScenario[];
extern const unsigned long kUngegarantiBuiltinScenarioSize;
extern const char kUngegarantiBuiltinTree[];  // serialize_tree() of it, made by the build
extern const unsigned long kUngegarantiBuiltinTreeSize;

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path, const SourceLocation& asked_at) {
  return read_input_file(path, ParseLimits{}.max_bytes, asked_at,
                         {"en scenariefil", "a scenario file"});
}

// municipality.code of a tree, if it has one.
std::optional<Tree> code_node(const Tree& root) {
  const Tree* m = root.is_map() ? root.find("municipality") : nullptr;
  const Tree* code = m != nullptr && m->is_map() ? m->find("code") : nullptr;
  return code == nullptr ? std::nullopt : std::optional<Tree>(*code);
}

// When a later layer (a file that extends this one, or --set) changes municipality.code, the
// code it had (`before`) is kept as municipality.written_for, unless that is given: the
// participants and head counts were written for it (docs/scenario-reference.md#municipality).
void keep_written_for(Tree& merged, const std::optional<Tree>& before) {
  std::optional<Tree> after = code_node(merged);
  if (!before || !after || (after->scalar == before->scalar && after->kind == before->kind))
    return;
  Tree* m = merged.find("municipality");
  if (m->find("written_for") != nullptr)
    return;
  Tree written_for = *before;
  written_for.key = "written_for";
  m->items.push_back(std::move(written_for));
}

size_t count_values(const Tree& tree) {
  size_t n = 1;
  for (const Tree& item : tree.items)
    n += count_values(item);
  return n;
}

// Loads one file of an `extends` chain, with its bases merged below it.
class ChainLoader {
 public:
  Tree load(const std::string& name, std::string_view text) {
    // The embedded default was parsed when it was built; parsing it again is most of a run.
    Tree tree = name == kBuiltinScenario && text == builtin_scenario_text()
                    ? deserialize_tree({kUngegarantiBuiltinTree, kUngegarantiBuiltinTreeSize}, name)
                    : parse_yaml(text, name);
    count_bytes(text.size(), tree.where);
    count_values(tree, tree.where);
    return extend(std::move(tree), name);
  }

  void start(const std::string& name) {
    chain_ = {identity(name)};
    names_ = {name};
    bytes_ = 0;
    values_ = 0;
  }

 private:
  // Lays `tree` over the base its `extends` names (loaded first), or returns it as it is. The
  // file's text is gone by then: a chain holds its trees, not the text it was read from.
  Tree extend(Tree tree, const std::string& name) {
    if (tree.is_null())
      throw Error({name, 0, 0}, msg("filen er tom; forventede et scenarie",
                                    "the file is empty; expected a scenario"));
    if (!tree.is_map()) {
      throw Error(tree.where,
                  msg("forventede en tabel med scenarienøgler øverst (fik {})",
                      "expected a mapping of scenario keys at the top (got {})", describe(tree)));
    }
    const Tree* extends = tree.find("extends");
    if (extends == nullptr)
      return tree;
    if (!extends->is_scalar() || extends->scalar.empty()) {
      throw Error(extends->where, msg("'extends' skal være stien til en grundscenariefil",
                                      "'extends' must be the path of a base scenario file"));
    }
    if (extends->scalar.find('\0') != std::string::npos) {  // c_str() would open the prefix
      throw Error(extends->where, msg("stien i 'extends' indeholder en NUL-byte",
                                      "the path in 'extends' holds a NUL byte"));
    }
    if (chain_.size() >= kMaxChainFiles) {
      throw Error(extends->where,
                  msg("extends-kæden er for lang (grænsen er {} filer)",
                      "the extends chain is too long (the limit is {} files)", kMaxChainFiles));
    }
    std::string base_name = resolve(name, extends->scalar);
    std::string key = identity(base_name);
    for (const std::string& seen : chain_) {
      if (seen == key) {
        std::string cycle;
        for (const std::string& n : names_)
          cycle += n + " -> ";
        throw Error(extends->where,
                    msg("extends-kreds: {}{}", "extends cycle: {}{}", cycle, base_name));
      }
    }
    chain_.push_back(key);
    names_.push_back(base_name);
    Tree base;
    if (base_name == kBuiltinScenario) {
      base = load(base_name, builtin_scenario_text());
    } else {
      Tree parsed;
      {
        std::string text = read_file(base_name, extends->where);
        count_bytes(text.size(), extends->where);  // before the parse, which is the work
        parsed = parse_yaml(text, base_name);
        count_values(parsed, extends->where);
      }
      base = extend(std::move(parsed), base_name);
    }
    std::erase_if(tree.items, [](const Tree& item) { return item.key == "extends"; });
    std::optional<Tree> base_code = code_node(base);
    merge_into(base, tree);
    localize_tree(base, base_code ? &*base_code : nullptr, builtin_population());
    keep_written_for(base, base_code);
    return base;
  }

  // Adds one file to the chain's totals: each file is held to ParseLimits, and the chain as a
  // whole to kMaxChainBytes and kMaxChainValues, so that memory stays bounded by the input.
  void count_bytes(size_t bytes, const SourceLocation& where) {
    bytes_ += bytes;
    if (bytes_ > kMaxChainBytes) {
      throw Error(where, msg("extends-kæden er for stor ({} byte i alt; grænsen er {} byte)",
                             "the extends chain is too large ({} bytes in all; the limit is {} "
                             "bytes)",
                             bytes_, kMaxChainBytes));
    }
  }

  void count_values(const Tree& tree, const SourceLocation& where) {
    values_ += ungegaranti::count_values(tree);
    if (values_ > kMaxChainValues) {
      throw Error(where, msg("extends-kæden har for mange værdier (grænsen er {} i alt)",
                             "the extends chain has too many values (the limit is {} in all)",
                             kMaxChainValues));
    }
  }

  static std::string resolve(const std::string& from, const std::string& target) {
    if (target == kBuiltinScenario)
      return target;
    fs::path p(target);
    if (!p.is_absolute() && from != kBuiltinScenario)
      p = fs::path(from).parent_path() / p;
    std::string normal = p.lexically_normal().string();
    if (normal.size() > 1 && normal.back() == '/')
      normal.pop_back();  // "dir/." -> "dir"
    return normal;
  }

  static std::string identity(const std::string& name) {
    if (name == kBuiltinScenario)
      return name;
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(name, ec);
    return ec ? name : canonical.string();
  }

  std::vector<std::string> chain_;  // identities, to find cycles
  std::vector<std::string> names_;  // as written, for the message
  size_t bytes_ = 0;                // the chain's text so far
  size_t values_ = 0;               // and its values
};

}  // namespace

std::string_view builtin_scenario_text() {
  return {kUngegarantiBuiltinScenario, kUngegarantiBuiltinScenarioSize};
}

namespace {

void hash_bytes(uint64_t& h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
}

void hash_node(uint64_t& h, const Tree& tree) {
  // Lengths are hashed before contents so that different splits of the same bytes differ. The
  // head is "kind:quoted:key size:scalar size:items:", quoted as true/false, written without
  // fmt (this runs for every node of every scenario loaded).
  char head[128];
  char* end = head + sizeof head;
  char* at = std::to_chars(head, end, static_cast<int>(tree.kind)).ptr;
  *at++ = ':';
  std::string_view quoted = tree.quoted ? "true:" : "false:";
  at = std::copy(quoted.begin(), quoted.end(), at);
  for (size_t n : {tree.key.size(), tree.scalar.size(), tree.items.size()}) {
    at = std::to_chars(at, end, n).ptr;
    *at++ = ':';
  }
  hash_bytes(h, std::string_view(head, static_cast<size_t>(at - head)));
  hash_bytes(h, tree.key);
  hash_bytes(h, tree.scalar);
  for (const Tree& item : tree.items)
    hash_node(h, item);
}

}  // namespace

std::string text_hash(std::string_view bytes) { return text_hash({bytes}); }

std::string text_hash(std::initializer_list<std::string_view> pieces) {
  uint64_t h = 14695981039346656037ull;
  for (std::string_view bytes : pieces)
    hash_bytes(h, bytes);
  return fmt::format("{:016x}", h).substr(0, 12);
}

std::string tree_hash(const Tree& tree) {
  uint64_t h = 14695981039346656037ull;
  hash_node(h, tree);
  return fmt::format("{:016x}", h).substr(0, 12);
}

ScenarioSource read_scenario_source(const std::string& path) {
  if (path.empty() || path == kBuiltinScenario) {
    return {std::string(kBuiltinScenario), std::string(builtin_scenario_text())};
  }
  return {path, read_file(path, {})};
}

Tree resolve_scenario(std::string_view text, const std::string& file,
                      const std::vector<std::string>& sets) {
  ChainLoader loader;
  loader.start(file);
  Tree tree = loader.load(file, text);
  std::optional<Tree> file_code = code_node(tree);
  for (const std::string& set : sets)
    apply_set(tree, set);
  localize_tree(tree, file_code ? &*file_code : nullptr, builtin_population());
  keep_written_for(tree, file_code);
  return tree;
}

Scenario read_resolved(const Tree& tree, const std::string& origin) {
  std::vector<Diagnostic> problems;
  Scenario scenario = read_scenario(tree, problems);
  if (!problems.empty())
    throw Error(std::move(problems));
  scenario.origin = origin;
  scenario.input_hash = tree_hash(tree);
  return scenario;
}

Scenario parse_scenario(std::string_view text, const std::string& file,
                        const std::vector<std::string>& sets) {
  return read_resolved(resolve_scenario(text, file, sets), file);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets) {
  ScenarioSource source = read_scenario_source(path);
  return parse_scenario(source.text, source.name, sets);
}

}  // namespace ungegaranti
