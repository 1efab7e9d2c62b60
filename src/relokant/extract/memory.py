"""A document's memory of the actors it has named, so later references resolve to them.

News text names a speaker once ("demographer Tamara Belova") and then refers
back by pronoun ("she", «он»), by role ("the minister", «эксперт»), or by
surname alone. Each language pack records named actors here as it reads, and
asks for the last compatible one when a figure's clause only has a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Roles that any named person may be referred back by («эксперт», "the researcher").
GENERIC_ROLES = frozenset({"expert", "researcher", "analyst", "scientist", "specialist",
                           "official", "author", "scholar"})


@dataclass(frozen=True)
class Mention:
    """A named actor: a person or an organisation, with the roles given to it."""

    name: str
    kind: str  # "person" or "org"
    roles: frozenset[str] = frozenset()
    female: bool | None = None


@dataclass
class ActorMemory:
    """Named actors in reading order; look-ups return the most recent compatible one."""

    mentions: list[Mention] = field(default_factory=list)

    def add(self, name: str, kind: str, roles: frozenset[str] = frozenset(),
            female: bool | None = None) -> None:
        """Remember an actor; a repeated name moves to the end and keeps its roles."""
        if kind == "person" and len(name.split()) == 1:
            name = self.surname(name) or name  # "Лагин" after "Борис Лагин"
        old = [m for m in self.mentions if m.name == name or _same_person(m.name, name)]
        for m in old:
            self.mentions.remove(m)
            roles = roles | m.roles
            female = m.female if female is None else female
            if kind == "person" and len(m.name.split()) > len(name.split()):
                name = m.name  # "Morozov" after "Gleb Morozov": keep the full name
        self.mentions.append(Mention(name, kind, roles, female))

    def person(self, female: bool | None = None) -> str | None:
        """The last person named (of the given grammatical gender, when known)."""
        for m in reversed(self.mentions):
            if m.kind == "person" and (female is None or m.female is None or m.female == female):
                return m.name
        return None

    def org(self) -> str | None:
        """The last organisation named."""
        return next((m.name for m in reversed(self.mentions) if m.kind == "org"), None)

    def last(self) -> str | None:
        """The last actor of any kind."""
        return self.mentions[-1].name if self.mentions else None

    def by_role(self, role: str, female: bool | None = None) -> str | None:
        """The last person given ``role``; a generic role falls back to the last person."""
        for m in reversed(self.mentions):
            if role in m.roles and (female is None or m.female in (None, female)):
                return m.name
        if role in GENERIC_ROLES or role == "person":
            return self.person(female)
        return None

    def surname(self, word: str) -> str | None:
        """The full name of a person named earlier whose surname is ``word`` (any case form)."""
        for m in reversed(self.mentions):
            if m.kind == "person" and len(m.name.split()) > 1 and \
                    _stem(m.name.split()[-1]) == _stem(word):
                return m.name
        return None


def _stem(word: str) -> str:
    w = word.lower().strip(".,;:")
    for suffix in ("ой", "ому", "ого", "ым", "ом", "ую", "ей", "а", "у", "е", "ы"):
        if len(w) > 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _same_person(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    return len(ta) >= 2 and len(tb) >= 2 and ta[-1] == tb[-1] and ta[0][:3] == tb[0][:3]


def pronoun_referent(match: re.Match[str], memory: ActorMemory) -> tuple[bool, str | None]:
    """Whether a pronoun/role match is a personal pronoun, and the actor it refers to.

    Both language packs' patterns name the groups "he", "she" and "they".
    """
    if match.group("he"):
        return True, memory.person(female=False)
    if match.group("she"):
        return True, memory.person(female=True)
    if match.group("they"):
        return True, memory.last()
    return False, None
