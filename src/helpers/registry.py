"""Every concept defined once: claim kinds, audit checks, and the fields of every table.

The package's lists are read from here, never typed again elsewhere:

- ``CLAIM_KINDS``: the kinds of claim a ledger row can have, each with its
  attributes (does it state a figure, can it carry a rank, is it a claim in
  words that the audit lists as unsourced); the glossary keys of a kind
  follow from its name (``claimkind.<kind>``; ``claim.<kind>`` for a kind
  without a figure; ``how.unsourced.<kind>`` for a worded one).
- ``CHECKS``: the audit's checks by name; ``audit`` implements each as
  ``check_<name>``, ``audit_checks.csv`` names them, the glossary words them.
- ``TABLES``: every CSV of a data folder and every export, as a list of
  ``Field`` (name, type, description, constraints) in the manner of a
  Frictionless Table Schema. ``helpers/schemas/*.json`` and
  ``data/datapackage.json`` are generated from it (``python -m helpers
  datapackage``; a test fails when a generated file is stale), and the
  loaders check every row against its table's fields (``datapackage.check_rows``).

Ground floor: imports only ``lexicon`` (the qualifier and scope words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import MODALS, SCOPE_WORDS


@dataclass(frozen=True)
class ClaimKind:
    """A kind of claim: its name, what a row of it holds, and how it is audited."""

    name: str
    description: str
    has_value: bool = False  # states a figure: value and unit are given
    can_rank: bool = False  # may carry a rank (rank, rank_kind, scope)
    worded: bool = False  # a claim in words (no figure, no rank): has a scope, audited as unsourced


CLAIM_KINDS = (
    ClaimKind("quantity", "a number with a unit (32.2%, 2071家)", has_value=True, can_rank=True),
    ClaimKind("rank", "a rank with no figure of its own (全省第二)", can_rank=True),
    ClaimKind("streak", "N years or times in a row (三连冠, 连续3年)", has_value=True, can_rank=True),
    ClaimKind("first", "a first (首次, 首个)", worded=True),
    ClaimKind("only", "the only one (唯一)", worded=True),
    ClaimKind("lead", "a lead (率先, 领先)", worded=True),
    ClaimKind("standing", "a standing without a figure (试点, 名单, 诞生地, 标杆, 领军, 全覆盖)", worded=True),
)
KIND_NAMES = tuple(k.name for k in CLAIM_KINDS)
VALUE_KINDS = tuple(k.name for k in CLAIM_KINDS if k.has_value)
RANKED_KINDS = tuple(k.name for k in CLAIM_KINDS if k.can_rank)
WORDED_KINDS = tuple(k.name for k in CLAIM_KINDS if k.worded)

# The audit's checks, by name. What each checks is the docstring of ``audit.check_<name>``; its words for
# readers are the glossary's ``check.<name>`` and ``how.<name>.*``.
CHECKS = ("span_years", "doubling", "times_average", "growth_base", "all_first", "both_top", "streak_ranks",
          "target_pace", "in_list", "award_years", "streak_years", "dates", "external", "award_places", "unsourced")

BOUNDS = ("exact", "approx", "at_least", "at_most")
QUALIFIERS = BOUNDS + tuple(f"{modal}{'' if bound == 'exact' else '_' + bound}" for modal in MODALS for bound in BOUNDS)
SCOPES = tuple(dict.fromkeys(SCOPE_WORDS.values()))  # world, national, province, city, county
# A rank among a named group (山区26县, 山区海岛县, 20个县（区、市）: its size in its name when the text gives one)
# has the group's name as its scope: Chinese words (digits too), no Latin letter, no separator.
GROUP_SCOPE = r"(?=.*[^\x00-\x7f])[^A-Za-z,;\s]{2,40}"
SCOPE = "|".join(SCOPES) + "|" + GROUP_SCOPE
RANK_KINDS = ("exact", "top_n")
CURATIONS = ("draft", "checked")
VERDICTS = ("consistent", "inconsistent", "not_checkable", "bookkeeping")
RELIABILITY = ("official", "media", "repost")
PLACE_KINDS = ("city", "county")
TERM_ROLES = ("level", "scope", "subject", "measure")  # how a term of data/terms.csv stands in a name (``terms``)
META_FIELDS = ("title", "title_en", "publication", "reference_date", "place_id", "place", "place_en", "source",
               "source_en")
PERIOD = r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?"
HISTORICAL_PERIOD = r"historical|(1[0-9]|20)\d0s"  # 顶峰时 (undated), 20世纪80年代 (1980s): periods.is_historical
SOURCE_DATE = r"unknown|\d{4}(-\d{2}(-\d{2})?)?"


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, description and constraints."""

    name: str
    type: str = "string"
    description: str = ""
    constraints: dict = field(default_factory=dict)

    def spec(self) -> dict:
        """The field as a Table Schema field descriptor."""
        out: dict = {"name": self.name, "type": self.type}
        if self.description:
            out["description"] = self.description
        if self.constraints:
            out["constraints"] = dict(self.constraints)
        return out


