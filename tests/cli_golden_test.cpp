// Golden transcripts of the command line: each case runs cli::run in-process from the source
// root and compares stdout, stderr and the exit code with tests/golden/<name>.txt. To accept new
// output after a deliberate change: UNGEGARANTI_UPDATE_GOLDEN=1 ctest -R golden, then review the
// diff like code. The goldens are for layout: the input hash is written as <hash> in them and
// masked the same way in the output before comparing, so that editing the default scenario does
// not rewrite every golden; stamp_test.cpp checks the real stamp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "test_util.hpp"
#include "ungegaranti/load.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
  const char* name;
  const char* args;  // split at spaces; no argument contains one
};

const Case kCases[] = {
    {"version", "--version"},
    {"help", "--help"},
    {"cost_help", "cost --help"},
    {"validate_help", "validate --help"},
    {"show_help", "show --help"},
    {"no_command", ""},
    {"cost_all", "cost"},
    {"cost_solv", "cost --model solv"},
    {"cost_solv_alias", "cost --model SØLV --unit tkr"},
    {"cost_gold_en", "cost --model gold --lang en --unit mkr"},
    {"cost_by_track", "cost --model bronze --by track"},
    {"cost_by_department", "cost --model guld --by department --unit tkr"},
    {"cost_by_role", "cost --model guld --by role --unit tkr"},
    {"cost_by_line", "cost --model solv --by line"},
    {"cost_by_year", "cost --by year --unit mkr"},
    {"cost_md", "cost --model solv --format md"},
    {"cost_csv_da", "cost --model solv --format csv"},
    {"cost_csv_en", "cost --model solv --format csv --lang en"},
    {"cost_json", "cost --model bronze --format json"},
    {"cost_other", "cost -s tests/data/other.yaml"},
    {"cost_example", "cost -s examples/solv-hoejere-loen.yaml --model solv"},
    {"cost_set", "cost --model solv --set roles.sagsbehandler.annual_cost=600000"},
    {"coverage_help", "coverage --help"},
    {"coverage_all", "coverage"},
    {"coverage_solv_track_en", "coverage --model solv --by track --lang en"},
    {"coverage_guld_md", "coverage --model guld --format md --unit tkr"},
    {"coverage_bronze_json", "coverage --model bronze --format json"},
    {"err_coverage_by", "coverage --by band"},
    {"economics_help", "economics --help"},
    {"economics_all_tkr", "economics --unit tkr"},
    {"economics_solv_en_csv", "economics --model solv --lang en --format csv"},
    {"economics_json", "economics --model bronze --format json"},
    {"err_economics_none", "economics -s tests/data/other.yaml"},
    {"compare_help", "compare --help"},
    {"compare_models", "compare"},
    {"compare_models_en_md", "compare --models solv,guld --lang en --unit mkr --format md"},
    {"compare_files",
     "compare scenarios/norddjurs.yaml examples/solv-hoejere-loen.yaml --model solv"},
    {"compare_json", "compare --models bronze,guld --format json"},
    {"err_compare_model", "compare --models solv,platin"},
    {"err_compare_years", "compare scenarios/norddjurs.yaml tests/data/other.yaml"},
    {"err_compare_files_and_models", "compare scenarios/norddjurs.yaml --models solv"},
    {"err_compare_twice", "compare --models solv,solv"},
    {"compare_same_file_twice",
     "compare scenarios/norddjurs.yaml scenarios/norddjurs.yaml --model guld --format json"},
    {"diff_help", "diff --help"},
    {"diff_example", "diff scenarios/norddjurs.yaml examples/solv-hoejere-loen.yaml"},
    {"diff_same",
     "diff scenarios/norddjurs.yaml scenarios/norddjurs.yaml --model solv --format md"},
    {"err_diff_one_file", "diff scenarios/norddjurs.yaml"},
    {"report_help", "report --help"},
    {"report_summary", "report --summary"},
    {"report_summary_en_md", "report --summary --lang en --format md"},
    {"workbook_help", "workbook --help"},
    {"workbook_bad_extension", "workbook -o model.csv"},
    {"workbook_no_output", "workbook"},
    {"err_report_extension", "report -o bilag.odt"},
    {"followup_help", "followup --help"},
    {"followup_example", "followup examples/opfoelgning-2025-2026.yaml"},
    {"followup_line_en_md",
     "followup examples/opfoelgning-2025-2026.yaml --by line --lang en --format md --unit tkr"},
    {"followup_year_csv",
     "followup examples/opfoelgning-2025-2026.yaml --by year --tolerance 5 --format csv"},
    {"followup_newer_json", "followup tests/data/followup/newer.yaml --format json"},
    {"err_report_actuals_other",
     "report -s tests/data/other.yaml --actuals examples/opfoelgning-2025-2026.yaml"},
    {"err_followup_by", "followup examples/opfoelgning-2025-2026.yaml --by role"},
    {"err_not_finite",
     "cost --model solv --set roles.sagsbehandler.annual_cost=1e12 --set "
     "models.solv.staffing.sagsbehandler=1e9"},
    {"sensitivity_help", "sensitivity --help"},
    {"sensitivity_cost", "sensitivity --tornado --outcome cost --top 8 --unit tkr"},
    {"sensitivity_neet_guld_en", "sensitivity --outcome neet --model guld --top 8 --lang en"},
    {"sensitivity_margin_solv", "sensitivity --outcome margin --model solv --top 5"},
    {"err_sensitivity_margin_no_target",
     "sensitivity --outcome margin --model bronze --set models.bronze.target=none"},
    {"err_sensitivity_all", "sensitivity --model all"},
    {"sensitivity_draws", "sensitivity --draws 40 --seed 3 --unit mkr"},
    {"sensitivity_draws_json_one_thread",
     "sensitivity --draws 40 --seed 3 --threads 1 --format json"},
    {"err_sensitivity_draws_outcome", "sensitivity --draws 40 --outcome neet"},
    {"project_help", "project --help"},
    {"project_all", "project"},
    {"project_guld_en_md", "project --model guld --lang en --format md"},
    {"project_solv_csv", "project --model solv --format csv"},
    {"project_bronze_json", "project --model bronze --format json"},
    {"project_other_municipality", "project --model solv --set municipality.code=101"},
    {"project_trend_own", "project --model guld --set projection.trend=own"},
    {"err_project_code", "project --set municipality.code=999"},
    {"project_all_municipalities_solv", "project --all-municipalities --model solv"},
    {"project_all_municipalities_guld_en_csv",
     "project --all-municipalities --model guld --lang en --format csv"},
    {"project_all_municipalities_bronze_md",
     "project --all-municipalities --model bronze --format md"},
    {"project_all_municipalities_json", "project --all-municipalities --format json --lang en"},
    {"coverage_lolland", "coverage --model solv --set municipality.code=360"},
    {"cost_lolland_file_en", "cost --model solv -s tests/data/lolland.yaml --lang en"},
    {"validate_lolland", "validate tests/data/lolland.yaml"},
    {"show_lolland", "show -s tests/data/lolland.yaml --set municipality.code=101"},
    {"err_project_none", "project -s tests/data/other.yaml"},
    {"err_project_trend", "project --set projection.trend=upward"},
    {"project_trend_revert", "project --model bronze --set projection.trend=revert"},
    {"backtest_help", "backtest --help"},
    {"backtest", "backtest"},
    {"backtest_distance8_en", "backtest --distance 8 --lang en"},
    {"backtest_md", "backtest --distance 3 --base-years 2 --format md"},
    {"backtest_csv", "backtest --base-years 1 --format csv"},
    {"backtest_json", "backtest --distance 2 --base-years 1 --format json --lang en"},
    {"err_backtest_distance_long", "backtest --distance 15"},
    {"err_backtest_distance_zero", "backtest --distance 0"},
    {"err_backtest_none", "backtest -s tests/data/other.yaml"},
    {"validate_ok", "validate scenarios/norddjurs.yaml tests/data/other.yaml"},
    // An actuals file is recognised and checked with its own schema (and its scenario).
    {"validate_actuals", "validate examples/opfoelgning-2025-2026.yaml scenarios/norddjurs.yaml"},
    {"err_validate_actuals", "validate tests/data/broken/actuals_unknown_ids.yaml --lang en"},
    {"show_example", "show -s examples/solv-hoejere-loen.yaml"},
    {"err_show_format", "show -o bilag.json"},
    // Bad input: one clear message each, exit 1 (file) or 2 (command line).
    {"err_missing_file", "cost -s tests/data/no-such-file.yaml"},
    {"err_directory", "cost -s tests/data"},
    {"err_empty", "cost -s tests/data/broken/empty.yaml"},
    {"err_not_yaml", "cost -s tests/data/broken/not_yaml.yaml"},
    {"err_syntax", "cost -s tests/data/broken/syntax_error.yaml"},
    {"err_wrong_type", "cost -s tests/data/broken/wrong_type.yaml"},
    {"err_negative", "cost -s tests/data/broken/negative_cost.yaml"},
    {"err_nonfinite", "cost -s tests/data/broken/nonfinite_cost.yaml"},
    {"err_unknown_track", "cost -s tests/data/broken/unknown_track.yaml"},
    // Messages are Danish by default; --lang en keeps them English, before and after parsing.
    {"err_en_many", "validate --lang en tests/data/broken/many_errors.yaml"},
    {"err_en_negative", "cost --lang en -s tests/data/broken/negative_cost.yaml"},
    {"err_en_unit", "cost --lang=en --unit dkk"},
    {"err_en_missing_file", "cost -s tests/data/no-such-file.yaml --lang en"},
    {"err_en_sensitivity_all", "sensitivity --model all --lang en"},
    {"err_many", "validate tests/data/broken/many_errors.yaml scenarios/norddjurs.yaml"},
    {"err_cycle", "cost -s tests/data/cycle_a.yaml"},
    {"err_model", "cost --model platin"},
    {"err_by", "cost --by month"},
    {"err_format", "cost --format xlsx"},
    {"err_format_docx", "cost --format docx"},
    {"err_unit", "cost --unit dkk"},
    {"err_lang", "cost --lang de"},
    {"err_set_missing_key", "cost --set roles.sagsbehandlr.annual_cost=1"},
    {"err_set_bad_value", "cost --set years.count=many"},
    {"err_set_no_equals", "cost --set years.count"},
    {"err_output_folder", "cost -o tests/data/no-such-folder/out.csv"},
    {"err_output_extension", "cost -o out.pdf"},
    {"err_unknown_command", "costs"},
};

