// The default report reads in one language: a Danish run has no English words and no scenario
// paths in what a reader sees (text, Markdown, HTML without its tags), and an English run has no
// Danish words outside the scenario's own names and the quoted sources (the price catalogue's and
// the refusion's included).

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/render/html.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/report.hpp"

using ungegaranti::Lang;

namespace {

// The report as a reader sees it in each format, with the Monte Carlo tables (report --draws).
struct Rendered {
  ungegaranti::Scenario scenario;
  std::vector<std::pair<std::string, std::string>> formats;  // name, text
};

std::string replace_all(std::string text, const std::regex& pattern, const std::string& with) {
  return std::regex_replace(text, pattern, with);
}

// The HTML's text: no <style>, no tags (a <wbr> joins its word), the five entities decoded.
std::string html_text(const std::string& html) {
  std::string text = replace_all(html, std::regex(R"(<style>[\s\S]*?</style>)"), " ");
  text = replace_all(text, std::regex("<wbr>"), "");  // a break opportunity inside a word
  text = replace_all(text, std::regex(R"(<[^>]*>)"), " ");
  for (auto [entity, c] :
       {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    text = replace_all(text, std::regex(entity), c);
  return text;
}

Rendered render_default(Lang lang) {
  static const auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  Rendered r{ungegaranti::load_scenario(""), {}};
  auto mc = ungegaranti::monte_carlo(r.scenario, &data, 20, 1, 1);
  auto results = ungegaranti::compute_report(r.scenario, &data);
  auto tables = ungegaranti::report_tables(r.scenario, &data, results, lang, &mc);
  auto figures = ungegaranti::report_figures(r.scenario, &data, results, lang, &mc);
  using ungegaranti::Format;
  r.formats.push_back({"text", ungegaranti::render(tables, {Format::kTable, lang})});
  r.formats.push_back({"markdown", ungegaranti::render(tables, {Format::kMarkdown, lang})});
  r.formats.push_back(
      {"html", html_text(ungegaranti::render_html(tables, figures, {Format::kTable, lang}))});
  return r;
}

// Words of `text` (letters, Danish ones included), URLs left out.
std::vector<std::string> words_of(const std::string& text) {
  std::string plain = replace_all(text, std::regex(R"(https?://\S+)"), " ");
  std::vector<std::string> out;
  std::string word;
  for (size_t i = 0; i <= plain.size(); ++i) {
    unsigned char c = i < plain.size() ? static_cast<unsigned char>(plain[i]) : ' ';
    if (std::isalpha(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// The words of `list` that `text` has, each once, in the order found: "" when none.
std::string found(const std::string& text, const std::set<std::string>& list) {
  std::set<std::string> seen;
  std::string out;
  for (const std::string& w : words_of(text)) {
    if (list.contains(w) && seen.insert(w).second)
      out += out.empty() ? w : " " + w;
  }
  return out;
}

}  // namespace

TEST_CASE("the Danish report has no English words and names no scenario path") {
  // Common English words that are not also Danish words ("for", "at", "to", "i" are both).
  const std::set<std::string> english = {
      "the",        "and",         "of",           "with",    "per",   "year",   "years",
      "assumption", "assumptions", "participants", "which",   "that",  "from",   "are",
      "were",       "was",         "not",          "this",    "cost",  "costs",  "only",
      "each",       "used",        "than",         "would",   "into",  "about",  "between",
      "because",    "without",     "where",        "should",  "share", "people", "young",
      "hours",      "week",        "range",        "assumed", "none"};
  // A key path: two or more lowercase words with underscores joined by dots. Domain names and
  // file names (bm.dk, norddjurs.yaml) are not paths.
  const std::regex path(R"(\b[a-z_]+(\.[a-z_]+)+\b)");
  const std::regex not_a_path(R"(\.(dk|com|org|net|eu|app|yaml|csv|md|html|xlsx|json|txt)$)");
  Rendered r = render_default(Lang::kDa);
  for (const auto& [format, text] : r.formats) {
    CAPTURE(format);
    CHECK(found(text, english) == "");
    std::string plain = replace_all(text, std::regex(R"(https?://\S+)"), " ");
    std::string paths;
    for (auto it = std::sregex_iterator(plain.begin(), plain.end(), path);
         it != std::sregex_iterator(); ++it) {
      if (!std::regex_search(it->str(), not_a_path))
        paths += " " + it->str();
    }
    CHECK(paths == "");
  }
}

TEST_CASE("the English report has no Danish words outside the scenario's names and sources") {
  // Danish words that are not English words. The scenario's own names (initiatives, tracks,
  // roles, departments, benefits, pools), its title and its sources are Danish by design and
  // are taken out first; so is the quoted source word 'antagelse'.
  const std::set<std::string> danish = {"og",      "af",      "ikke",      "til",      "med",
                                        "eller",   "uden",    "deltagere", "udgift",   "årsværk",
                                        "antaget", "året",    "andel",     "kommunen", "noten",
                                        "spænd",   "omkring", "unge",      "pr"};
  Rendered r = render_default(Lang::kEn);
  const ungegaranti::Scenario& s = r.scenario;
  std::vector<std::string> own = {s.title, s.municipality_name, "'antagelse'"};
  for (const auto& x : s.departments)
    own.push_back(x.name);
  for (const auto& x : s.tracks) {
    own.push_back(x.name);
    own.push_back(x.source);  // a quote of the proposal, in Danish
  }
  own.push_back(s.proposal_source);
  if (s.steering_group)
    own.push_back(s.steering_group->source);
  for (const auto& x : s.roles)
    own.push_back(x.name);
  for (const auto& x : s.initiatives)
    own.push_back(x.name);
  for (const auto& m : s.models) {
    own.push_back(m.source);
    for (const auto& x : m.one_off)
      own.push_back(x.name);
    for (const auto& x : m.funding)
      own.push_back(x.name);
  }
  for (const auto& x : s.economics->benefits)
    own.push_back(x.name);
  for (const auto& x : s.economics->prices) {  // the price catalogue's names and sources
    own.push_back(x.name);
    own.push_back(x.amount.source);
  }
  if (s.economics->refusion)
    own.push_back(s.economics->refusion->source);
  own.push_back(s.economics->satsregulering.source);
  for (const ungegaranti::Quantity* q : ungegaranti::all_quantities(s))
    own.push_back(q->source);
  // Longest first, so that a name inside a longer one does not break it up.
  std::sort(own.begin(), own.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (auto& [format, text] : r.formats) {
    CAPTURE(format);
    std::string rest = text;
    for (const std::string& name : own) {
      if (name.empty())
        continue;
      for (size_t at = rest.find(name); at != std::string::npos; at = rest.find(name, at))
        rest.replace(at, name.size(), " ");
    }
    CHECK(found(rest, danish) == "");
  }
}
