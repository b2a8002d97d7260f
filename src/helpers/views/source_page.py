"""The source notebook's views: the page in numbers, its claims, their coverage."""

from __future__ import annotations

import bisect
import html

import pandas as pd
from IPython.display import HTML, display

from .. import markup
from ..claims import TIME_KINDS, extract_claims
from ..ledger import load_exclusions
from ..notebook import Notebook
from ..reconcile import MATCHES, disagreements, map_claims, rows_not_found
from ..source import raw_lines
from .figures import counts_figure

# The glossary family of a column's values, where it is not the column's name.
FAMILY = {"kind": "claimkind"}


def text_stats(R: Notebook) -> pd.DataFrame:
    """Raw against cleaned text: lines, characters, paragraphs, captions dropped."""
    clean = R.article.clean
    lines = raw_lines(clean.raw)
    frame = pd.DataFrame({
        "measure": [R.t(k) for k in ("stat.lines", "stat.nonblank_lines", "stat.chars",
                                          "stat.paragraphs", "stat.headings", "stat.captions")],
        "raw": [len(lines), sum(1 for x in lines if x.strip()),
                sum(len(x) for x in lines), "", "", len(clean.dropped_captions)],
        "cleaned": [clean.text.count("\n\n") + 1, len(clean.paragraphs), len(clean.text) - clean.text.count("\n"),
                    sum(p.kind == "body" for p in clean.paragraphs),
                    sum(p.kind == "heading" for p in clean.paragraphs),
                    sum(p.kind == "caption" for p in clean.paragraphs)],
    })
    return frame


def section_stats(R: Notebook) -> pd.DataFrame:
    """Per section, in article order: heading, paragraphs, characters, raw lines."""
    rows = []
    for section in R.article.sections:
        paras = section.paragraphs
        lines = sorted({n for p in paras for n in (p.first_line, p.last_line)})
        rows.append({
            "section": R.section_label(section.name),
            "heading": section.title,
            "paragraphs": len(paras),
            "characters": sum(len(p.text) for p in paras),
            "raw_lines": f"{lines[0]}–{lines[-1]}" if lines else "",
            "note": section.note,
        })
    return pd.DataFrame(rows)


def sections_table(R: Notebook) -> pd.DataFrame:
    """The sections as a table: headings are the article's own words; the curator's notes on the
    section map (``raw/sections.csv``) only on the code variant."""
    return R.table(section_stats(R), name="00_sections", source=R.source_line(),
                   zh_columns=("heading",), code_columns=("note",))


def section_of_offsets(R: Notebook) -> list[tuple[int, int, str]]:
    """(start, end, section name) for every paragraph of the cleaned text."""
    spans = []
    for section in R.article.sections:
        for p in section.paragraphs:
            spans.append((p.start, p.end, section.name))
    for p in R.article.clean.paragraphs:
        if p.kind == "heading":
            owner = next((s.name for s in R.article.sections if s.heading == p.text), "title")
            spans.append((p.start, p.end, owner))
    return sorted(spans)


def claims(R: Notebook) -> pd.DataFrame:
    """Every claim of the article, with its section and raw line, mapped to the ledger."""
    found = extract_claims(R.article.text, R.reference)
    spans = section_of_offsets(R)
    starts = [s for s, _, _ in spans]

    def section_at(offset: int) -> str:
        i = bisect.bisect_right(starts, offset) - 1
        return spans[i][2] if i >= 0 and offset < spans[i][1] else ""

    found["section"] = [section_at(start) for start in found["start"]]
    found["raw_line"] = [R.article.clean.raw_line(start) for start in found["start"]]
    exclusions = load_exclusions(R.data_dir) if R.ledger is not None else None
    found = map_claims(found, R.ledger, R.article.text, exclusions, R.lang)
    found["reason"] = [R.t(f"reason.{r}") if s == "name" else r
                       for s, r in zip(found["match"], found["reason"])]
    return found


