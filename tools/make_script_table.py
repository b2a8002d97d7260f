"""Make src/helpers/data/t2s.tsv, the traditional → simplified table for reading (see src/helpers/data/SCRIPT.md).

Usage: python tools/make_script_table.py PATH/TO/opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl

Reads OpenCC's ``TSCharacters.txt`` (Apache-2.0) from the wheel and keeps, for every traditional
character, its first simplified candidate when both are one code point and differ: one character
for one, so that a text read through the table keeps its offsets.
"""
import pathlib
import sys
import zipfile

MEMBER = "opencc/dictionary/TSCharacters.txt"
OUT = pathlib.Path(__file__).resolve().parents[1] / "src" / "helpers" / "data" / "t2s.tsv"

with zipfile.ZipFile(sys.argv[1]) as wheel:
    lines = wheel.read(MEMBER).decode("utf-8").splitlines()
pairs = {}
for line in lines:
    if not line.strip():
        continue
    source, candidates = line.split("\t", 1)
    target = candidates.split()[0]
    if len(source) == 1 and len(target) == 1 and source != target:
        pairs[source] = target
rows = [f"{s}\t{t}" for s, t in sorted(pairs.items())]
OUT.write_text("traditional\tsimplified\n" + "\n".join(rows) + "\n", encoding="utf-8")
print(len(rows), "pairs written to", OUT)