def _f(name: str, type_: str = "string", description: str = "", **constraints) -> Field:
    return Field(name, type_, description, constraints)


REQUIRED = {"required": True}
KEY = {"required": True, "unique": True}

# The ledger (data/indicators.csv, cases/NAME/indicators.csv), column by column; README "Data" describes them.
LEDGER = (
    _f("id", description="a unique snake_case key: a-z, 0-9 and _", **KEY, pattern="[a-z][a-z0-9_]*"),
    _f("section", description="the article's section (an id of raw/sections.csv)", **REQUIRED),
    _f("topic", description="a group inside the section", **REQUIRED),
    _f("kind", description="the kind of claim: " + "; ".join(f"{k.name}, {k.description}" for k in CLAIM_KINDS),
       **REQUIRED, enum=list(KIND_NAMES)),
    _f("metric_zh", description="what is counted, in Chinese", **REQUIRED),
    _f("metric_en", description="what is counted, in English (a draft may leave it empty)"),
    _f("value", "number", "the number as stated; empty for firsts, onlys, leads, standings and rank rows"),
    _f("unit", description="the unit as written"),
    _f("qualifier", description="exact, a bound, an expectation or a target", **REQUIRED, enum=list(QUALIFIERS)),
    _f("period", description="the time it refers to: YYYY, YYYY-MM or YYYY-MM-DD, two of them joined by /, "
       "publication, or a historical time (historical: undated, as 顶峰时; a decade: 1980s)", **REQUIRED,
       pattern=f"publication|{HISTORICAL_PERIOD}|{PERIOD}"),
    _f("rank", "integer", "the rank the article gives, where it gives one; scope says where it holds "
       "(national, province, city, county or a named group)", minimum=1),
    _f("rank_kind", description="exact or top_n, with a rank", enum=list(RANK_KINDS)),
    _f("scope", description="the level of a rank, first, only, lead or standing: " + ", ".join(SCOPES)
       + ", or, for a rank, the named group it holds in (山区26县, 20个县（区、市）)", pattern=SCOPE),
    _f("summary_of", description="ids of the rows a summary restates, separated by spaces"),
    _f("quote", description="a verbatim span of the cleaned article", **REQUIRED),
    _f("note", description="field: reason, where a field differs from the extractor's reading"),
)
# A drafted ledger's extra column (cases); an older case's ``status`` reads as it (datapackage.RENAMED_COLUMNS).
CURATION = _f("curation", description="a drafted ledger's row: draft until a researcher checks it "
              "(an older case's column status is read as curation)", enum=list(CURATIONS))
SOURCE = (
    _f("publisher_zh", **REQUIRED), _f("publisher_en", **REQUIRED), _f("title"), _f("url"),
    _f("date", description="when the source was published: YYYY, YYYY-MM, YYYY-MM-DD or unknown", **REQUIRED,
       pattern=SOURCE_DATE),
    _f("reliability", **REQUIRED, enum=list(RELIABILITY)),
)


