// The Markdown report as files: the document and its figures (docs/output.md).
#include "ungegaranti/render/markdown_report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <utility>
#include <variant>

#include "ungegaranti/output.hpp"
#include "ungegaranti/render/svg.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

std::string figure_folder(const std::string& path, Lang lang) {
  return std::filesystem::path(path).stem().string() + in_lang(lang, "-figurer", "-figures");
}

void write_markdown_with_figures(const std::vector<Table>& tables,
                                 const std::vector<Figure>& figures, const RenderOptions& options,
                                 const std::string& path) {
  std::string folder = figure_folder(path, options.lang);
  std::vector<FigureLink> links;
  std::vector<std::pair<std::string, std::string>> files;  // name in the folder, SVG
  int n = 0;
  for (const Figure& figure : figures) {
    auto [id, title] = std::visit(
        [](const auto& c) {
          return std::pair{c.id, c.title};
        },
        figure.chart);
    std::string name = fmt::format("{}-{}.svg", ++n, id);
    links.push_back({figure.after, folder + "/" + name, title});
    files.emplace_back(name, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                                 render_svg(figure.chart, options) + "\n");
  }
  std::string text = render_markdown(tables, links, options);  // all rendered before writing
  write_with_folder(path, text, folder, files);
}

}  // namespace ungegaranti
