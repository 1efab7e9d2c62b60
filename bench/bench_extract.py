"""Extraction throughput: relokant against quantulum3 on the same generated corpus.

The corpus is generated here: the development articles with their figures and
names varied, and Russian articles assembled from invented sentences.
"""

from __future__ import annotations

import pathlib
import random
import re
import resource
import tempfile
import time

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "corpus"
NAMES_EN = ["Ivan Petrov", "Anna Smirnova", "Oleg Volkov", "Maria Orlova", "Pavel Sokolov"]
NAMES_RU = ["Иван Петров", "Анна Смирнова", "Олег Волков", "Мария Орлова", "Павел Соколов"]
RU_SENTENCES = [
    "По оценкам демографа {name}, в прошлом году из России уехали от {a} до {b} тыс. человек.",
    "По данным Росстата, страну покинули {a} тыс. {c} человек.",
    "Более {a} тыс. россиян эмигрировали с начала войны, подсчитал {name}.",
    "Около {p}% уехавших уже вернулись, показал опрос проекта «Исход».",
    "Каждый пятый релокант вернулся в Россию, заявил социолог {name}.",
    "Средняя зарплата айтишника составляет {a} тыс. рублей в месяц.",
    "В Грузии сейчас проживают порядка {a} тыс. россиян, сообщило МВД республики.",
    "Эксперты отмечают, что оценки сильно расходятся и зависят от методики подсчета.",
    "Власти обсуждают меры, которые могли бы вернуть уехавших специалистов.",
]


def _vary(text: str, rng: random.Random) -> str:
    def number(m: re.Match[str]) -> str:
        digits = m.group(0).replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return m.group(0)
        value = max(1, int(int(digits) * rng.uniform(0.7, 1.3)))
        return f"{value:,}" if "," in m.group(0) else str(value)

    text = re.sub(r"\d{1,3}(?:,\d{3})+|\d+", number, text)
    for name in ("Alexei Raksha", "Kirill Rogov", "Emil Kamalov"):
        text = text.replace(name, rng.choice(NAMES_EN))
    return text


def _russian(rng: random.Random) -> str:
    lines = [f"# Статья {rng.randint(1, 10_000)}", "", f"{rng.randint(1, 28)} мая 2024", ""]
    for _ in range(rng.randint(12, 30)):
        lines.append(rng.choice(RU_SENTENCES).format(
            name=rng.choice(NAMES_RU), a=rng.randint(100, 900), b=rng.randint(900, 1500),
            c=rng.randint(100, 999), p=rng.randint(5, 60)))
        lines.append("")
    return "\n".join(lines)


def make_corpus(folder: pathlib.Path, n: int, seed: int = 0) -> list[pathlib.Path]:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    paths = []
    for i in range(n):
        if i % 2 == 0 and sources:
            text, suffix = _vary(rng.choice(sources), rng), ".txt"
        else:
            text, suffix = _russian(rng), ".md"
        path = folder / f"doc{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool = False) -> dict[str, object]:
    from relokant.extract.batch import BatchSettings, run_batch

    n = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(pathlib.Path(tmp), n)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        # warm-up: load models once (natasha, pymorphy3) outside the timing
        list(run_batch(paths[:4], BatchSettings()))
        from quantulum3 import parser

        peer_n = min(n, 100 if quick else 300)
        # interleaved in blocks (relokant 2 articles for each of quantulum3's 1): a change in
        # the machine's load during the run then slows both alike, and the ratio holds
        blocks = 10
        ours_step, peer_step = n // blocks, peer_n // blocks
        parser.parse(paths[0].read_text(encoding="utf-8"))  # its models, outside the memory
        rss_start = _rss_mb()
        seconds = peer_seconds = 0.0
        claims = quantities = 0
        rss_half = 0.0
        for b in range(blocks):
            start = time.perf_counter()
            for result in run_batch(paths[b * ours_step:(b + 1) * ours_step], BatchSettings()):
                claims += len(result.extractions)
            seconds += time.perf_counter() - start
            if b == blocks // 2 - 1:
                rss_half = _rss_mb()
            start = time.perf_counter()
            for p in paths[b * peer_step:(b + 1) * peer_step]:
                quantities += len(parser.parse(p.read_text(encoding="utf-8")))
            peer_seconds += time.perf_counter() - start
        rss_end = _rss_mb()
        ours = {"articles_per_s": n / seconds, "mb_per_s": size_mb / seconds,
                "claims": claims, "seconds": seconds,
                "rss_growth_second_half_mb": rss_end - rss_half,
                "rss_growth_total_mb": rss_end - rss_start}
        print(f"relokant:   {ours['articles_per_s']:8.1f} articles/s  {ours['mb_per_s']:.3f} MB/s"
              f"  {claims} claims  RSS +{ours['rss_growth_total_mb']:.1f} MB "
              f"(+{ours['rss_growth_second_half_mb']:.1f} MB in the second half)")
        peer = {"articles_per_s": peer_n / peer_seconds,
                "mb_per_s": sum(p.stat().st_size for p in paths[:peer_n]) / 1e6 / peer_seconds,
                "articles": peer_n, "quantities": quantities}
        print(f"quantulum3: {peer['articles_per_s']:8.1f} articles/s  "
              f"{peer['mb_per_s']:.3f} MB/s  ({peer_n} of the same articles)")
    ratio = ours["articles_per_s"] / peer["articles_per_s"]
    print(f"ratio: {ratio:.1f}x quantulum3's throughput")
    return {"benchmark": "extract", "documents": n, "corpus_mb": round(size_mb, 2),
            "relokant": ours, "quantulum3": peer, "ratio_vs_quantulum3": ratio}