@dataclass(frozen=True)
class Table:
    """A table's fields, primary key and whether empty cells are missing values."""

    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    missing_values: bool = True

    def schema(self) -> dict:
        """The table as a Frictionless Table Schema."""
        out: dict = {"fields": [f.spec() for f in self.fields]}
        if self.primary_key:
            out["primaryKey"] = list(self.primary_key)
        if self.missing_values:
            out["missingValues"] = [""]
        return out


TABLES = {
    "indicators": Table(LEDGER, ("id",)),
    "indicators_curation": Table((CURATION,), missing_values=False),
    "claims": Table(LEDGER + (
        _f("audit_checks", description="check_id:verdict, joined by '; '"),
        _f("audit_verdict", description="the verdict that says most about the row: inconsistent, else not_checkable, else consistent, else bookkeeping (the ledger restates the words it was read from)", enum=list(VERDICTS)),
    ), ("id",)),
    "claim_exclusions": Table((_f("span", **REQUIRED), _f("context", **REQUIRED), _f("reason_zh", **REQUIRED),
                               _f("reason_en", **REQUIRED))),
    "audit_checks": Table((
        _f("check", **REQUIRED, enum=list(CHECKS)),
        _f("ids", description="ledger ids, separated by spaces; * for all"),
        _f("context", description="context ids or a table name, separated by spaces; * for all"),
        _f("note_zh"), _f("note_en"),
    )),
    "audit": Table((
        _f("check_id", **KEY), _f("check", **REQUIRED), _f("claim"), _f("how"), _f("result"),
        _f("verdict", **REQUIRED, enum=list(VERDICTS)), _f("ids"),
    ), ("check_id",)),
    "context_figures": Table((
        _f("id", **KEY), _f("place", **REQUIRED), _f("indicator_zh", **REQUIRED), _f("indicator_en", **REQUIRED),
        _f("value", "number", **REQUIRED), _f("unit"),
        _f("period", description="the time it holds for: YYYY, YYYY-MM or YYYY-MM-DD, two of them joined by /, "
           "or unknown", **REQUIRED, pattern=f"unknown|{PERIOD}"),
        _f("rank", "integer", minimum=1),
        _f("ledger_id", description="the ledger row it compares with"),
        _f("comparable", **REQUIRED, enum=["yes", "no"]), _f("note_zh"), _f("note_en"),
    ) + SOURCE, ("id",)),
    "context_places": Table((
        _f("id", **KEY), _f("place_zh", **REQUIRED), _f("place_en", **REQUIRED),
        _f("kind", **REQUIRED, enum=list(PLACE_KINDS)), _f("city_zh", **REQUIRED),
    ) + SOURCE, ("id",)),
    "terms": Table((
        _f("zh", description="the term in Chinese, as official sources write it", **KEY),
        _f("en", description="the term in English, as the source publishes it", **REQUIRED),
        _f("role", description="how it stands in a name: level (国家级) before what follows, scope (全省) at the end, "
           "subject (a noun phrase) as it is, measure (增加值, 增速) of what came before", **REQUIRED,
           enum=list(TERM_ROLES)),
        _f("source", description="who publishes the pair, and where", **REQUIRED),
        _f("source_url", description="the page that shows the English term", **REQUIRED, pattern="https?://\\S+"),
    ), ("zh",)),
    "glossary": Table((_f("key", **KEY), _f("zh", **REQUIRED), _f("en", **REQUIRED), _f("note")), ("key",)),
    "article_meta": Table((_f("field", **KEY, enum=list(META_FIELDS)), _f("value"), _f("note"))),
    "sections": Table((_f("section", **REQUIRED), _f("role", **REQUIRED, enum=["title", "heading", "start"]),
                       _f("starts_with", **REQUIRED), _f("note"))),
}


def columns(table: str) -> list[str]:
    """A table's column names, in order."""
    return [f.name for f in TABLES[table].fields]
