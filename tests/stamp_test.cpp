// The real stamp (docs/output.md#the-stamp), which the goldens mask: the tool version, the
// scenario's title, the input hash, the price base and the data vintage, in text, Markdown, CSV
// and JSON. The input hash is computed here a second time, from its definition: FNV-1a (64 bits)
// over the resolved tree, node by node, first 12 hex digits.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "app.hpp"
#include "test_util.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/tree.hpp"

using ungegaranti::Tree;

namespace {

// FNV-1a, 64 bits: offset basis 14695981039346656037, prime 1099511628211 (the published
// parameters; the test vectors below come from the FNV reference).
uint64_t fnv1a(uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}
constexpr uint64_t kFnvBasis = 14695981039346656037ull;

std::string first_12_hex(uint64_t h) { return fmt::format("{:016x}", h).substr(0, 12); }

// A node's bytes as docs/output.md#the-stamp defines them: a head
// "<kind>:<quoted>:<key bytes>:<scalar bytes>:<items>:" (kind 0 nothing, 1 scalar, 2 mapping,
// 3 list; quoted "true" or "false"), then the key, the scalar, and each item the same way.
uint64_t hash_tree(uint64_t h, const Tree& t) {
  int kind = t.is_scalar() ? 1 : t.is_map() ? 2 : t.is_seq() ? 3 : 0;
  h = fnv1a(h, fmt::format("{}:{}:{}:{}:{}:", kind, t.quoted, t.key.size(), t.scalar.size(),
                           t.items.size()));
  h = fnv1a(fnv1a(h, t.key), t.scalar);
  for (const Tree& item : t.items)
    h = hash_tree(h, item);
  return h;
}

std::string independent_hash(const Tree& t) { return first_12_hex(hash_tree(kFnvBasis, t)); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The data vintage, from the shipped CSV itself: "DST NEET3 (16-24 år), <first>-<last year>".
std::string shipped_vintage() {
  std::ifstream in(source_file("scenarios/data/neet_16_24_kommuner_2010_2024.csv"));
  std::string line;
  std::getline(in, line);  // header
  int first = 9999, last = 0;
  bool all_neet3 = true;  // every row's original_source is StatBank's table NEET3
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string code, name, year;
    std::getline(fields, code, ',');
    std::getline(fields, name, ',');
    std::getline(fields, year, ',');
    first = std::min(first, std::stoi(year));
    last = std::max(last, std::stoi(year));
    all_neet3 = all_neet3 && line.ends_with(",https://www.statistikbanken.dk/NEET3");
  }
  CHECK(all_neet3);
  return fmt::format("DST NEET3 (16-24 år), {}-{}", first, last);
}

struct Output {
  int code = 0;
  std::string out, err;
};

Output run(const std::vector<std::string>& words) {
  std::vector<const char*> argv = {"ungegaranti"};
  for (const std::string& w : words)
    argv.push_back(w.c_str());
  std::ostringstream out, err;
  int code = ungegaranti::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

// The last non-empty line of a text output, without its line end (CSV ends lines with CRLF).
std::string last_line(const std::string& text) {
  std::string last;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.ends_with('\r'))
      line.pop_back();
    if (!line.empty())
      last = line;
  }
  return last;
}

}  // namespace

TEST_CASE("the input hash: FNV-1a test vectors, and a tree's bytes written out by hand") {
  // The FNV reference's 64-bit FNV-1a values: "" cbf29ce484222325, "a" af63dc4c8601ec8c,
  // "foobar" 85944171f73967e8.
  CHECK(first_12_hex(fnv1a(kFnvBasis, "")) == "cbf29ce48422");
  CHECK(first_12_hex(fnv1a(kFnvBasis, "a")) == "af63dc4c8601");
  CHECK(first_12_hex(fnv1a(kFnvBasis, "foobar")) == "85944171f739");
  CHECK(ungegaranti::text_hash("foobar") == "85944171f739");
  // "a: 1" is a mapping (kind 2, no key, no scalar, 1 item) holding the scalar 1 (kind 1) under
  // key "a": "2:false:0:0:1:" then "1:false:1:1:0:" "a" "1".
  struct Case {
    const char* yaml;
    const char* bytes;
  };
  const Case cases[] = {
      {"a: 1\n", "2:false:0:0:1:1:false:1:1:0:a1"},
      {"a: \"1\"\n", "2:false:0:0:1:1:true:1:1:0:a1"},  // quoted: not the same input
      {"a: [x, yz]\n", "2:false:0:0:1:3:false:1:0:2:a1:false:0:1:0:x1:false:0:2:0:yz"},
      {"a:\n", "2:false:0:0:1:0:false:1:0:0:a"},  // nothing under a
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    Tree tree = ungegaranti::parse_yaml(c.yaml, "t.yaml");
    CHECK(ungegaranti::tree_hash(tree) == first_12_hex(fnv1a(kFnvBasis, c.bytes)));
    CHECK(independent_hash(tree) == first_12_hex(fnv1a(kFnvBasis, c.bytes)));
  }
}

