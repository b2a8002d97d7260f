"""Subset Noto Sans CJK SC to GB2312 + Latin + the given texts (see src/helpers/fonts/FONT.md)."""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
coll = TTCollection(ttc)
idx = next(i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(4) == "Noto Sans CJK SC")
print("index", idx, coll.fonts[idx]["name"].getDebugName(5))
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update(chr(c) for c in range(0xA0, 0x180))
chars.update("−–—‘’“”…·×÷±≤≥≈≲≳≠→←↑↓％，。、；：？！（）《》【】「」")
for extra in sys.argv[1:]:
    chars.update(pathlib.Path(extra).read_text(encoding="utf-8"))
print("chars", len(chars))
opts = subset.Options()
opts.font_number = idx
opts.layout_features = ["*"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = False
font = subset.load_font(ttc, opts)
s = subset.Subsetter(opts)
s.populate(unicodes=[ord(c) for c in chars])
s.subset(font)
# A modified version gets its own family name, so that matplotlib never confuses
# it with a system-wide Noto Sans CJK SC (and as the OFL recommends).
FAMILY = "Noto Sans SC Subset"
for record in font["name"].names:
    if record.nameID in (1, 4, 16):
        record.string = FAMILY
    elif record.nameID == 6:
        record.string = FAMILY.replace(" ", "") + "-Regular"
font["CFF "].cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]
font.save("src/helpers/fonts/NotoSansCJKsc-Regular-GB2312.otf")
