#include "ungegaranti/load.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "ungegaranti/merge.hpp"
#include "ungegaranti/schema.hpp"
#include "ungegaranti/tree.hpp"

extern const char kUngegarantiBuiltinScenario[];
extern const unsigned long kUngegarantiBuiltinScenarioSize;

namespace ungegaranti {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path, const SourceLocation& asked_at) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw Error(asked_at, fmt::format("'{}' is a directory, not a scenario file", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(asked_at, fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  // Stop early on a huge file rather than reading it all; parse_yaml() reports the limit.
  constexpr std::streamsize kReadCap = (4 << 20) + 1;
  std::string text(static_cast<size_t>(kReadCap), '\0');
  in.read(text.data(), kReadCap);
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) {
    throw Error(asked_at, fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  }
  return text;
}

// Loads one file of an `extends` chain, with its bases merged below it.
class ChainLoader {
 public:
  Tree load(const std::string& name, std::string_view text) {
    Tree tree = parse_yaml(text, name);
    if (tree.is_null()) throw Error({name, 0, 0}, "the file is empty; expected a scenario");
    if (!tree.is_map()) {
      throw Error(tree.where, fmt::format("expected a mapping of scenario keys at the top (got {})",
                                          describe(tree)));
    }
    const Tree* extends = tree.find("extends");
    if (extends == nullptr) return tree;
    if (!extends->is_scalar() || extends->scalar.empty()) {
      throw Error(extends->where, "'extends' must be the path of a base scenario file");
    }
    std::string base_name = resolve(name, extends->scalar);
    std::string key = identity(base_name);
    for (const std::string& seen : chain_) {
      if (seen == key) {
        std::string cycle;
        for (const std::string& n : names_) cycle += n + " -> ";
        throw Error(extends->where, fmt::format("extends cycle: {}{}", cycle, base_name));
      }
    }
    chain_.push_back(key);
    names_.push_back(base_name);
    Tree base = base_name == kBuiltinScenario
                    ? load(base_name, builtin_scenario_text())
                    : load(base_name, read_file(base_name, extends->where));
    std::erase_if(tree.items, [](const Tree& item) { return item.key == "extends"; });
    merge_into(base, tree);
    return base;
  }

  void start(const std::string& name) {
    chain_ = {identity(name)};
    names_ = {name};
  }

 private:
  static std::string resolve(const std::string& from, const std::string& target) {
    if (target == kBuiltinScenario) return target;
    fs::path p(target);
    if (!p.is_absolute() && from != kBuiltinScenario) p = fs::path(from).parent_path() / p;
    std::string normal = p.lexically_normal().string();
    if (normal.size() > 1 && normal.back() == '/') normal.pop_back();  // "dir/." -> "dir"
    return normal;
  }

  static std::string identity(const std::string& name) {
    if (name == kBuiltinScenario) return name;
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(name, ec);
    return ec ? name : canonical.string();
  }

  std::vector<std::string> chain_;  // identities, to find cycles
  std::vector<std::string> names_;  // as written, for the message
};

}  // namespace

std::string_view builtin_scenario_text() {
  return {kUngegarantiBuiltinScenario, kUngegarantiBuiltinScenarioSize};
}

std::string short_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h).substr(0, 12);
}

Scenario parse_scenario(std::string_view text, const std::string& file,
                        const std::vector<std::string>& sets) {
  ChainLoader loader;
  loader.start(file);
  Tree tree = loader.load(file, text);
  for (const std::string& set : sets) apply_set(tree, set);

  std::vector<Diagnostic> problems;
  Scenario scenario = read_scenario(tree, problems);
  if (!problems.empty()) throw Error(std::move(problems));
  scenario.origin = file;
  scenario.resolved = emit_yaml(tree);
  scenario.input_hash = short_hash(scenario.resolved);
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets) {
  if (path.empty() || path == kBuiltinScenario) {
    return parse_scenario(builtin_scenario_text(), std::string(kBuiltinScenario), sets);
  }
  return parse_scenario(read_file(path, {}), path, sets);
}

}  // namespace ungegaranti
