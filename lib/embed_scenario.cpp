// Build tool: compiles a scenario file into the library, as its text and as a parsed tree, so that
// the embedded default loads without a YAML parse. A scenario that does not parse fails the build.
//   embed_scenario INPUT.yaml OUTPUT.cpp
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "ungegaranti/error.hpp"
#include "ungegaranti/tree.hpp"

namespace {

void write_array(std::ostream& out, const std::string& name, const std::string& bytes) {
  out << "extern const char " << name << "[];\nextern const unsigned long " << name << "Size;\n";
  out << "const char " << name << "[] = {";
  for (size_t i = 0; i < bytes.size(); ++i) {
    out << (i % 16 == 0 ? "\n  " : " ") << static_cast<int>(static_cast<signed char>(bytes[i]))
        << ',';
  }
  out << " 0};\nconst unsigned long " << name << "Size = " << bytes.size() << ";\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed_scenario INPUT.yaml OUTPUT.cpp\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::cerr << "embed_scenario: cannot read " << argv[1] << '\n';
    return 1;
  }
  std::string tree;
  try {
    tree = ungegaranti::serialize_tree(ungegaranti::parse_yaml(text.str(), argv[1]));
  } catch (const ungegaranti::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  std::string temp = std::string(argv[2]) + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary);
    out << "// Generated from " << argv[1] << " by embed_scenario. Do not edit.\n";
    write_array(out, "kUngegarantiBuiltinScenario", text.str());
    write_array(out, "kUngegarantiBuiltinTree", tree);
    if (!out) {
      std::cerr << "embed_scenario: cannot write " << temp << '\n';
      return 1;
    }
  }
  return std::rename(temp.c_str(), argv[2]) == 0 ? 0 : 1;
}
