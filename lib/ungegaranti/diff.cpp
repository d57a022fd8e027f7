#include "ungegaranti/diff.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/projection.hpp"

namespace ungegaranti {
namespace {

// The children of a mapping or list, each with its path segment.
std::vector<std::pair<std::string, const Tree*>> children(const Tree& t) {
  std::vector<std::pair<std::string, const Tree*>> out;
  bool ids = t.is_id_list();
  for (size_t i = 0; i < t.items.size(); ++i) {
    const Tree& item = t.items[i];
    std::string segment = t.is_map() ? item.key : ids ? item.item_id()->scalar : std::to_string(i);
    out.emplace_back(segment, &item);
  }
  return out;
}

// One line of YAML for a value: a scalar as written, a structure in flow style.
std::string text_of(const Tree& t) {
  if (t.is_scalar())
    return t.quoted ? fmt::format("\"{}\"", t.scalar) : t.scalar;
  if (t.is_null())
    return "~";
  std::string out = t.is_map() ? "{" : "[";
  for (size_t i = 0; i < t.items.size(); ++i) {
    out += i > 0 ? ", " : "";
    out += t.is_map() ? t.items[i].key + ": " + text_of(t.items[i]) : text_of(t.items[i]);
  }
  return out + (t.is_map() ? "}" : "]");
}

bool same(const Tree& a, const Tree& b) { return text_of(a) == text_of(b) && a.key == b.key; }

void walk(const Tree& a, const Tree& b, const std::string& path, std::vector<ValueChange>& out) {
  bool both_maps = a.is_map() && b.is_map();
  bool both_id_lists = a.is_id_list() && b.is_id_list();
  bool both_plain_lists = a.is_seq() && b.is_seq() && !a.is_id_list() && !b.is_id_list() &&
                          a.items.size() == b.items.size();
  if (!(both_maps || both_id_lists || both_plain_lists)) {
    if (text_of(a) != text_of(b))
      out.push_back({path, text_of(a), text_of(b)});
    return;
  }
  auto ca = children(a), cb = children(b);
  auto find = [](const auto& list, const std::string& segment) -> const Tree* {
    for (const auto& [s, t] : list) {
      if (s == segment)
        return t;
    }
    return nullptr;
  };
  auto join = [&](const std::string& segment) {
    return path.empty() ? segment : path + "." + segment;
  };
  for (const auto& [segment, ta] : ca) {
    const Tree* tb = find(cb, segment);
    if (tb == nullptr)
      out.push_back({join(segment), text_of(*ta), std::nullopt});
    else if (!same(*ta, *tb))
      walk(*ta, *tb, join(segment), out);
  }
  for (const auto& [segment, tb] : cb) {
    if (find(ca, segment) == nullptr)
      out.push_back({join(segment), std::nullopt, text_of(*tb)});
  }
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = std::min(path.find('.', start), path.size());
    parts.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

// The child of `t` at `segment`, as diff_values() named it, or nullptr.
Tree* child(Tree& t, const std::string& segment) {
  bool ids = t.is_id_list();
  for (size_t i = 0; i < t.items.size(); ++i) {
    Tree& item = t.items[i];
    std::string s = t.is_map() ? item.key : ids ? item.item_id()->scalar : std::to_string(i);
    if (s == segment)
      return &item;
  }
  return nullptr;
}

const Tree* find_path(const Tree& root, const std::vector<std::string>& parts) {
  const Tree* t = &root;
  for (const std::string& p : parts) {
    t = child(const_cast<Tree&>(*t), p);
    if (t == nullptr)
      return nullptr;
  }
  return t;
}

}  // namespace

std::vector<ValueChange> diff_values(const Tree& a, const Tree& b) {
  std::vector<ValueChange> out;
  walk(a, b, "", out);
  return out;
}

Tree apply_change(const Tree& a, const Tree& b, const ValueChange& change) {
  Tree result = a;
  std::vector<std::string> parts = split(change.path);
  std::vector<std::string> parent(parts.begin(), parts.end() - 1);
  Tree* at = &result;
  for (const std::string& p : parent) {
    at = child(*at, p);
    if (at == nullptr)
      return result;  // the parent is missing in a: that change is made at the parent's level
  }
  const Tree* from_b = find_path(b, parts);
  Tree* target = child(*at, parts.back());
  if (from_b == nullptr) {  // b has no value here: remove it from a
    std::erase_if(at->items, [&](const Tree& item) { return &item == target; });
  } else if (target != nullptr) {
    std::string key = target->key;
    *target = *from_b;
    target->key = key;
  } else {
    at->items.push_back(*from_b);
  }
  return result;
}

Outcome scenario_outcome(const Tree& tree, Tier tier, const std::string& name,
                         NeetDataCache& cache) {
  Scenario s = read_resolved(tree, name);
  Outcome result;
  for (const CostRow& row : compute_cost(s, tier))
    result.net_cost += row.dkk;
  if (const NeetData* data = cache.data_for(s))
    result.neet_share_pct = project(s, *data, {tier}).models.front().share_at_horizon_pct;
  return result;
}

Waterfall attribute(const Tree& a, const Tree& b, const std::vector<ValueChange>& changes,
                    Tier tier, const std::function<Outcome(const Tree&, Tier)>& outcome) {
  Waterfall w;
  w.tier = tier;
  w.start = outcome(a, tier);
  w.end = outcome(b, tier);
  Outcome sum;
  bool neet = w.start.neet_share_pct && w.end.neet_share_pct;
  if (neet)
    sum.neet_share_pct = 0.0;
  for (const ValueChange& change : changes) {
    WaterfallLine line{change.path, std::nullopt};
    try {
      Outcome alone = outcome(apply_change(a, b, change), tier);
      Outcome delta{alone.net_cost - w.start.net_cost, std::nullopt};
      if (neet && alone.neet_share_pct)
        delta.neet_share_pct = *alone.neet_share_pct - *w.start.neet_share_pct;
      sum.net_cost += delta.net_cost;
      if (sum.neet_share_pct && delta.neet_share_pct)
        *sum.neet_share_pct += *delta.neet_share_pct;
      line.delta = delta;
    } catch (const Error&) {
      // Made alone, this change does not give a valid scenario (e.g. fewer budget years with the
      // old ramps): its effect is left in the interaction line.
    }
    w.lines.push_back(line);
  }
  w.interaction.net_cost = (w.end.net_cost - w.start.net_cost) - sum.net_cost;
  if (neet)
    w.interaction.neet_share_pct =
        (*w.end.neet_share_pct - *w.start.neet_share_pct) - *sum.neet_share_pct;
  return w;
}

}  // namespace ungegaranti
