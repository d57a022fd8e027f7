// The Word appendix as WordprocessingML, written part by part as text and packed by ZipPackage.
// Elements inside w:pPr, w:rPr, w:tcPr, w:tblPr and w:sectPr are written in the order the schema
// (ECMA-376) lists them: Word refuses a document with them out of order.
#include "ungegaranti/render/docx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "ungegaranti/output.hpp"
#include "ungegaranti/render/docx_package.hpp"
#include "ungegaranti/render/rasterise.hpp"
#include "ungegaranti/render/svg.hpp"

namespace ungegaranti {
namespace {

using render_detail::breakable_text;
using render_detail::display;
using render_detail::docx_escape;
using render_detail::TableLayout;

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kNamespaces =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing")"
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture")";
constexpr const char* kRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

constexpr int kFigurePixels = 1200;                // 190 dpi at 16 cm
constexpr long kEmuPerTwip = 635;                  // 914400 EMU an inch, 1440 twips an inch
constexpr long kFigureWidth = 9072 * kEmuPerTwip;  // 16 cm
constexpr size_t kKeepTogether = 20;               // rows: a table this short is kept on one page

bool summary_in_words(const Table& table) {
  return table.id == "narrative" && table.columns.size() == 1;
}

// A run of text; a newline becomes a line break inside the paragraph.
std::string run(std::string_view text, std::string_view properties = "") {
  std::string out = "<w:r>";
  if (!properties.empty())
    out += fmt::format("<w:rPr>{}</w:rPr>", properties);
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    if (start > 0)
      out += "<w:br/>";
    out += fmt::format(R"(<w:t xml:space="preserve">{}</w:t>)",
                       docx_escape(text.substr(start, end - start)));
    start = end + 1;
  }
  return out + "</w:r>";
}

// `more` goes after w:pStyle and must itself be in schema order (keepNext, spacing, jc).
std::string paragraph(std::string_view style, std::string_view text, std::string_view more = "") {
  return fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="{}"/>{}</w:pPr>{}</w:p>)", style, more,
                     run(text));
}

std::string section(bool landscape) {
  using render_detail::kA4Long;
  using render_detail::kA4Short;
  using render_detail::kMargin;
  return fmt::format(
      R"(<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>)"
      R"(<w:footerReference w:type="default" r:id="rId4"/>)"
      R"(<w:pgSz w:w="{}" w:h="{}"{}/>)"
      R"(<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="567" )"
      R"(w:footer="567" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>)",
      landscape ? kA4Long : kA4Short, landscape ? kA4Short : kA4Long,
      landscape ? R"( w:orient="landscape")" : "", fmt::arg("m", kMargin));
}

struct CellStyle {
  bool header = false, bold = false, right = false, number = false, keep_next = false;
  RowKind kind = RowKind::kBody;
};

std::string cell(int width, std::string_view text, const CellStyle& s, double points) {
  std::string borders;
  if (s.header)
    borders =
        R"(<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="444444"/></w:tcBorders>)";
  else if (s.kind == RowKind::kTotal)
    borders =
        R"(<w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="444444"/></w:tcBorders>)";
  else if (s.kind == RowKind::kSubtotal)
    borders =
        R"(<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="888888"/></w:tcBorders>)";
  std::string properties =
      fmt::format(R"(<w:tcW w:w="{}" w:type="dxa"/>{}{}{}</w:tcPr>)", width, borders,
                  s.header ? R"(<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>)" : "",
                  s.number ? "<w:noWrap/>" : "");
  int half_points = static_cast<int>(std::lround(points * 2));
  std::string font = fmt::format(R"({}<w:sz w:val="{}"/><w:szCs w:val="{}"/>)",
                                 s.bold ? "<w:b/><w:bCs/>" : "", half_points, half_points);
  return fmt::format(
      R"(<w:tc><w:tcPr>{}<w:p><w:pPr><w:pStyle w:val="TableText"/>{}{}</w:pPr>{}</w:p></w:tc>)",
      properties, s.keep_next ? "<w:keepNext/>" : "", s.right ? R"(<w:jc w:val="right"/>)" : "",
      text.empty() ? "" : run(text, font));
}

