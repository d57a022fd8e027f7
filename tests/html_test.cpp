#include "ungegaranti/render/html.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include "app.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/render/svg.hpp"
#include "ungegaranti/report.hpp"

using namespace ungegaranti;

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// "nan", "inf" or "infinity" as a word: what a non-finite double prints as.
bool has_non_finite(const std::string& text) {
  static const std::regex word(R"(\b(nan|inf|infinity)\b)", std::regex::icase);
  return std::regex_search(text, word);
}

// The <svg> elements of a document, in order.
std::vector<std::string> svgs(const std::string& html) {
  std::vector<std::string> out;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    out.push_back(html.substr(at, html.find("</svg>", at) + 6 - at));
  return out;
}

struct Report {
  std::vector<Table> tables;
  std::vector<Figure> figures;
  std::string html;
};

Report default_report(Lang lang, Unit unit = Unit::kKr) {
  static const NeetData data = load_neet_data(builtin_comparison_files());
  Scenario s = load_scenario("");
  Report r;
  ReportResults results = compute_report(s, &data);
  r.tables = report_tables(s, &data, results, lang);
  r.figures = report_figures(s, &data, results, lang);
  r.html = render_html(r.tables, r.figures, {Format::kTable, lang, unit});
  return r;
}

// Six municipalities over two data years; 1 is the subject, 1-4 its comparable group.
NeetData hand_data() {
  NeetData d;
  for (int code = 1; code <= 6; ++code)
    d.municipalities.push_back({code, "K" + std::to_string(code), code <= 4 ? 5 : 1, ""});
  d.years = {2023, 2024};
  d.shares = {{1, {10, 10}}, {2, {6, 5}}, {3, {7, 7}}, {4, {9, 9}}, {5, {11, 11}}, {6, {12, 13}}};
  d.vintage = "hånd 2023-2024";
  return d;
}

ProjectionResult hand_result() {
  ProjectionResult r;
  r.code = 1;
  r.name = "Testrup";
  r.base_year = 2024;
  r.group = {1, 2, 3, 4};
  r.group_label = "Gruppe 5";
  r.vintage = "hånd 2023-2024";
  // The paths run a year past the latest horizon, as they do for the economics.
  for (int year = 2024; year <= 2027; ++year)
    r.baseline.push_back({year, 10.0, {}, {}});
  r.group_average_pct = {7, 7, 7, 7};
  ModelPath solv;
  solv.tier = Tier::kSolv;
  solv.target = Target::kBestThirdAll;
  solv.horizon = 2026;
  solv.threshold_pct = 8.5;
  ModelPath bronze;
  bronze.tier = Tier::kBronze;
  bronze.target = Target::kNone;
  bronze.horizon = 2025;
  for (int year = 2024; year <= 2027; ++year) {
    solv.years.push_back({year, 10.0 - (year - 2024), {}, {}});
    bronze.years.push_back({year, 10.0 - 0.5 * (year - 2024), {}, {}});
  }
  r.models = {solv, bronze};
  return r;
}

}  // namespace

