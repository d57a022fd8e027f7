#!/usr/bin/python3
"""Fails unless a PNG screenshot shows something: decodes it with the standard library only
(8-bit RGB or RGBA, not interlaced, as Chromium writes) and requires that at least MIN_SHARE of
the pixels differ from the most common colour (the page's background), in at least 20 colours.

    png_not_blank.py SCREENSHOT.png [MIN_SHARE]      (default 0.02)
"""
import collections
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"{path}: expected 8-bit RGB(A) without interlacing")
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        previous = row
        for x in range(0, stride, channels):
            yield bytes(row[x:x + 3])


def main():
    path = sys.argv[1]
    min_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
    counts = collections.Counter(pixels(path))
    total = sum(counts.values())
    background, most = counts.most_common(1)[0]
    share = 1 - most / total
    print(f"{path}: {total} pixels, {len(counts)} colours, {share:.1%} differ from the background "
          f"#{background.hex()}")
    if share < min_share or len(counts) < 20:
        sys.exit(f"{path}: the screenshot is blank or nearly so")


main()
