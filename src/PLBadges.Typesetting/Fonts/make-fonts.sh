#!/usr/bin/env bash
# Rebuilds the shipped fonts in this folder from Debian's packages (see README.md for why each
# choice). Needs, on Debian 12: apt-get install -y fonts-noto-core fonts-noto-cjk python3-fonttools
set -euo pipefail
cd "$(dirname "$0")"
noto=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
subset=(/usr/bin/python3 -m fontTools.subset --layout-features='*' --no-hinting)

for weight in Regular Bold; do
  for family in NotoSans NotoSansArabic NotoSansHebrew; do
    "${subset[@]}" "$noto/$family-$weight.ttf" --unicodes='*' --output-file="$family-$weight.ttf"
  done
done

# The Hanzi of GB 2312 level 1 (the 3,755 most used simplified characters) and of Big5 level 1
# (the 5,401 most used traditional ones), as the codecs of Python's standard library decode them.
hanzi=$(mktemp)
trap 'rm -f "$hanzi" "$hanzi.otf"' EXIT
/usr/bin/python3 - "$hanzi" <<'PY'
import sys
chars = []
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try: chars.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError: pass
for hi in range(0xA4, 0xC7):
    for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
        if (hi, lo) > (0xC6, 0x7E): continue
        try: chars.append(bytes([hi, lo]).decode("big5"))
        except UnicodeDecodeError: pass
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(set(chars))))
PY
# Face 2 of the collection is Noto Sans CJK SC. Only the CJK punctuation and full-width forms
# besides the Hanzi; no OpenType layout features (locl/vert would pull in other regions' glyphs).
/usr/bin/python3 -m fontTools.subset "$cjk" --font-number=2 --text-file="$hanzi" \
  --unicodes='U+3000-303F,U+FF01-FF5E' --layout-features='' --no-hinting \
  --output-file="$hanzi.otf"
# Skia's PDF backend embeds only TrueType outlines as real (subset, named) fonts; CFF ones it turns into Type 3
# paths. So the CFF outlines become quadratic TrueType ones (within 1 unit of 1000 per em).
/usr/bin/python3 - "$hanzi.otf" NotoSansCJKsc-Regular-Subset.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
font = TTFont(sys.argv[1])
order = font.getGlyphOrder()
outlines = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(outlines)
    outlines[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
font["glyf"] = glyf
font["loca"] = newTable("loca")
maxp = newTable("maxp")
maxp.tableVersion = 0x00010000
maxp.numGlyphs = len(order)
for field in ("maxZones",):
    setattr(maxp, field, 1)
for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements", "maxPoints", "maxContours",
              "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
    setattr(maxp, field, 0)
font["maxp"] = maxp
font["head"].glyphDataFormat = 0
font["post"].formatType = 3.0
for table in ("CFF ", "VORG"):
    if table in font:
        del font[table]
font.sfntVersion = "\0\1\0\0"
font.save(sys.argv[2])
PY
rm -f "$hanzi.otf"
ls -l ./*.ttf