TEST_CASE("html: the NEET chart of a hand-made projection has the expected points") {
  Scenario s;
  s.projection = Projection{};  // base is the last data year, every municipality holds its level
  LineChart c = neet_chart(s, hand_result(), hand_data(), Lang::kDa);
  CHECK(c.title == "NEET-andel for 16-24-årige i Testrup, 2024-2026");
  CHECK(c.x_label == "År");
  CHECK(c.y_label == "NEET-andel (%)");

  // The others in 2024 are 5, 7, 9, 11, 13: the 10th percentile is 5 + 0.4 * 2, the 90th
  // 11 + 0.6 * 2. The group's others are 5, 7 and 9. The years stop at the latest horizon.
  REQUIRE(c.bands.size() == 2);
  CHECK(c.bands[0] == Band{"all",
                           "Øvrige kommuner, 10.-90. percentil",
                           {2024, 2025, 2026},
                           {5.8, 5.8, 5.8},
                           {12.2, 12.2, 12.2}});
  CHECK(c.bands[1] == Band{"group",
                           "Sammenlignelige kommuner, laveste-højeste",
                           {2024, 2025, 2026},
                           {5, 5, 5},
                           {9, 9, 9}});
  REQUIRE(c.series.size() == 4);
  CHECK(c.series[0] == Series{"group_average",
                              "Gennemsnit, sammenlignelige kommuner",
                              {2024, 2025, 2026},
                              {7, 7, 7}});
  CHECK(c.series[1] ==
        Series{"baseline", "Uden ungegaranti (basis)", {2024, 2025, 2026}, {10, 10, 10}});
  CHECK(c.series[2] == Series{"solv", "Sølv", {2024, 2025, 2026}, {10, 9, 8}});
  CHECK(c.series[3] == Series{"bronze", "Bronze", {2024, 2025, 2026}, {10, 9.5, 9}});
  // Bronze has no target, so no marker.
  REQUIRE(c.markers.size() == 1);
  CHECK(c.markers[0] == Marker{"solv", "Mål for Sølv i 2026: højst 8,50 %", 2026, 8.5});

  LineChart en = neet_chart(s, hand_result(), hand_data(), Lang::kEn);
  CHECK(en.markers[0].label == "Target for Silver in 2026: at most 8.50%");
  CHECK(en.y_label == "NEET share (%)");
}

TEST_CASE("html: the NEET chart develops the other municipalities as the projection does") {
  // A group of the subject and two others: the band is those two, so its middle is the group
  // average that project() computed. This ties the chart's copy of the development to project().
  static const NeetData data = load_neet_data(builtin_comparison_files());
  for (std::string trend : {"hold", "national", "own"}) {
    CAPTURE(trend);
    Scenario s = load_scenario("", {"projection.codes=[707, 101, 147]", "projection.trend=" + trend,
                                    "projection.base_years=3"});
    ProjectionResult r = project(s, data, {Tier::kGuld, Tier::kSolv, Tier::kBronze});
    LineChart c = neet_chart(s, r, data, Lang::kEn);
    const Band& group = c.bands.at(1);
    REQUIRE(group.x.size() <= r.group_average_pct.size());
    REQUIRE(group.x.size() >= 2);
    for (size_t i = 0; i < group.x.size(); ++i) {
      CAPTURE(group.x[i]);
      CHECK((group.low[i] + group.high[i]) / 2 == doctest::Approx(r.group_average_pct[i]));
    }
    CHECK(c.series.at(1).y.front() == doctest::Approx(r.baseline.front().share_pct));
  }
}

