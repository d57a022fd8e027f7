#include "ungegaranti/tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_set>

namespace ungegaranti {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

SourceLocation at(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0)
    return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8.
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = 0;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > s.size())
    return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
  }
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0)
    return 0;  // overlong
  if (n == 3 && c == 0xED && byte(i + 1) > 0x9F)
    return 0;  // surrogate
  if (n == 4 && c == 0xF0 && byte(i + 1) < 0x90)
    return 0;  // overlong
  if (n == 4 && c == 0xF4 && byte(i + 1) > 0x8F)
    return 0;  // above U+10FFFF
  return n;
}

// Checks the raw text before yaml-cpp sees it: encoding, NUL bytes and tabs in indentation.
void check_text(std::string_view text, const std::string& file) {
  int line = 1;
  int column = 1;
  bool indent = true;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\0')
      throw Error({file, line, column}, msg("filen er binær, ikke YAML-tekst (NUL-byte)",
                                            "the file is binary, not YAML text (NUL byte)"));
    if (c == '\t' && indent) {
      throw Error({file, line, column},
                  msg("tabulatorer er ikke tilladt til indrykning; brug mellemrum",
                      "tabs are not allowed for indentation; use spaces"));
    }
    size_t n = utf8_length(text, i);
    if (n == 0)
      throw Error({file, line, column},
                  msg("filen er ikke gyldig UTF-8", "the file is not valid UTF-8"));
    if (c == '\n') {
      ++line;
      column = 1;
      indent = true;
    } else {
      if (c != ' ' && c != '-')
        indent = false;
      ++column;
    }
    i += n;
  }
}

// Builds a Tree from yaml-cpp's parser events, so that anchors, aliases and duplicate keys can be
// refused before anything walks a node graph.
class Builder : public YAML::EventHandler {
 public:
  Builder(std::string file, const ParseLimits& limits) : file_(std::move(file)), limits_(limits) {}

  /// Where the last scalar of the document starts: yaml-cpp 0.7 lets an unclosed quoted scalar
  /// run to the end of the file, so only the last one can be unclosed.
  const std::optional<YAML::Mark>& last_scalar() const { return last_scalar_; }

  // The tree, or the first structural problem found. A problem such as a non-scalar key is held
  // back until the parser has finished, because yaml-cpp reports an unclosed '[' at the top as a
  // complex key first, and the syntax error that follows is the more useful message.
  Tree take() {
    if (pending_)
      throw *pending_;
    return std::move(root_);
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      throw Error(at(file_, mark),
                  msg("kun ét YAML-dokument er tilladt pr. fil (fandt et til)",
                      "only one YAML document is allowed per file (found a second)"));
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    add(Tree::Kind::kNull, mark);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
    throw Error(at(file_, mark), msg("aliaser ('*navn') er ikke tilladt; skriv værdien ud",
                                     "aliases ('*name') are not allowed; write the value out"));
  }
  void OnAnchor(const YAML::Mark& mark, const std::string& /*name*/) override {
    throw Error(at(file_, mark), msg("ankre ('&navn') er ikke tilladt; skriv værdien ud",
                                     "anchors ('&name') are not allowed; write the value out"));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    last_scalar_ = mark;
    if (!stack_.empty() && stack_.back().want_key) {
      take_key(mark, tag, value);
      return;
    }
    Tree& node = add(Tree::Kind::kScalar, mark);
    node.scalar = value;
    node.quoted = tag != "?";
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    check_anchor(mark, anchor);
    open(add(Tree::Kind::kSeq, mark), mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    check_anchor(mark, anchor);
    open(add(Tree::Kind::kMap, mark), mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Tree* node = nullptr;
    bool want_key = false;  // mappings alternate key, value
    std::string key;
    SourceLocation key_where;
    std::unordered_set<std::string> seen;
  };

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    if (anchor != YAML::NullAnchor) {
      throw Error(at(file_, mark), msg("ankre ('&navn') er ikke tilladt; skriv værdien ud",
                                       "anchors ('&name') are not allowed; write the value out"));
    }
  }

  void take_key(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    Frame& frame = stack_.back();
    if (value == "<<" && tag == "?") {
      throw Error(at(file_, mark), msg("flettenøgler ('<<') understøttes ikke; skriv nøglerne ud",
                                       "merge keys ('<<') are not supported; write the keys out"));
    }
    if (!frame.seen.insert(value).second) {
      throw Error(at(file_, mark),
                  msg("nøglen '{}' står to gange", "duplicate key '{}'", excerpt(value)));
    }
    frame.key = value;
    frame.key_where = at(file_, mark);
    frame.want_key = false;
  }

  Tree& add(Tree::Kind kind, const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      throw Error(at(file_, mark),
                  msg("filen har for mange værdier (grænsen er {})",
                      "the file has too many values (the limit is {})", limits_.max_nodes));
    }
    Tree* node = nullptr;
    if (stack_.empty()) {
      node = &root_;
    } else {
      Frame& frame = stack_.back();
      if (frame.node->is_map() && frame.want_key) {
        if (!pending_)
          pending_ = Error(at(file_, mark), msg("nøgler i en tabel skal være enkle værdier",
                                                "mapping keys must be plain scalars"));
        frame.want_key = false;  // keep building; the tree is discarded
      }
      frame.node->items.emplace_back();
      node = &frame.node->items.back();
      if (frame.node->is_map()) {
        node->key = std::move(frame.key);
        node->key_where = frame.key_where;
        frame.want_key = true;
      }
    }
    node->kind = kind;
    node->where = at(file_, mark);
    return *node;
  }

