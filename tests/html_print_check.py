#!/usr/bin/env python3
"""Checks how the HTML report prints: tests/chromium_test.sh prints it with headless Chromium and
calls this with the HTML file and the PDF.

    html_print_check.py BILAG.html BILAG.pdf LANG MAX_PAGES

It fails (exit 1, with the reason) unless
  - every page carries its page number in the footer ("Side 3 af 22" / "Page 3 of 22") and the
    title in the header;
  - the assumptions register is printed on landscape pages and every other page is portrait;
  - the pages are at most MAX_PAGES;
  - each chart is printed on the same page as the last row of the table it follows (a chart is
    never split from its table), read from the PDF's text with pdftotext.
Needs poppler-utils (pdfinfo, pdftotext).
"""
import html as htmllib
import re
import subprocess
import sys


def fail(why):
    sys.exit(f"html_print_check: FAIL: {why}")


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], check=True,
                          capture_output=True, text=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    texts = []
    for i in range(1, len(sizes) + 1):
        texts.append(subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"],
                                    check=True, capture_output=True, text=True).stdout)
    return [(float(w), float(h)) for w, h in sizes], texts


def cell_texts(row):
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def main():
    html_path, pdf, lang, max_pages = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    html = open(html_path, encoding="utf-8").read()
    sizes, texts = pdf_pages(pdf)
    n = len(texts)
    if n == 0:
        fail("the PDF has no pages")
    if n > max_pages:
        fail(f"the report prints on {n} pages; at most {max_pages} expected")
    title = htmllib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    word, of = ("Side", "af") if lang == "da" else ("Page", "of")
    for i, text in enumerate(texts, start=1):
        if f"{word} {i} {of} {n}" not in text:
            fail(f"page {i} lacks its number '{word} {i} {of} {n}'")
        if title not in text:
            fail(f"page {i} lacks the title '{title}' in its header")

    register = [i for i, t in enumerate(texts)
                if ("Antagelser og kilder" if lang == "da" else "Assumptions and sources") in t]
    if not register:
        fail("the assumptions register is not in the PDF")
    for i, (w, h) in enumerate(sizes):
        landscape = w > h
        if landscape and i < register[0]:
            fail(f"page {i + 1} is landscape but comes before the register")
    if not sizes[register[0]][0] > sizes[register[0]][1]:
        fail(f"the register's first page ({register[0] + 1}) is not landscape")
    landscape_pages = sum(1 for w, h in sizes if w > h)

    # Each chart with its table: the chart's title (its first <text>) and the last row of the table
    # before it are on the same page. The number cells of a row are printed whole (td.num does not
    # wrap), so the row is found by its numbers.
    checked = 0
    for m in re.finditer(r"<figure>(.*?)</figure>", html, re.S):
        chart_title = htmllib.unescape(re.search(r"<text[^>]*>([^<]*)</text>", m.group(1)).group(1))
        before = html[:m.start()]
        table = before[before.rfind("<table>"):]
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        numbers = [c for c in cell_texts(rows[-1]) if re.fullmatch(r"-?[\d.,]+", c) and len(c) >= 3]
        if not numbers:
            continue
        pages = [i for i, t in enumerate(texts) if chart_title in t]
        if not pages:
            fail(f"the chart '{chart_title}' is not in the PDF")
        page = pages[-1]  # the chart's own title, after a table heading with the same words
        flat = re.sub(r"\s+", " ", texts[page])
        if not all(num in flat for num in numbers):
            fail(f"the chart '{chart_title}' on page {page + 1} is not on the page of its table's "
                 f"last row ({' '.join(numbers)})")
        checked += 1
    if checked == 0:
        fail("no chart could be checked against its table")
    print(f"html_print_check: ok ({n} pages, {landscape_pages} landscape for the register, "
          f"{checked} charts on the page of their table's last row)")


if __name__ == "__main__":
    main()