// "<hash>" for each 12-digit part of a hash "x", "x+y" or "x+y+z".
std::string hash_token(size_t length) {
  std::string token = "<hash>";
  for (size_t i = 13; i < length; i += 13)  // 12 digits and a '+' each
    token += "+<hash>";
  return token;
}

// The input hash, and only it, written as <hash>: in the stamp line of every text format
// ("· inddata 3299dc28e898 ·", "· input …"), in JSON ("input_hash": "…"), in a table row
// labelled "Inddata (hash)" / "Input (hash)" in text, Markdown, CSV and HTML, and in the JSON row
// whose item is input_hash (its value and value_label). A follow-up's
// "<scenario>+<actuals>[+<data>]" becomes "<hash>+<hash>[+<hash>]". Other hex, such as the tail of
// a UUID in a source URL, stays.
std::string mask_input_hash(const std::string& text) {
  static const std::regex kHash(
      R"re((· (?:inddata|input) |"input_hash": "|\(hash\)(?:[ |;,"]|</t[hd]>|<t[hd][^>]*>)+|)re"
      R"re("item": "input_hash",[^}]*?"value": "|<hash>",\s*"value_label": "))re"
      R"re(([0-9a-f]{12}(?:\+[0-9a-f]{12})*)(?![0-9a-zA-Z]))re");
  // Masked again until nothing changes: a JSON row's value_label is found once its value is
  // "<hash>" (at most two rounds).
  std::string out = text;
  for (std::string before; before != out;) {
    before = out;
    out.clear();
    auto last = before.cbegin();
    for (std::sregex_iterator it(before.begin(), before.end(), kHash), end; it != end; ++it) {
      const std::smatch& m = *it;
      out.append(last, m[2].first);
      out += hash_token(static_cast<size_t>(m[2].length()));
      last = m[2].second;
    }
    out.append(last, before.cend());
  }
  return out;
}