std::string table_xml(const Table& table, const TableLayout& layout, const RenderOptions& options) {
  int total = std::accumulate(layout.widths.begin(), layout.widths.end(), 0);
  std::string out = fmt::format(
      R"(<w:tbl><w:tblPr><w:tblStyle w:val="AppendixTable"/><w:tblW w:w="{w}" w:type="dxa"/>)"
      R"(<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{m}" w:type="dxa"/>)"
      R"(<w:right w:w="{m}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0420" w:firstRow="1" )"
      R"(w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>)"
      R"(</w:tblPr><w:tblGrid>)",
      fmt::arg("w", total), fmt::arg("m", render_detail::kCellMargin));
  for (int width : layout.widths)
    out += fmt::format(R"(<w:gridCol w:w="{}"/>)", width);
  out += "</w:tblGrid>";
  bool keep = table.rows.size() <= kKeepTogether;
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    CellStyle s{.header = true, .bold = true, .right = render_detail::numeric(table.columns[i])};
    s.keep_next = true;
    out += cell(layout.widths[i], table.columns[i].label, s, layout.points);
  }
  out += "</w:tr>";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const Row& row = table.rows[r];
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& column = table.columns[i];
      Cell empty;
      const Cell& c = i < row.cells.size() ? row.cells[i] : empty;
      CellStyle s;
      s.kind = row.kind;
      s.bold = row.kind == RowKind::kSubtotal || row.kind == RowKind::kTotal;
      s.number = type_of(c, column) != ColumnType::kText;
      s.right = s.number || render_detail::numeric(column);
      s.keep_next = keep && r + 1 < table.rows.size();
      std::string shown = display(c, column, options);
      out += cell(layout.widths[i], s.number ? shown : breakable_text(shown), s, layout.points);
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

// The text a user reads, in the document's language.
struct Words {
  const char* kind;  // above the title and in the page header
  const char* page;  // "Side" 3 "af" 12
  const char* of;
  const char* figure;
  const char* language;  // w:lang
};
Words words(Lang lang) {
  if (lang == Lang::kDa)
    return {"Bilag", "Side", "af", "Figur", "da-DK"};
  return {"Appendix", "Page", "of", "Figure", "en-GB"};
}

const std::vector<std::string>& notes_of(const Chart& chart) {
  return std::visit([](const auto& c) -> const std::vector<std::string>& { return c.notes; },
                    chart);
}
const std::string& title_of(const Chart& chart) {
  return std::visit([](const auto& c) -> const std::string& { return c.title; }, chart);
}

class DocumentWriter {
 public:
  DocumentWriter(const RenderOptions& options, const Stamp& stamp)
      : options_(options), words_(words(options.lang)) {
    body_ += paragraph("Subtitle", words_.kind);
    body_ += paragraph("Title", stamp.title);
  }

  void table(const Table& table) {
    if (summary_in_words(table)) {
      orientation(false);
      body_ += paragraph("Heading1", render_detail::titled(table, options_));
      for (const Row& row : table.rows) {
        if (!row.cells.empty())
          body_ += paragraph("Normal", display(row.cells[0], table.columns[0], options_));
      }
    } else {
      TableLayout layout = render_detail::layout_table(table, options_);
      orientation(layout.landscape);
      body_ += paragraph("Heading1", render_detail::titled(table, options_));
      body_ += table_xml(table, layout, options_);
    }
    for (const std::string& note : table.notes)
      body_ += paragraph("TableNote", note);
  }

  // The chart as a PNG 16 cm wide (less when it would be taller than the page allows).
  void figure(const Figure& figure) {
    ++figures_;
    Png png = rasterise_svg(render_svg(figure.chart, options_), kFigurePixels);
    long width = kFigureWidth;
    long tallest = (landscape_ ? 8500L : 13000L) * kEmuPerTwip;
    long height = width * png.height / png.width;
    if (height > tallest) {
      width = width * tallest / height;
      height = tallest;
    }
    std::string id = fmt::format("rId{}", 100 + figures_);
    std::string name = fmt::format("media/figure{}.png", figures_);
    images_.push_back({id, name, std::move(png.bytes)});
    const std::string& title = title_of(figure.chart);
    body_ += paragraph("Heading2", fmt::format("{} {}. {}", words_.figure, figures_, title));
    body_ += fmt::format(
        R"(<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>)"
        R"(<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{w}" cy="{h}"/>)"
        R"(<wp:docPr id="{n}" name="{file}" descr="{title}"/><wp:cNvGraphicFramePr>)"
        R"(<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>)"
        R"(<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
        R"(<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{file}"/><pic:cNvPicPr/>)"
        R"(</pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/>)"
        R"(</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>)"
        R"(<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>)"
        R"(</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>)",
        fmt::arg("w", width), fmt::arg("h", height), fmt::arg("n", figures_),
        fmt::arg("file", fmt::format("figure{}.png", figures_)),
        fmt::arg("title", docx_escape(title)), fmt::arg("id", id));
    for (const std::string& note : notes_of(figure.chart))
      body_ += paragraph("TableNote", note);
  }

  std::string document(const Stamp& stamp) {
    body_ +=
        paragraph("TableNote", stamp_line(stamp, options_.lang), R"(<w:spacing w:before="240"/>)");
    return fmt::format("{}<w:document{}><w:body>{}{}</w:body></w:document>", kXmlHead, kNamespaces,
                       body_, section(landscape_));
  }

  struct Image {
    std::string id, name, bytes;
  };
  std::vector<Image>& images() { return images_; }

 private:
  // Ends the section before a change of orientation: its w:sectPr goes in a paragraph of its own.
  void orientation(bool landscape) {
    if (landscape == landscape_)
      return;
    body_ += fmt::format("<w:p><w:pPr>{}</w:pPr></w:p>", section(landscape_));
    landscape_ = landscape;
  }

  const RenderOptions& options_;
  Words words_;
  std::string body_;
  bool landscape_ = false;
  int figures_ = 0;
  std::vector<Image> images_;
};