TEST_CASE("html: the cost chart stacks each model's years by category") {
  Scenario s = load_scenario("");
  std::vector<CostRow> rows;
  for (Tier tier : {Tier::kSolv, Tier::kBronze}) {
    auto part = compute_cost(s, tier);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  StackedBars c = cost_chart(s, rows, Lang::kDa);
  CHECK(c.segment_keys ==
        std::vector<std::string>{"staffing", "initiatives", "coordination", "one_off", "funding"});
  CHECK(c.segment_labels.front() == "Koordinerende personale");
  CHECK(c.segment_labels.back() == "Ekstern finansiering (puljer)");
  REQUIRE(c.groups.size() == 2);
  CHECK(c.groups[0].label == "Sølv");
  CHECK(c.groups[1].key == "bronze");
  for (const BarGroup& g : c.groups) {
    REQUIRE(g.bars.size() == static_cast<size_t>(s.year_count));
    CHECK(g.bars.front().label == std::to_string(s.first_year));
    for (size_t y = 0; y < g.bars.size(); ++y) {
      double expected = 0.0, shown = 0.0;
      for (const CostRow& r : rows) {
        if (std::string(tier_id(r.tier)) == g.key && r.year == s.first_year + static_cast<int>(y))
          expected += r.dkk;
      }
      for (double v : g.bars[y].values)
        shown += v;
      CHECK(shown == doctest::Approx(expected));
    }
  }
}

TEST_CASE(
    "html: the HTML report holds every table in order, closed, with its notes and the stamp") {
  Report r = default_report(Lang::kDa);
  const std::string& html = r.html;
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"da\">", 0) == 0);
  CHECK(html.find("</html>\n") == html.size() - 8);
  CHECK(count(html, "<table>") == r.tables.size());
  CHECK(count(html, "</table>") == r.tables.size());
  CHECK(count(html, "<tr") == count(html, "</tr>"));
  CHECK(count(html, "<td") == count(html, "</td>"));
  CHECK(count(html, "<section") == count(html, "</section>"));
  CHECK_FALSE(has_non_finite(html));
  CHECK(html.find("<script") == std::string::npos);
  // Nothing is fetched: no links, sources, imports or URLs in the markup or the CSS.
  for (const char* fetch : {"<link", " src=", " href=", "url(", "@import", "<img", "<iframe"}) {
    CAPTURE(fetch);
    CHECK(html.find(fetch) == std::string::npos);
  }

  RenderOptions options{Format::kTable, Lang::kDa, Unit::kKr};
  size_t at = 0;
  for (const Table& t : r.tables) {
    CAPTURE(t.id);
    size_t title =
        html.find("<h2>" + render_detail::escape_xml(render_detail::titled(t, options)), at);
    REQUIRE(title != std::string::npos);
    for (const std::string& note : t.notes) {
      size_t n = html.find("<p class=\"note\">" + render_detail::escape_xml(note), title);
      CHECK(n != std::string::npos);
      CHECK(n < html.find("</section>", title));
    }
    at = title + 1;
  }
  CHECK(html.find("<footer class=\"stamp\">" +
                  render_detail::escape_xml(stamp_line(r.tables.front().stamp, Lang::kDa))) > at);

  // Numbers are right-aligned and Danish, totals bold by class.
  CHECK(html.find("<th scope=\"col\" class=\"num\">I alt</th>") != std::string::npos);
  CHECK(html.find("<tr class=\"total\"><td>Guld</td><td>Netto i alt</td><td class=\"num\">") !=
        std::string::npos);
  CHECK(html.find("tr.subtotal td, tr.total td { font-weight: bold; }") != std::string::npos);
  // The register names each input in words; long URLs may break after . / and _.
  CHECK(html.find("<td>Sagsbehandler: årsværkspris</td>") != std::string::npos);
  CHECK(html.find("<wbr>") != std::string::npos);
  CHECK(html.find("<td>antagelse</td>") != std::string::npos);
  std::regex danish(R"(<td class="num">\d{1,3}(\.\d{3})+</td>)");
  CHECK(std::regex_search(html, danish));

  // Each chart follows its own table (render_detail::figure_positions): the cost chart (by
  // category) the first cost table, which is by category, the NEET chart the projection table,
  // and each model's tornado its model's tornado table (guld, solv, bronze in that order).
  std::vector<std::string> charts = svgs(html);
  REQUIRE(charts.size() == 5);
  CHECK(html.find("id=\"chart-cost\"") > html.find("<section id=\"cost\""));
  CHECK(html.find("id=\"chart-cost\"") < html.find("<section id=\"cost-2\""));
  CHECK(html.find("id=\"chart-neet\"") > html.find("<section id=\"projection\""));
  CHECK(html.find("id=\"chart-neet\"") < html.find("<section id=\"economics\""));
  const char* tiers[] = {"guld", "solv", "bronze"};
  const char* sections[] = {"<section id=\"tornado\"", "<section id=\"tornado-2\"",
                            "<section id=\"tornado-3\"", "<section id=\"assumptions\""};
  for (size_t k = 0; k < 3; ++k) {
    CAPTURE(tiers[k]);
    size_t chart_at = html.find(fmt::format("id=\"chart-tornado-{}-neet\"", tiers[k]));
    CHECK(chart_at > html.find(sections[k]));
    CHECK(chart_at < html.find(sections[k + 1]));
    const char* model[] = {"Guld", "Sølv", "Bronze"};
    CHECK(html.find(fmt::format("<h2>Følsomhed: NEET-andel % ved horisonten — {}</h2>", model[k]),
                    html.find(sections[k])) < chart_at);
  }
}