std::string transcript(const Case& c) {
  std::vector<std::string> words = split(c.args);
  words.insert(words.begin(), "ungegaranti");
  std::vector<const char*> argv;
  for (const std::string& w : words)
    argv.push_back(w.c_str());
  std::ostringstream out, err;
  int code = ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  std::string text = "$ ungegaranti " + std::string(c.args) + "\n" + out.str();
  if (!err.str().empty())
    text += "[stderr]\n" + err.str();
  return mask_input_hash(text + "[exit " + std::to_string(code) + "]\n");
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the cases from the source root, as a user in a checkout would.
struct InSourceRoot {
  fs::path before = fs::current_path();
  InSourceRoot() { fs::current_path(UNGEGARANTI_SOURCE_DIR); }
  ~InSourceRoot() { fs::current_path(before); }
};

}  // namespace

TEST_CASE("golden CLI transcripts") {
  InSourceRoot here;
  bool update = std::getenv("UNGEGARANTI_UPDATE_GOLDEN") != nullptr;
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    fs::path golden = fs::path("tests/golden") / (std::string(c.name) + ".txt");
    std::string actual = transcript(c);
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(golden),
                    "missing " << golden << "; run with UNGEGARANTI_UPDATE_GOLDEN=1");
    CHECK(actual == mask_input_hash(slurp(golden)));
  }
  CHECK_FALSE(fs::exists("tests/data/no-such-folder"));
  CHECK_FALSE(fs::exists("out.pdf"));
  CHECK_FALSE(fs::exists("bilag.json"));
}