def show_article(R: Notebook, found: pd.DataFrame) -> None:
    """The article in article order, each claim highlighted, all text escaped."""
    text = R.article.text
    marks = sorted(zip(found["start"], found["end"], found["match"]))
    mark_starts = [m[0] for m in marks]
    parts = []
    for section in R.article.sections:
        head = (f'<span lang="zh-CN">{html.escape(section.title)}</span>' if section.heading
                else html.escape(R.section_label(section.name)))
        parts.append(f"<h4>{head}</h4>")
        for p in section.paragraphs:
            pieces, cursor = [], p.start
            first = bisect.bisect_left(mark_starts, p.start)
            last = bisect.bisect_left(mark_starts, p.end)
            for start, end, match in marks[first:last]:
                if end <= p.end:
                    pieces.append(html.escape(text[cursor:start]))
                    pieces.append(f"<mark class='claim-{match}' title='{html.escape(R.t('match.' + match))}'>"
                                  f"{html.escape(text[start:end])}</mark>")
                    cursor = end
            pieces.append(html.escape(text[cursor:p.end]))
            parts.append(f'<p lang="zh-CN">{"".join(pieces)}</p>')
    shown = [m for m in MATCHES if m in set(found["match"])]
    key = markup.legend(R.t("legend.article"), [(m, R.t(f"match.{m}"), "") for m in shown], R.lang,
                        prefix="claim-", tag="mark")
    display(HTML(key + "<div class='article-text'>" + "\n".join(parts) + "</div>"))


def claims_table(R: Notebook, found: pd.DataFrame) -> pd.DataFrame:
    """The claims as a table: span, kind, value with its unit, qualifier, rank kind, scope, period, section, raw
    line, mapping."""
    columns = ["span", "kind", "value", "unit", "qualifier", "rank_kind", "scope", "period", "section",
               "raw_line", "match", "ledger_ids", "reason"]
    frame = found[columns].copy()
    frame["value"] = ["" if pd.isna(v) or k in TIME_KINDS else R.local(f"{v:g}{u}")  # a time: see period
                      for v, u, k in zip(frame["value"], frame["unit"], found["kind"])]
    frame = frame.drop(columns=["unit"])
    frame["section"] = frame["section"].map(lambda s: R.section_label(s) if s else "")
    for column in ("kind", "qualifier", "rank_kind", "scope", "match"):
        frame[column] = [R.t(f"{FAMILY.get(column, column)}.{v}") if v else "" for v in frame[column]]
    frame["period"] = frame["period"].map(R.period_text)
    return R.table(frame, name="00_claims", source=R.source_line(), zh_columns=("span",),
                   code_columns=("ledger_ids",), key_columns=("span", "match"), fold=True)


def coverage(R: Notebook, found: pd.DataFrame) -> pd.DataFrame:
    """Agreement between the extractor and the ledger: claims to rows, rows to claims, field by field
    (returned); the fields where they differ, with the ledger's reasons, on the code variant."""
    counts = found["match"].value_counts()
    text = R.article.text
    missing = rows_not_found(found, R.ledger, text)
    fields = disagreements(R.ledger, found, text)
    frame = pd.DataFrame({
        "measure": [R.t(f"match.{s}") for s in MATCHES]
        + [R.t("stat.rows_found"), R.t("stat.fields_differ"), R.t("stat.fields_unexplained")],
        "count": [int(counts.get(s, 0)) for s in MATCHES]
        + [f"{len(R.ledger) - len(missing)} / {len(R.ledger)}", len(fields),
           int((~fields["noted"]).sum())],
    })
    shown = R.table(frame, name="00_coverage", source=R.source_line())
    if not fields.empty:
        noted = fields.assign(note=[R.row(i)["note"] for i in fields["id"]])
        R.say("say.field_notes_language", code_only=True)  # the ledger's notes exist in English only
        R.table(noted[["id", "field", "ledger", "extractor", "note"]], name="00_field_notes", code_only=True)
    return shown


def claims_figure(R: Notebook, found: pd.DataFrame) -> None:
    """Claims per section, stacked by how they map to the ledger (or by kind)."""
    by = "match" if "match" in found else "kind"
    if found.empty:
        R.say("say.no_claims")
        return
    order = [s.name for s in R.article.sections]
    table = (found.assign(section=pd.Categorical(found["section"], categories=order))
             .groupby(["section", by], observed=False).size().unstack(fill_value=0))
    table = table.loc[table.sum(axis=1) > 0]
    table.index = [R.section_label(s) for s in table.index]
    table.columns = [R.t(f"{FAMILY.get(by, by)}.{c}") for c in table.columns]
    counts_figure(R, table, "fig.claims_per_section", "axis.claims", "00_claims_per_section",
                  R.source_line())
