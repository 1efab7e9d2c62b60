"""The document's memory of named actors: pronouns, roles and surnames find the right one."""

from __future__ import annotations

from relokant.extract.languages import LanguagePack, pack_for
from relokant.extract.languages.en import EnglishPack
from relokant.extract.languages.ru import RussianPack
from relokant.extract.memory import ActorMemory


def test_pronouns_follow_gender_and_recency() -> None:
    memory = ActorMemory()
    memory.add("Oksana Reva", "person", female=True)
    memory.add("Boris Lagin", "person", female=False)
    assert memory.person(female=True) == "Oksana Reva"
    assert memory.person(female=False) == "Boris Lagin"
    assert memory.person() == "Boris Lagin"


def test_roles_prefer_the_person_given_that_role() -> None:
    memory = ActorMemory()
    memory.add("Boris Lagin", "person", frozenset({"minister"}))
    memory.add("Oksana Reva", "person", frozenset({"sociologist"}))
    assert memory.by_role("minister") == "Boris Lagin"
    assert memory.by_role("expert") == "Oksana Reva"  # a generic role: the last person
    assert memory.by_role("governor") is None


def test_surname_alone_recalls_the_full_name_in_any_case() -> None:
    memory = ActorMemory()
    memory.add("Борис Лагин", "person")
    memory.add("Лагин", "person")
    assert memory.mentions[-1].name == "Борис Лагин"
    assert memory.surname("Лагина") == "Борис Лагин"


def test_packs_share_one_interface() -> None:
    packs: list[LanguagePack] = [pack_for("en"), pack_for("ru"), pack_for("de")]
    assert isinstance(packs[0], EnglishPack) and isinstance(packs[1], RussianPack)
    assert isinstance(packs[2], EnglishPack)  # no rules of its own: read as English
    assert [p.code for p in packs] == ["en", "ru", "en"]
