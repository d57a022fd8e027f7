// The summary in words (report's first table): every number in it is one the tables show.
#include "ungegaranti/narrative.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/report.hpp"

using ungegaranti::Lang;
using ungegaranti::Tier;

namespace {

// Every number written in `text`: "56,67", "10,94", "2032", "1-32" gives "1" and "32".
std::vector<std::string> numbers_in(const std::string& text, Lang lang) {
  std::regex number(lang == Lang::kDa ? R"(\d[\d.]*(,\d+)?)" : R"(\d[\d,]*(\.\d+)?)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number);
       it != std::sregex_iterator(); ++it) {
    std::string n = it->str();
    while (!n.empty() && (n.back() == '.' || n.back() == ','))  // the end of a sentence
      n.pop_back();
    out.push_back(n);
  }
  return out;
}

std::string sentences(const ungegaranti::Table& t) {
  std::string out;
  for (const auto& row : t.rows)
    out += row.cells.front().text + "\n";
  return out;
}

}  // namespace

TEST_CASE("narrative: every number in the words is one the report's tables show") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  for (Lang lang : {Lang::kDa, Lang::kEn}) {
    CAPTURE(static_cast<int>(lang));
    auto tables = ungegaranti::report_tables(s, &data, lang);
    REQUIRE(tables.front().id == "narrative");
    const auto& words = tables.front();
    CHECK(words.rows.size() >= 6);
    CHECK(words.rows.size() <= 10);
    // The rest of the report as a reader sees it, with money in million kroner.
    std::vector<ungegaranti::Table> rest(tables.begin() + 1, tables.end());
    std::string shown =
        ungegaranti::render(rest, {ungegaranti::Format::kTable, lang, ungegaranti::Unit::kMkr});
    std::vector<std::string> in_tables = numbers_in(shown, lang);
    std::set<std::string> known(in_tables.begin(), in_tables.end());
    for (const std::string& n : numbers_in(sentences(words), lang)) {
      CAPTURE(n);
      CHECK(known.count(n) == 1);
    }
  }
}

TEST_CASE("narrative: the costs, reach, shares and verdicts, computed apart from the tables") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto words = sentences(ungegaranti::report_tables(s, &data, Lang::kDa).front());
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  auto p = ungegaranti::project(s, data, tiers);
  auto n = [](double v, int decimals) {
    return ungegaranti::format_number(v, decimals, Lang::kDa);
  };
  for (const auto& m : p.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    std::string name(ungegaranti::tier_id(m.tier) == std::string("solv")
                         ? "sølv"
                         : ungegaranti::tier_id(m.tier));  // inside a sentence: "guld"
    // The net cost over the budget years, in million kroner.
    double net = 0;
    for (const auto& row : ungegaranti::compute_cost(s, m.tier))
      net += row.dkk;
    CHECK(words.find(n(net / 1e6, 2) + " mio. kr. i " + name) != std::string::npos);
    // Distinct young people in the last budget year, all bands.
    double reached = 0;
    for (const auto& band : ungegaranti::compute_coverage(s, m.tier).bands)
      reached += band.distinct.back();
    CHECK(words.find(name + " " + n(reached, 0)) != std::string::npos);
    CHECK(words.find(n(m.share_at_horizon_pct, 2) + " % med " + name) != std::string::npos);
    // The verdict and its probabilities, with and without the guarantee.
    std::string verdict = m.verdict == ungegaranti::Verdict::kMet         ? ": målet nås i "
                          : m.verdict == ungegaranti::Verdict::kUncertain ? "er derfor usikkert"
                                                                          : ": målet nås ikke";
    CHECK(words.find(verdict) != std::string::npos);
    CHECK(words.find("i " + n(*m.p_met * 100, 0) + " % af de historiske fremtider mod " +
                     n(*m.p_met_without * 100, 0) + " % uden ungegaranti") != std::string::npos);
  }
  // The baseline at the horizon, and what is already true without the guarantee.
  size_t h = static_cast<size_t>(p.models.front().horizon - p.base_year);
  CHECK(words.find("fremskrives den til " + n(p.baseline.at(h).share_pct, 2) + " %") !=
        std::string::npos);
  bool any_without = false;
  for (const auto& m : p.models)
    any_without = any_without || m.met_without;
  CHECK((words.find("Målet er nået allerede uden ungegaranti.") != std::string::npos) ==
        any_without);
}