  void open(Tree& node, const YAML::Mark& mark) {
    if (stack_.size() >= limits_.max_depth) {
      throw Error(at(file_, mark),
                  msg("filen er indlejret for dybt (grænsen er {} niveauer)",
                      "the file is nested too deeply (the limit is {} levels)", limits_.max_depth));
    }
    // Children are appended to node.items while it is open; pointers to it stay valid because
    // only the innermost open container grows.
    stack_.push_back({&node, node.is_map(), {}, {}, {}});
  }

  void close() { stack_.pop_back(); }

  std::string file_;
  ParseLimits limits_;
  Tree root_;
  std::vector<Frame> stack_;
  int documents_ = 0;
  size_t nodes_ = 0;
  std::optional<Error> pending_;
  std::optional<YAML::Mark> last_scalar_;
};

// Whether the quoted scalar that starts at `at` is closed before the end of `text`.
bool quote_closed(std::string_view text, size_t at) {
  char quote = text[at];
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escaped character
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
      } else {
        return true;
      }
    }
  }
  return false;
}

// yaml-cpp 0.7 reads an unclosed quote to the end of the file without an error, which silently
// drops the rest of the file into one string. Finds that case after the parse.
void check_last_quote(std::string_view text, const std::string& file,
                      const std::optional<YAML::Mark>& mark) {
  if (!mark || mark->pos < 0)
    return;
  size_t start = static_cast<size_t>(mark->pos);
  if (start >= text.size() || (text[start] != '"' && text[start] != '\''))
    return;
  if (!quote_closed(text, start))
    throw Error(at(file, *mark), msg("YAML-syntaksfejl: end of quoted string not found",
                                     "YAML syntax error: end of quoted string not found"));
}

