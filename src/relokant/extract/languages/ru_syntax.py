"""Russian speech-verb subjects from natasha's syntax parse.

"Руслан Багиров, который консультирует ..., оценил число ... в 95 тысяч":
the subject of «оценил» is two clauses away from the figure, beyond what a
pattern over neighbouring words can see. The parser gives it directly, and
only sentences that the cheap cues left unattributed are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relokant.extract.languages.ru_words import SPEECH, natasha, one_thread, syntax

#: Dependents that belong to a subject's name (not relative clauses or punctuation).
_KEEP = {"flat:name", "flat", "appos", "amod", "nmod", "flat:foreign", "nummod:gov", "case"}
#: Subjects that are the research, not its author («опрос её команды показал»).
_RESEARCH = ("опрос", "исследовани", "доклад", "анализ", "данны", "подсч", "оценк", "цифр",
             "результат", "расч")


@dataclass(frozen=True)
class Subject:
    """The subject of a speech verb: its text, local span, and whether it is a pronoun."""

    text: str
    start: int
    end: int
    pronoun: bool
    modified: bool  # has an adjective of its own («Независимые исследователи»)
    research: bool = False  # the study itself, whose author may be named elsewhere


def parse(sentence: str) -> list[Any]:
    """Natasha's syntax tokens for one sentence (with start, stop, id, head_id, rel, pos)."""
    from natasha import Doc

    segmenter, _, tagger, _ = natasha()
    doc = Doc(sentence)
    doc.segment(segmenter)
    with one_thread():
        doc.tag_morph(tagger)
        doc.parse_syntax(syntax())
    return list(doc.tokens)


def speech_subjects(tokens: list[Any], fig_start: int) -> list[Subject]:
    """Subjects of speech verbs, the verb nearest the figure first."""
    children: dict[str, list[Any]] = {}
    for t in tokens:
        children.setdefault(t.head_id, []).append(t)
    verbs = [t for t in tokens if t.pos in {"VERB", "AUX"} and SPEECH.match(t.text)]
    verbs.sort(key=lambda t: abs(t.start - fig_start))
    out = []
    for verb in verbs:
        for child in children.get(verb.id, []):
            if child.rel not in {"nsubj", "nsubj:pass"} or child.pos in {"NUM", "SYM"}:
                continue
            if child.pos == "NOUN" and any(c.rel == "nummod" for c in children.get(child.id, [])):
                continue  # «90 тыс. граждан»: the figure itself
            keep = _subtree(child, children)
            start = min(t.start for t in keep)
            end = max(t.stop for t in keep)
            text = " ".join(t.text for t in sorted(keep, key=lambda t: t.start))
            modified = any(c.rel == "amod" for c in children.get(child.id, []))
            research = child.text.lower().startswith(_RESEARCH)
            out.append(Subject(text, start, end, child.pos == "PRON", modified, research))
    return out


def _subtree(token: Any, children: dict[str, list[Any]]) -> list[Any]:
    keep = [token]
    for child in children.get(token.id, []):
        if child.rel in _KEEP and child.pos != "PUNCT":
            keep.extend(_subtree(child, children))
    return keep