TEST_CASE("html: the SVG charts have a title, axis labels with units, and a legend") {
  struct Case {
    Lang lang;
    Unit unit;
    std::vector<std::string> cost, neet, tornado;
  };
  const Case cases[] = {
      {Lang::kDa,
       Unit::kMkr,
       {"<title id=\"chart-cost-title\">Udgifter pr. år efter kategori</title>", ">Budgetår<",
        ">Udgift (mio. kr.)<", ">Koordinerende personale<", ">Ekstern finansiering (puljer)<",
        ">Netto i alt<", ">Guld<", ">Sølv<", ">Bronze<"},
       {"<title id=\"chart-neet-title\">NEET-andel for 16-24-årige i Norddjurs", ">År<",
        ">NEET-andel (%)<", ">Uden ungegaranti (basis)<", ">Øvrige kommuner, 10.-90. percentil<",
        ">Sammenlignelige kommuner, laveste-højeste<", ">Mål for Sølv i 20", ">2024<"},
       {"<title id=\"chart-tornado-guld-neet-title\">Følsomhed: NEET-andel % ved horisonten — "
        "Guld</title>",
        ">NEET-andel % ved horisonten<", ">Input ved sin lave værdi<", ">Input ved sin høje værdi<",
        // Guld at 2032: the base (12,65 + 12,63 + 10,94) / 3 = 12,07 less its assumed fall.
        ">Basis: alle input på deres værdi (10,", ">Guld: effekt af Vejledningssporet<",
        ">Valg i fremskrivningen: laveste til højeste resultat<",
        ">Fremskrivning: antal basisår (valg: 1 … 3)<"}},
      {Lang::kEn,
       Unit::kTkr,
       {"<title id=\"chart-cost-title\">Cost per year by category</title>", ">Budget year<",
        ">Cost (1,000 kr.)<", ">Coordinating staff<", ">Net total<", ">Silver<"},
       {"<title id=\"chart-neet-title\">NEET share of 16-24-year-olds in Norddjurs", ">Year<",
        ">NEET share (%)<", ">Without the guarantee (baseline)<",
        ">Other municipalities, 10th-90th percentile<", ">Target for Silver in 20"},
       {"<title id=\"chart-tornado-guld-neet-title\">Sensitivity: NEET share % at the horizon — "
        "Gold</title>",
        ">NEET share % at the horizon<", ">Input at its low end<",
        ">Base: every input at its "
        "value (10.",
        ">Projection choice: lowest to highest outcome<",
        ">Projection: how the other municipalities develop (choice: towards national level … own "
        "trend)<"}},
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.lang));
    Report r = default_report(c.lang, c.unit);
    std::vector<std::string> charts = svgs(r.html);
    REQUIRE(charts.size() == 5);
    for (const std::string& want : c.cost) {
      CAPTURE(want);
      CHECK(charts[0].find(want) != std::string::npos);
    }
    for (const std::string& want : c.neet) {
      CAPTURE(want);
      CHECK(charts[1].find(want) != std::string::npos);
    }
    for (const std::string& want : c.tornado) {
      CAPTURE(want);
      CHECK(charts[2].find(want) != std::string::npos);
    }
  }
  // Danish tick labels have a decimal comma, English ones a point.
  Scenario s;
  s.projection = Projection{};
  LineChart hand = neet_chart(s, hand_result(), hand_data(), Lang::kDa);
  hand.bands.clear();  // the lines then run from 7 to 10: ticks 0,5 apart
  std::string svg = render_svg(Chart{hand}, {Format::kTable, Lang::kDa, Unit::kKr});
  CHECK(svg.find(R"(text-anchor="end">7,5</text>)") != std::string::npos);
  svg = render_svg(Chart{hand}, {Format::kTable, Lang::kEn, Unit::kKr});
  CHECK(svg.find(R"(text-anchor="end">7.5</text>)") != std::string::npos);
}