std::string styles_xml(const RenderOptions& options) {
  // Word's own heading, title and caption styles by their built-in names ("heading 1"), which
  // Word and LibreOffice show in the reader's language ("Overskrift 1"); the document's own
  // styles are named in its language.
  return fmt::format(
      R"({head}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" )"
      R"(w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/>)"
      R"(<w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>)"
      R"(<w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>)"
      R"(</w:docDefaults>)"
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>)"
      R"(<w:qFormat/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>)"
      R"(<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>)"
      R"(<w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="36"/>)"
      R"(<w:szCs w:val="36"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/>)"
      R"(<w:basedOn w:val="Normal"/><w:next w:val="Title"/><w:qFormat/><w:pPr><w:spacing )"
      R"(w:after="0"/></w:pPr><w:rPr><w:caps/><w:color w:val="555555"/><w:sz w:val="18"/>)"
      R"(</w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>)"
      R"(<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>)"
      R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/>)"
      R"(<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/>)"
      R"(<w:szCs w:val="26"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>)"
      R"(<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>)"
      R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>)"
      R"(<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="22"/>)"
      R"(<w:szCs w:val="22"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>)"
      R"(<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" )"
      R"(w:lineRule="auto"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="14"/>)"
      R"(<w:szCs w:val="14"/></w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>)"
      R"(<w:basedOn w:val="Header"/><w:pPr><w:jc w:val="right"/></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">)"
      R"(<w:name w:val="{table_text}"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" )"
      R"(w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/>)"
      R"(</w:rPr></w:style>)"
      R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableNote">)"
      R"(<w:name w:val="{note}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>)"
      R"(<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>)"
      R"(<w:color w:val="444444"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>)"
      R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal )"
      R"(Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" )"
      R"(w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" )"
      R"(w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>)"
      R"(</w:tblCellMar></w:tblPr></w:style>)"
      R"(<w:style w:type="table" w:customStyle="1" w:styleId="AppendixTable">)"
      R"(<w:name w:val="{table}"/><w:basedOn w:val="TableNormal"/><w:qFormat/><w:pPr>)"
      R"(<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>)"
      R"(<w:top w:val="single" w:sz="8" w:space="0" w:color="444444"/>)"
      R"(<w:bottom w:val="single" w:sz="8" w:space="0" w:color="444444"/>)"
      R"(<w:insideH w:val="single" w:sz="2" w:space="0" w:color="D0D0D0"/></w:tblBorders>)"
      R"(<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>)"
      R"(<w:bottom w:w="20" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/>)"
      R"(</w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>)"
      R"(</w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>)"
      R"(</w:tblStylePr></w:style></w:styles>)",
      fmt::arg("head", kXmlHead), fmt::arg("lang", words(options.lang).language),
      fmt::arg("table_text", in_lang(options.lang, "Tabeltekst", "Table text")),
      fmt::arg("note", in_lang(options.lang, "Tabelnote", "Table note")),
      fmt::arg("table", in_lang(options.lang, "Bilagstabel", "Appendix table")),
      fmt::arg("margin", render_detail::kCellMargin));
}

// The header line: "Bilag · " and the stamp, which begins with the tool and the title; the
// footer: "Side X af Y".
std::string header_xml(const Stamp& stamp, const RenderOptions& options) {
  return fmt::format(
      R"({}<w:hdr{}><w:p><w:pPr><w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="single" )"
      R"(w:sz="4" w:space="1" w:color="888888"/></w:pBdr></w:pPr>{}{}</w:p></w:hdr>)",
      kXmlHead, kNamespaces, run(words(options.lang).kind, "<w:b/><w:bCs/>"),
      run(" · " + stamp_line(stamp, options.lang)));
}

std::string field(std::string_view instruction) {
  return fmt::format(R"(<w:fldSimple w:instr=" {} ">{}</w:fldSimple>)", instruction, run("1"));
}