TEST_CASE("the goldens' mask replaces the input hash and nothing else") {
  struct Case {
    const char* name;
    const char* text;
    const char* masked;
  };
  const Case cases[] = {
      {"text stamp", "ungegaranti 0.1.0 · T · inddata 3299dc28e898 · prisniveau 2025\n",
       "ungegaranti 0.1.0 · T · inddata <hash> · prisniveau 2025\n"},
      {"English Markdown stamp, digits only", "*ungegaranti 0.1.0 · T · input 012345678901 · price",
       "*ungegaranti 0.1.0 · T · input <hash> · price"},
      {"CSV stamp", "\"ungegaranti 0.1.0 · T; x · inddata abcdef012345 · prisniveau 2025\"\r\n",
       "\"ungegaranti 0.1.0 · T; x · inddata <hash> · prisniveau 2025\"\r\n"},
      {"show's comment", "# ungegaranti 0.1.0 · T · input f7f03c6c579f · price base 2025",
       "# ungegaranti 0.1.0 · T · input <hash> · price base 2025"},
      {"follow-up", "· inddata 3299dc28e898+40b581f02d0d · prisniveau",
       "· inddata <hash>+<hash> · prisniveau"},
      {"JSON", "\"input_hash\": \"3299dc28e898+436bad5604c4+bf6ce6fb0220\",",
       "\"input_hash\": \"<hash>+<hash>+<hash>\","},
      {"table row", "Inddata (hash)      3299dc28e898\n", "Inddata (hash)      <hash>\n"},
      {"Markdown row", "| Input (hash) | 3299dc28e898 |", "| Input (hash) | <hash> |"},
      {"CSV row", "Inddata (hash);3299dc28e898\r\n", "Inddata (hash);<hash>\r\n"},
      {"HTML row", "<tr><td>Inddata (hash)</td><td>3299dc28e898</td></tr>",
       "<tr><td>Inddata (hash)</td><td><hash></td></tr>"},
      {"JSON row",
       "\"item\": \"input_hash\",\n  \"item_label\": \"Inddata (hash)\",\n  \"value\": "
       "\"3299dc28e898\",\n  \"value_label\": \"3299dc28e898\"\n}",
       "\"item\": \"input_hash\",\n  \"item_label\": \"Inddata (hash)\",\n  \"value\": "
       "\"<hash>\",\n  \"value_label\": \"<hash>\"\n}"},
      {"a value_label of another row stays", "\"value\": \"x\", \"value_label\": \"3299dc28e898\"",
       "\"value\": \"x\", \"value_label\": \"3299dc28e898\""},
      {"a UUID stays", "/1e216a0c-7855-44c2-85c2-0123456789ab); note",
       "/1e216a0c-7855-44c2-85c2-0123456789ab); note"},
      {"a number stays", "\"cost_per_participant\": 10737.123456789012,",
       "\"cost_per_participant\": 10737.123456789012,"},
      {"too long to be the hash", "· inddata 3299dc28e8981 · prisniveau",
       "· inddata 3299dc28e8981 · prisniveau"},
      {"already masked", "· inddata <hash> · prisniveau", "· inddata <hash> · prisniveau"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(mask_input_hash(c.text) == c.masked);
  }
}

TEST_CASE("the mask leaves no input hash in the report, in any format") {
  // The report is the output with the most places for the hash: every table's stamp, "Om
  // beregningen"'s row, the HTML footer. Its goldens may come; the mask must already cover it.
  InSourceRoot here;
  const std::string hash = ungegaranti::load_scenario("").input_hash;
  fs::path dir = fs::temp_directory_path() / ("ungegaranti-mask-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string html = (dir / "bilag.html").string();
  const std::vector<std::vector<const char*>> runs = {
      {"ungegaranti", "report"},
      {"ungegaranti", "report", "--format", "md", "--lang", "en"},
      {"ungegaranti", "report", "--format", "csv"},
      {"ungegaranti", "report", "--format", "json"},
      {"ungegaranti", "report", "-o", html.c_str()},
  };
  for (const auto& argv : runs) {
    CAPTURE(argv.back());
    std::ostringstream out, err;
    REQUIRE(ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err) == 0);
    std::string text = std::string(argv.back()) == html ? slurp(html) : out.str();
    REQUIRE(text.find(hash) != std::string::npos);
    std::string masked = mask_input_hash(text);
    CHECK(masked.find(hash) == std::string::npos);
    // Only the hash changed: putting it back gives the text again.
    std::string back = masked;
    for (size_t at = back.find("<hash>"); at != std::string::npos; at = back.find("<hash>", at))
      back.replace(at, 6, hash);
    CHECK(back == text);
  }
  fs::remove_all(dir);
}

TEST_CASE("a failed run writes nothing to -o and keeps an existing file") {
  InSourceRoot here;
  fs::path dir = fs::temp_directory_path() / ("ungegaranti-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string target = (dir / "out.csv").string();
  { std::ofstream(target) << "previous"; }
  const char* argv[] = {"ungegaranti", "cost",        "-s", "tests/data/broken/negative_cost.yaml",
                        "-o",          target.c_str()};
  std::ostringstream out, err;
  CHECK(ungegaranti::cli::run(6, argv, out, err) == 1);
  CHECK(slurp(target) == "previous");
  const char* ok[] = {"ungegaranti", "cost", "--model", "solv", "-o", target.c_str()};
  CHECK(ungegaranti::cli::run(6, ok, out, err) == 0);
  CHECK(slurp(target).starts_with("\xEF\xBB\xBFKategori;"));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}