TEST_CASE("html: text is escaped in tables, notes, titles and charts") {
  const std::string nasty = "A & B <c> \"d\" 'e'";
  const std::string escaped = "A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;";
  Table t;
  t.id = "x";
  t.title = nasty;
  t.notes = {nasty};
  t.columns = {{"k", nasty}, {"v", "V", ColumnType::kNumber, 1}};
  t.rows = {{RowKind::kBody, {text_cell(nasty, "k"), number_cell(1.25)}}};
  t.stamp.title = nasty;
  LineChart chart;
  chart.id = "c<1>";
  chart.title = chart.x_label = chart.y_label = nasty;
  chart.series = {{"s", nasty, {1, 2}, {1, 2}}};
  chart.notes = {nasty};
  std::string html = render_html({t}, {{"x", chart}}, {Format::kTable, Lang::kDa, Unit::kKr});
  CHECK(html.find(nasty) == std::string::npos);
  CHECK(count(html, escaped) >= 9);
  CHECK(html.find("id=\"chart-c&lt;1&gt;\"") != std::string::npos);
  CHECK(html.find("<td class=\"num\">1,3</td>") != std::string::npos);
}

TEST_CASE("html: the printed page carries the title, the stamp and its number") {
  Table t;
  t.id = "x";
  t.title = "T";
  t.columns = {{"k", "K"}};
  t.rows = {{RowKind::kBody, {text_cell("a", "k")}}};
  // A title that tries to end the style element and the CSS string inside it.
  t.stamp.title = "Plan \"A\" \\ </style><b>";
  std::string da = render_html({t}, {}, {Format::kTable, Lang::kDa, Unit::kKr});
  std::string style = da.substr(da.find("<style>"), da.find("</style>") - da.find("<style>"));
  // The header holds the title with " and \ escaped and < written as the CSS escape \3c.
  CHECK(style.find(R"(@top-left { content: "Plan \"A\" \\ \3c /style>\3c b> · Bilag";)") !=
        std::string::npos);
  CHECK(style.find(R"(@bottom-right { content: "Side " counter(page) " af " counter(pages);)") !=
        std::string::npos);
  CHECK(style.find("@bottom-left { content: \"ungegaranti ") != std::string::npos);
  CHECK(count(da, "</style>") == 1);
  std::string en = render_html({t}, {}, {Format::kTable, Lang::kEn, Unit::kKr});
  CHECK(en.find(R"("Page " counter(page) " of " counter(pages))") != std::string::npos);
  CHECK(en.find(" · Appendix\";") != std::string::npos);
  // A table of one row is kept whole; the register prints on its own landscape pages.
  CHECK(da.find(R"(<section id="x" class="short">)") != std::string::npos);
  t.id = "assumptions";
  CHECK(render_html({t}, {}, {Format::kTable, Lang::kDa, Unit::kKr})
            .find(R"(<section id="assumptions" class="register">)") != std::string::npos);
}

TEST_CASE("html: no number that is not finite reaches the SVG, and a line breaks at it") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  LineChart c;
  c.id = "t";
  c.title = "T";
  c.series = {{"a", "A", {1, 2, 3, 4, 5}, {1, 2, nan, 4, 5}}};
  c.bands = {{"b", "B", {1, 2, 3}, {0, -inf, 0}, {1, 1, inf}}};
  c.markers = {{"m", "M", nan, 1}};
  std::string svg = render_svg(Chart{c}, {});
  CHECK_FALSE(has_non_finite(svg));
  CHECK(count(svg, "<polyline") == 2);

  StackedBars bars;
  bars.id = "b";
  bars.segment_keys = {"x", "y"};
  bars.segment_labels = {"X", "Y"};
  bars.groups = {{"g", "G", {{"2025", {nan, 5}}, {"2026", {inf, -inf}}}}};
  svg = render_svg(Chart{bars}, {});
  CHECK_FALSE(has_non_finite(svg));

  // Nothing at all to draw still gives axes.
  svg = render_svg(Chart{LineChart{}}, {});
  CHECK_FALSE(has_non_finite(svg));
  CHECK(svg.find("<title") != std::string::npos);
}