std::string footer_xml(const RenderOptions& options) {
  const Words w = words(options.lang);
  return fmt::format(
      R"({}<w:ftr{}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{}{}{}{}</w:p></w:ftr>)",
      kXmlHead, kNamespaces, run(fmt::format("{} ", w.page)), field("PAGE"),
      run(fmt::format(" {} ", w.of)), field("NUMPAGES"));
}

std::string content_types() {
  constexpr const char* kOffice = "application/vnd.openxmlformats-officedocument.";
  return fmt::format(
      R"({}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Default Extension="png" ContentType="image/png"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="{o}wordprocessingml.document.main+xml"/>)"
      R"(<Override PartName="/word/styles.xml" ContentType="{o}wordprocessingml.styles+xml"/>)"
      R"(<Override PartName="/word/settings.xml" ContentType="{o}wordprocessingml.settings+xml"/>)"
      R"(<Override PartName="/word/header1.xml" ContentType="{o}wordprocessingml.header+xml"/>)"
      R"(<Override PartName="/word/footer1.xml" ContentType="{o}wordprocessingml.footer+xml"/>)"
      R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
      R"(<Override PartName="/docProps/app.xml" ContentType="{o}extended-properties+xml"/></Types>)",
      kXmlHead, fmt::arg("o", kOffice));
}

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
  return fmt::format(R"(<Relationship Id="{}" Type="{}{}" Target="{}"/>)", id, kRelationship, type,
                     target);
}

std::string relationships(const std::string& entries) {
  return fmt::format(
      R"({}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>)",
      kXmlHead, entries);
}

// No dates: a creation date would be today's.
std::string core_properties(const Stamp& stamp, const RenderOptions& options) {
  return fmt::format(
      R"({}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title>)"
      R"(<dc:creator>ungegaranti {}</dc:creator><dc:description>{}</dc:description>)"
      R"(<dc:language>{}</dc:language></cp:coreProperties>)",
      kXmlHead, docx_escape(stamp.title), docx_escape(stamp.tool_version),
      docx_escape(stamp_line(stamp, options.lang)), words(options.lang).language);
}

// The parts that do not depend on the tables: content types, the package's relationships and
// properties, settings.
void add_package_parts(render_detail::ZipPackage& package, const Stamp& stamp,
                       const RenderOptions& options) {
  package.add("[Content_Types].xml", content_types());
  package.add(
      "_rels/.rels",
      relationships(
          relationship("rId1", "officeDocument", "word/document.xml") +
          fmt::format(
              R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)") +
          relationship("rId3", "extended-properties", "docProps/app.xml")));
  package.add("docProps/core.xml", core_properties(stamp, options));
  package.add(
      "docProps/app.xml",
      fmt::format(
          R"({}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ungegaranti</Application></Properties>)",
          kXmlHead));
  package.add(
      "word/settings.xml",
      fmt::format(
          R"({}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>)",
          kXmlHead));
}

}  // namespace

void write_docx(const std::vector<Table>& tables, const std::vector<Figure>& figures,
                const std::string& path, const RenderOptions& options) {
  check_finite(tables);
  const Stamp stamp = tables.empty() ? Stamp{} : tables.front().stamp;
  // Each figure goes after the last table with its id, as in the HTML; the others at the end.
  std::map<std::string, size_t> last_of;
  for (size_t i = 0; i < tables.size(); ++i)
    last_of[tables[i].id] = i;
  std::multimap<size_t, const Figure*> after;
  for (const Figure& f : figures) {
    auto it = last_of.find(f.after);
    after.emplace(it != last_of.end() ? it->second : tables.size(), &f);
  }
  DocumentWriter writer(options, stamp);
  auto place_figures = [&](size_t index) {
    auto [from, to] = after.equal_range(index);
    for (auto it = from; it != to; ++it)
      writer.figure(*it->second);
  };
  for (size_t i = 0; i < tables.size(); ++i) {
    writer.table(tables[i]);
    place_figures(i);
  }
  place_figures(tables.size());
  std::string document = writer.document(stamp);

  std::string word_rels = relationship("rId1", "styles", "styles.xml") +
                          relationship("rId2", "settings", "settings.xml") +
                          relationship("rId3", "header", "header1.xml") +
                          relationship("rId4", "footer", "footer1.xml");
  for (const auto& image : writer.images())
    word_rels += relationship(image.id, "image", image.name);

  render_detail::ZipPackage package(path);
  add_package_parts(package, stamp, options);
  package.add("word/document.xml", std::move(document));
  package.add("word/_rels/document.xml.rels", relationships(word_rels));
  package.add("word/styles.xml", styles_xml(options));
  package.add("word/header1.xml", header_xml(stamp, options));
  package.add("word/footer1.xml", footer_xml(options));
  for (auto& image : writer.images())
    package.add("word/" + image.name, std::move(image.bytes), false);
  write_file_atomically(path, package.finish());
}

}  // namespace ungegaranti