void emit(YAML::Emitter& out, const Tree& tree) {
  switch (tree.kind) {
    case Tree::Kind::kNull:
      out << YAML::Null;
      break;
    case Tree::Kind::kScalar:
      if (tree.quoted)
        out << YAML::DoubleQuoted;
      out << tree.scalar;
      break;
    case Tree::Kind::kMap:
      out << YAML::BeginMap;
      for (const Tree& item : tree.items) {
        out << YAML::Key << item.key << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case Tree::Kind::kSeq:
      out << YAML::BeginSeq;
      for (const Tree& item : tree.items)
        emit(out, item);
      out << YAML::EndSeq;
      break;
  }
}

void put_number(std::string& out, size_t n) {
  do {
    unsigned char byte = n & 0x7F;
    n >>= 7;
    out += static_cast<char>(n != 0 ? byte | 0x80 : byte);
  } while (n != 0);
}

void put_text(std::string& out, const std::string& text) {
  put_number(out, text.size());
  out += text;
}

void put_node(std::string& out, const Tree& tree) {
  put_number(out, static_cast<size_t>(tree.kind) * 2 + (tree.quoted ? 1 : 0));
  put_text(out, tree.key);
  put_text(out, tree.scalar);
  for (int n : {tree.where.line, tree.where.column, tree.key_where.line, tree.key_where.column}) {
    put_number(out, static_cast<size_t>(n));
  }
  put_number(out, tree.items.size());
  for (const Tree& item : tree.items)
    put_node(out, item);
}

class TreeReader {
 public:
  TreeReader(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}

  Tree node() {
    Tree tree;
    size_t head = number();
    tree.kind = static_cast<Tree::Kind>(std::min<size_t>(head / 2, 3));
    tree.quoted = head % 2 == 1;
    tree.key = text();
    tree.scalar = text();
    tree.where = {file_, static_cast<int>(number()), static_cast<int>(number())};
    tree.key_where.line = static_cast<int>(number());
    tree.key_where.column = static_cast<int>(number());
    if (tree.key_where.line != 0)
      tree.key_where.file = file_;  // as parse_yaml() leaves it
    size_t count = number();
    count = std::min(count, bytes_.size() - at_);  // each item takes at least one byte
    tree.items.reserve(count);
    for (size_t i = 0; i < count && at_ < bytes_.size(); ++i)
      tree.items.push_back(node());
    return tree;
  }

 private:
  size_t number() {
    size_t n = 0;
    for (int shift = 0; at_ < bytes_.size() && shift < 64; shift += 7) {
      auto byte = static_cast<unsigned char>(bytes_[at_++]);
      n |= static_cast<size_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0)
        break;
    }
    return n;
  }
  std::string text() {
    size_t n = number();
    n = std::min(n, bytes_.size() - at_);
    std::string out(bytes_.substr(at_, n));
    at_ += n;
    return out;
  }

  std::string_view bytes_;
  const std::string& file_;
  size_t at_ = 0;
};

}  // namespace

std::string serialize_tree(const Tree& tree) {
  std::string out;
  put_node(out, tree);
  return out;
}

Tree deserialize_tree(std::string_view bytes, const std::string& file) {
  return TreeReader(bytes, file).node();
}

const Tree* Tree::item_id() const {
  const Tree* id = is_map() ? find("id") : nullptr;
  return id != nullptr && id->is_scalar() ? id : nullptr;
}

bool Tree::is_id_list() const {
  return is_seq() && !items.empty() &&
         std::all_of(items.begin(), items.end(), [](const Tree& i) { return i.item_id(); });
}

const Tree* Tree::find(std::string_view name) const {
  for (const Tree& item : items) {
    if (item.key == name)
      return &item;
  }
  return nullptr;
}

Tree* Tree::find(std::string_view name) {
  return const_cast<Tree*>(std::as_const(*this).find(name));
}

Tree parse_yaml(std::string_view text, const std::string& file, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error({file, 0, 0}, msg("filen er for stor ({} byte; grænsen er {} byte)",
                                  "the file is too large ({} bytes; the limit is {} bytes)",
                                  text.size(), limits.max_bytes));
  }
  if (text.substr(0, kBom.size()) == kBom)
    text.remove_prefix(kBom.size());
  check_text(text, file);

  std::string clean;  // CRLF -> LF, so that columns and messages match what editors show
  clean.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
      continue;
    clean += text[i];
  }

  std::istringstream in(clean);
  Builder builder(file, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own words stay English; the sentence around them follows the language.
    throw Error(at(file, e.mark), msg("YAML-syntaksfejl: {}", "YAML syntax error: {}", e.msg));
  }
  check_last_quote(clean, file, builder.last_scalar());
  return builder.take();
}

std::string emit_yaml(const Tree& tree) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, tree);
  std::string text = out.c_str();
  if (!text.empty() && text.back() != '\n')
    text += '\n';
  return text;
}

Message describe(const Tree& tree) {
  switch (tree.kind) {
    case Tree::Kind::kNull:
      return {"ingenting", "nothing"};
    case Tree::Kind::kScalar:
      return tree.quoted ? Message{"en tekst", "a string"} : Message{"en enkelt værdi", "a scalar"};
    case Tree::Kind::kMap:
      return {"en tabel med nøgler", "a mapping"};
    case Tree::Kind::kSeq:
      return {"en liste", "a list"};
  }
  return {"en værdi", "a value"};
}

}  // namespace ungegaranti
