#include "ungegaranti/tree.hpp"

#include <doctest/doctest.h>

#include <string>

#include "ungegaranti/load.hpp"

using ungegaranti::Error;
using ungegaranti::parse_yaml;
using ungegaranti::Tree;

TEST_CASE("parse_yaml keeps 1-based locations of keys and values") {
  Tree t = parse_yaml("a: 1\nb:\n  c: \"x\"\n  d: [1, 2]\n", "t.yaml");
  REQUIRE(t.is_map());
  const Tree* b = t.find("b");
  REQUIRE(b != nullptr);
  CHECK(b->key_where.str() == "t.yaml:2:1");
  const Tree* c = b->find("c");
  CHECK(c->where.str() == "t.yaml:3:6");
  CHECK(c->quoted);
  CHECK(c->scalar == "x");
  CHECK_FALSE(t.find("a")->quoted);
  CHECK(b->find("d")->items.size() == 2);
}

TEST_CASE("parse_yaml refuses what yaml-cpp would accept silently or dangerously") {
  struct Case {
    const char* name;
    std::string text;
    const char* message;
  };
  const Case cases[] = {
      {"duplicate key", "a: 1\nb: 2\na: 3\n", "t.yaml:3:1: duplicate key 'a'"},
      {"alias", "a: &x 1\nb: *x\n",
       "t.yaml:1:4: anchors ('&name') are not allowed; write the value out"},
      {"self alias", "- &a [*a]\n",
       "t.yaml:1:3: anchors ('&name') are not allowed; write the value out"},
      {"bare alias", "a: *x\n",
       "t.yaml:1:4: YAML syntax error: the referenced anchor is not defined"},
      {"merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n",
       "t.yaml:3:3: merge keys ('<<') are not supported; write the keys out"},
      {"two documents", "a: 1\n---\nb: 2\n",
       "t.yaml:2:1: only one YAML document is allowed per file (found a second)"},
      {"tab indentation", "a:\n\tb: 1\n",
       "t.yaml:2:1: tabs are not allowed for indentation; use spaces"},
      {"invalid utf-8", "a: \xC3\x28\n", "t.yaml:1:4: the file is not valid UTF-8"},
      {"nul byte", std::string("a: 1\n\0\n", 7),
       "t.yaml:2:1: the file is binary, not YAML text (NUL byte)"},
      {"syntax", "a: [1, 2\n", "t.yaml:2:1: YAML syntax error: end of sequence flow not found"},
      {"complex key", "? [1, 2]\n: 3\n", "t.yaml:1:3: mapping keys must be plain scalars"},
      {"too deep", std::string(70, '[') + std::string(70, ']') + "\n",
       "t.yaml:1:65: the file is nested too deeply (the limit is 64 levels)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(parse_yaml(c.text, "t.yaml"), c.message, Error);
  }
}

TEST_CASE("parse_yaml accepts a BOM and CRLF line ends") {
  Tree t = parse_yaml("\xEF\xBB\xBFtitle: x\r\nb: 2\r\n", "t.yaml");
  CHECK(t.find("title")->scalar == "x");
  CHECK(t.find("b")->where.str() == "t.yaml:2:4");
}

TEST_CASE("parse_yaml limits size and node count") {
  ungegaranti::ParseLimits limits;
  limits.max_bytes = 10;
  CHECK_THROWS_WITH_AS(parse_yaml("a: 12345678901\n", "t.yaml", limits),
                       "t.yaml: the file is too large (15 bytes; the limit is 10 bytes)", Error);
  limits = {};
  limits.max_nodes = 3;
  CHECK_THROWS_WITH_AS(parse_yaml("[1, 2, 3]\n", "t.yaml", limits),
                       "t.yaml:1:8: the file has too many values (the limit is 3)", Error);
}

TEST_CASE("an empty document is null") { CHECK(parse_yaml("", "t.yaml").is_null()); }

TEST_CASE("emit_yaml output parses back to the same tree") {
  std::string text =
      "title: \"Ungegaranti — Norddjurs\"\nn: 12.5\ns: \"123\"\nlist:\n  - id: a\n    v: [1, 2]\n"
      "empty: ~\nyes_word: yes\n";
  Tree first = parse_yaml(text, "t.yaml");
  std::string emitted = ungegaranti::emit_yaml(first);
  Tree second = parse_yaml(emitted, "u.yaml");
  CHECK(ungegaranti::emit_yaml(second) == emitted);
  CHECK(second.find("s")->quoted);
  CHECK(second.find("s")->scalar == "123");
  CHECK_FALSE(second.find("n")->quoted);
  CHECK(second.find("empty")->is_null());
}

TEST_CASE("serialize_tree round-trips a tree with its locations") {
  std::string text(ungegaranti::builtin_scenario_text());
  Tree parsed = parse_yaml(text, "builtin:norddjurs");
  CHECK(ungegaranti::deserialize_tree(ungegaranti::serialize_tree(parsed), "builtin:norddjurs") ==
        parsed);
  Tree small = parse_yaml("a: [1, \"x\"]\nb: {c: ~}\n", "t.yaml");
  std::string bytes = ungegaranti::serialize_tree(small);
  CHECK(ungegaranti::deserialize_tree(bytes, "t.yaml") == small);
  // A truncated input gives a partial tree rather than a crash.
  for (size_t n = 0; n < bytes.size(); ++n) {
    CAPTURE(n);
    CHECK_NOTHROW(ungegaranti::deserialize_tree(bytes.substr(0, n), "t.yaml"));
  }
}

TEST_CASE("an unclosed quote is a syntax error, not a string that runs to the end of the file") {
  CHECK_THROWS_WITH_AS(parse_yaml("a: 1\nb: \"open\nc: 2\n", "t.yaml"),
                       "t.yaml:2:4: YAML syntax error: end of quoted string not found", Error);
  CHECK_THROWS_WITH_AS(parse_yaml("a: 'open\n", "t.yaml"),
                       "t.yaml:1:4: YAML syntax error: end of quoted string not found", Error);
  // Closed quotes with escapes, as the last value of a file, are fine.
  CHECK(parse_yaml("a: \"x\\\"y\"\n", "t.yaml").find("a")->scalar == "x\"y");
  CHECK(parse_yaml("a: 'it''s'\n", "t.yaml").find("a")->scalar == "it's");
  CHECK(parse_yaml("a: \"æøå\"\n", "t.yaml").find("a")->scalar == "æøå");
}