TEST_CASE("html: axis ticks are round numbers around the data") {
  using render_detail::nice_ticks;
  using render_detail::Ticks;
  struct Case {
    const char* name;
    double low, high;
    int count;
    Ticks want;
  };
  const Case cases[] = {
      {"shares", 8.2, 9.7, 6, {8.0, 9.75, 0.25, 2}},
      {"percent", 4.6, 13.9, 6, {4.0, 14.0, 2.0, 0}},
      {"money", -1.2e6, 9.6e6, 6, {-2e6, 10e6, 2e6, 0}},
      {"one value", 10, 10, 6, {9.0, 11.0, 0.5, 1}},
      {"zero", 0, 0, 6, {0, 1, 0.2, 1}},
      {"not finite", std::nan(""), 1, 5, {0, 1, 0.2, 1}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    Ticks t = nice_ticks(c.low, c.high, c.count);
    CHECK(t.low == doctest::Approx(c.want.low));
    CHECK(t.high == doctest::Approx(c.want.high));
    CHECK(t.step == doctest::Approx(c.want.step));
    CHECK(t.decimals == c.want.decimals);
  }
}

TEST_CASE("html: report -o FILE.html and --format html write the HTML report") {
  auto run = [](const std::vector<const char*>& args, std::string& out, std::string& err) {
    std::vector<const char*> argv = {"ungegaranti"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::ostringstream o, e;
    int status = cli::run(static_cast<int>(argv.size()), argv.data(), o, e);
    out = o.str();
    err = e.str();
    return status;
  };
  std::string out, err;
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ungegaranti_html_test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "bilag.HTML").string();
  REQUIRE(run({"report", "--lang", "en", "--unit", "mkr", "-o", path.c_str()}, out, err) == 0);
  CHECK(out.empty());
  std::ifstream file(path);
  std::string written((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CHECK(written.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(written.find(">Cost (million kr.)<") != std::string::npos);
  std::filesystem::remove_all(dir);

  REQUIRE(run({"report", "--format", "html"}, out, err) == 0);
  CHECK(out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(out, "<svg") == 5);
  // Every command writes HTML through the same renderer; cost with its chart.
  REQUIRE(run({"cost", "--format", "html", "--lang", "en"}, out, err) == 0);
  CHECK(out.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(count(out, "<table>") == 1);
  CHECK(count(out, "<svg") == 1);
  CHECK(out.find("id=\"chart-cost\"") != std::string::npos);
  REQUIRE(run({"economics", "--format", "html"}, out, err) == 0);
  CHECK(count(out, "<table>") == 4);  // summary, by item, by year, steps up
  CHECK(count(out, "<svg") == 0);
}

// The numbers of an attribute, e.g. every x="..." of the <rect>s with a given fill.
std::vector<double> rect_attribute(const std::string& svg, const std::string& fill,
                                   const std::string& attribute) {
  std::vector<double> out;
  std::regex rect("<rect ([^>]*)fill=\"" + fill + "\"");
  std::regex value(attribute + "=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    std::smatch m;
    std::string attributes = (*it)[1];
    if (std::regex_search(attributes, m, value))
      out.push_back(std::stod(m[1]));
  }
  return out;
}

TEST_CASE("html: the tornado chart draws each input's two bars from the base") {
  TornadoChart c;
  c.id = "t";
  c.title = "Følsomhed";
  c.x_label = "Nettoudgift";
  c.money = true;
  c.base = 2'000'000;
  c.base_label = "Basis";
  c.low_label = "Lav";
  c.high_label = "Høj";
  c.bars = {{"a.b", 1'200'000, 2'600'000}, {"c", 2'300'000, 1'900'000}};
  std::string svg = render_svg(Chart{c}, {Format::kTable, Lang::kDa, Unit::kMkr});
  CHECK_FALSE(has_non_finite(svg));
  // Two inputs, a bar at each end: two low bars (blue) and two high bars (orange), plus one
  // legend swatch each.
  std::vector<double> low_x = rect_attribute(svg, "#0072b2", "x");
  std::vector<double> high_x = rect_attribute(svg, "#e69f00", "x");
  REQUIRE(low_x.size() == 3);
  REQUIRE(high_x.size() == 3);
  // Ticks in mio. kr. around 1,2-2,6: about six steps of 0,25 (nice_ticks), from 1,00 to 2,75.
  CHECK(svg.find(">1,00</text>") != std::string::npos);
  CHECK(svg.find(">2,75</text>") != std::string::npos);
  CHECK(svg.find(">Nettoudgift (mio. kr.)<") != std::string::npos);
  CHECK(svg.find(">Basis (2,0)<") != std::string::npos);
  // Input a's low bar starts at 1,2 mio. (the left end of the axis) and ends at the base; c's
  // low bar starts at the base and runs right.
  std::vector<double> low_w = rect_attribute(svg, "#0072b2", "width");
  CHECK(low_x[0] < low_x[1]);
  CHECK(low_x[0] + low_w[0] == doctest::Approx(low_x[1]).epsilon(0.01));
  CHECK(svg.find(">a.b</text>") < svg.find(">c</text>"));  // widest on top, as given

  // A value that is not finite draws no bar and reaches no number.
  c.bars = {{"x", std::nan(""), 2'500'000}};
  svg = render_svg(Chart{c}, {Format::kTable, Lang::kDa, Unit::kKr});
  CHECK_FALSE(has_non_finite(svg));
  CHECK(rect_attribute(svg, "#0072b2", "x").size() == 1);  // the legend's swatch only
}

TEST_CASE("html: the distribution chart outlines each model's bins, with the target lines") {
  HistogramChart c;
  c.id = "h";
  c.title = "Fordeling";
  c.x_label = "NEET-andel (%)";
  c.y_label = "Andel af trækkene (%)";
  c.lo = 8;
  c.width = 0.5;
  c.series = {{"guld", "Guld", {10, 40, 30, 20}}, {"solv", "Sølv", {0, 25, 50, 25}}};
  c.thresholds = {{"guld", "Mål for Guld: højst 9,10 %", 9.1}};
  std::string svg = render_svg(Chart{c}, {Format::kTable, Lang::kDa, Unit::kKr});
  CHECK_FALSE(has_non_finite(svg));
  CHECK(count(svg, "<polygon") == 2);                  // one filled outline per model
  CHECK(count(svg, "<polyline") == 2);                 // and its edge
  CHECK(count(svg, "stroke-dasharray=\"6 3\"") == 2);  // the target line and its legend entry
  // The x axis holds the bins (8 to 10) and the threshold; the y axis the largest share (50).
  CHECK(svg.find(">8,0</text>") != std::string::npos);
  CHECK(svg.find(">10,0</text>") != std::string::npos);
  CHECK(svg.find(">50</text>") != std::string::npos);
  // Each outline has two points per bin plus its two ends on the axis.
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("<polyline[^>]*points=\"([^\"]*)\"")));
  std::string points = m[1];
  CHECK(count(points, ",") == 2 * 4 + 2);

  // Every draw the same (width 0): one narrow bar, still on a readable axis.
  c.width = 0;
  c.series = {{"solv", "Sølv", {100}}};
  c.thresholds.clear();
  svg = render_svg(Chart{c}, {Format::kTable, Lang::kEn, Unit::kKr});
  CHECK_FALSE(has_non_finite(svg));
  CHECK(count(svg, "<polygon") == 1);
}

TEST_CASE("html: the report's distribution chart shares of draws sum to 100 per model") {
  static const NeetData data = load_neet_data(builtin_comparison_files());
  Scenario s = load_scenario("");
  MonteCarloResult mc = monte_carlo(s, &data, 200, 5, 2);
  std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
  ProjectionResult central = project(s, data, tiers);
  HistogramChart c = neet_distribution_chart(mc, &central, Lang::kDa);
  REQUIRE(c.series.size() == 3);
  for (const HistogramSeries& series : c.series) {
    double sum = 0;
    for (double v : series.shares_pct)
      sum += v;
    CHECK(sum == doctest::Approx(100));
  }
  REQUIRE(c.thresholds.size() == 3);  // every model of the default scenario has a target
  for (size_t i = 0; i < 3; ++i)
    CHECK(c.thresholds[i].x == central.models[i].threshold_pct);
  std::vector<Figure> figures = report_figures(s, &data, compute_report(s, &data), Lang::kDa, &mc);
  REQUIRE(figures.size() == 6);
  CHECK(figures.back().after == "probabilities");
  CHECK(std::get<HistogramChart>(figures.back().chart) == c);
}