TEST_CASE("the stamp of the default scenario: version, title, input hash, price base, data") {
  const std::string file = "scenarios/norddjurs.yaml";
  const std::string text = slurp(source_file(file));
  // The file has no extends and no --set is given, so the resolved tree is the file's own.
  std::string hash = independent_hash(ungegaranti::parse_yaml(text, file));
  CHECK(hash.size() == 12);
  CHECK(independent_hash(ungegaranti::resolve_scenario(text, file)) == hash);
  CHECK(ungegaranti::load_scenario("").input_hash == hash);  // the embedded default: the same
  Tree parsed = ungegaranti::parse_yaml(text, file);
  const Tree* title = parsed.find("title");
  REQUIRE(title != nullptr);
  REQUIRE(parsed.find("price_base") != nullptr);
  CHECK(parsed.find("price_base")->scalar == "2025");
  const std::string version = UNGEGARANTI_PROJECT_VERSION;  // CMake's project(VERSION)
  const std::string vintage = shipped_vintage();
  CHECK(vintage == "DST NEET3 (16-24 år), 2010-2024");

  struct Case {
    std::vector<std::string> args;
    std::string stamp;  // the line, as text, Markdown (in *...*) and CSV end with it
  };
  const std::string da = fmt::format("ungegaranti {} · {} · inddata {} · prisniveau 2025", version,
                                     title->scalar, hash);
  const std::string en =
      fmt::format("ungegaranti {} · {} · input {} · price base 2025", version, title->scalar, hash);
  const Case cases[] = {
      {{"cost", "--model", "solv"}, da},
      {{"cost", "--model", "solv", "--lang", "en", "--format", "md"}, "*" + en + "*"},
      {{"cost", "--model", "solv", "-s", source_file(file), "--format", "csv"}, da},
      {{"project", "--model", "solv"}, da + " · data " + vintage},
      {{"project", "--model", "solv", "--lang", "en"}, en + " · data " + vintage},
      {{"project", "--model", "guld", "--format", "md"}, "*" + da + " · data " + vintage + "*"},
  };
  for (const Case& c : cases) {
    CAPTURE(fmt::format("{}", fmt::join(c.args, " ")));
    Output o = run(c.args);
    REQUIRE(o.code == 0);
    CHECK(last_line(o.out) == c.stamp);
  }

  for (const char* command : {"cost", "project"}) {
    CAPTURE(command);
    Output o = run({command, "--model", "solv", "--format", "json"});
    REQUIRE(o.code == 0);
    nlohmann::json stamp = nlohmann::json::parse(o.out)["stamp"];
    CHECK(stamp["tool_version"] == version);
    CHECK(stamp["scenario_title"] == title->scalar);
    CHECK(stamp["input_hash"] == hash);
    CHECK(stamp["price_base"] == 2025);
    if (std::string_view(command) == "project")
      CHECK(stamp["data"] == vintage);
    else
      CHECK_FALSE(stamp.contains("data"));
  }
}

TEST_CASE("the stamp's input hash follows --set, and a comment does not change it") {
  const std::string file = "scenarios/norddjurs.yaml";
  const std::string text = slurp(source_file(file));
  const std::string set = "roles.sagsbehandler.annual_cost=600000";
  std::string plain = independent_hash(ungegaranti::resolve_scenario(text, file));
  std::string changed = independent_hash(ungegaranti::resolve_scenario(text, file, {set}));
  CHECK(changed != plain);
  Output o = run({"cost", "--model", "solv", "--format", "json", "--set", set});
  REQUIRE(o.code == 0);
  CHECK(nlohmann::json::parse(o.out)["stamp"]["input_hash"] == changed);
  // Comments and formatting are not part of the tree.
  CHECK(independent_hash(ungegaranti::resolve_scenario("# a comment\n" + text, file)) == plain);
}
