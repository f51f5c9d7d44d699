#!/usr/bin/env python3
"""Times replylint's ``analyze_many`` against Python's Aho-Corasick peers.

    benches/python/run-peers [--replies 100000] [--runs 5] [--seed 7]

(`run-peers` builds replylint and installs the peers in build/bench-venv, then runs this
script with that venv's Python.)

Every engine searches the same expanded pattern list (`replylint lexicon expand`: every
literal of every built-in lexicon) over the same lowercased replies:

* replylint ``Analyzer.analyze_many`` — every core, GIL released; also normalises (NFC,
  quotes, script foldings), checks word boundaries and rule positions, runs the shape checks,
  maps spans back to the original text, and builds a Report object per reply;
* replylint ``Analyzer.analyze`` in a Python loop — the same work on one core;
* ``pyahocorasick`` (C) — ``Automaton.iter_long``: leftmost-longest matches, no boundaries;
* ``ahocorasick_rs`` (Rust) — ``find_matches_as_indexes`` with leftmost-longest matching;
* ``flashtext`` (pure Python) — ``extract_keywords(span_info=True)``, word boundaries on
  ASCII letters and digits only.

The peers only find literal matches; replylint does the whole analysis. Building each
automaton is timed separately. The replies are generated (seeded, deterministic): mixed
languages, realistic sentences, about 40% with one or two flagged phrases.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]

# Neutral sentences per language: what agents write when nothing is wrong. Languages without
# sentences here (or without built-in patterns) are left out of the mix.
NEUTRAL = {
    "en": [
        "Hi {name},",
        "Thanks for getting in touch about order {n}.",
        "Your parcel left our warehouse this morning and should arrive on Thursday.",
        "I've updated the delivery address to the one you gave me.",
        "The refund of {p} euros is on its way to the card you paid with.",
        "You can change the size on the order page until it ships.",
        "The replacement charger is in stock and ships today.",
        "Your subscription renews on the {d}th; you can cancel it any time before then.",
        "I've attached the invoice for order {n} to this email.",
        "Best regards, {agent}",
    ],
    "ru": [
        "Здравствуйте, {name}!",
        "Спасибо, что написали нам о заказе {n}.",
        "Посылка уже в пути и придёт в четверг.",
        "Возврат {p} рублей поступит на вашу карту в течение трёх дней.",
        "Я поменял адрес доставки на новый.",
        "Счёт за заказ {n} во вложении.",
        "С уважением, {agent}",
    ],
    "hu": [
        "Kedves {name}!",
        "Köszönjük, hogy írt nekünk a(z) {n}. számú rendelésről.",
        "A csomagot ma reggel feladtuk, csütörtökön érkezik.",
        "A {p} forint visszatérítést elindítottuk a kártyájára.",
        "A szállítási címet módosítottam.",
        "Üdvözlettel: {agent}",
    ],
    "tl": [
        "Hi {name}, salamat po sa mensahe ninyo.",
        "Naipadala na po ang order {n} at darating ito sa Huwebes.",
        "Na-refund na po ang {p} pesos sa card ninyo.",
        "Napalitan ko na po ang delivery address.",
        "Salamat po, {agent}",
    ],
    "ta": [
        "வணக்கம் {name},",
        "உங்கள் ஆர்டர் {n} இன்று அனுப்பப்பட்டது.",
        "பணம் {p} ரூபாய் உங்கள் கார்டுக்கு திருப்பி அனுப்பப்பட்டது.",
        "டெலிவரி முகவரியை மாற்றிவிட்டேன்.",
        "நன்றி, {agent}",
    ],
    "fa": [
        "سلام {name} عزیز،",
        "سفارش {n} امروز ارسال شد و پنجشنبه می‌رسد.",
        "مبلغ {p} تومان به کارت شما برگشت داده شد.",
        "آدرس تحویل را تغییر دادم.",
        "با تشکر، {agent}",
    ],
    "es": [
        "Hola {name}, gracias por escribirnos sobre el pedido {n}.",
        "El paquete salió esta mañana y llegará el jueves.",
        "El reembolso de {p} euros ya está en camino a su tarjeta.",
        "Un saludo, {agent}",
    ],
    "de": [
        "Hallo {name}, danke für Ihre Nachricht zur Bestellung {n}.",
        "Das Paket ist heute Morgen losgegangen und kommt am Donnerstag an.",
        "Die Erstattung von {p} Euro ist auf dem Weg zu Ihrer Karte.",
        "Viele Grüße, {agent}",
    ],
    "fr": [
        "Bonjour {name}, merci pour votre message concernant la commande {n}.",
        "Le colis est parti ce matin et arrivera jeudi.",
        "Le remboursement de {p} euros est en route vers votre carte.",
        "Bien cordialement, {agent}",
    ],
    "pt": [
        "Olá {name}, obrigado pela mensagem sobre o pedido {n}.",
        "O pacote saiu hoje de manhã e chega na quinta-feira.",
        "O reembolso de {p} reais já está a caminho do seu cartão.",
        "Abraço, {agent}",
    ],
    "id": [
        "Halo {name}, terima kasih sudah menghubungi kami soal pesanan {n}.",
        "Paket sudah dikirim pagi ini dan tiba hari Kamis.",
        "Pengembalian dana {p} ribu rupiah sudah dikirim ke kartu Anda.",
        "Salam, {agent}",
    ],
    "tr": [
        "Merhaba {name}, {n} numaralı sipariş için yazdığınız için teşekkürler.",
        "Paket bu sabah yola çıktı, perşembe günü elinizde olur.",
        "{p} liralık iade kartınıza gönderildi.",
        "Saygılarımla, {agent}",
    ],
    "ar": [
        "مرحباً {name}، شكراً لتواصلك معنا بخصوص الطلب {n}.",
        "تم شحن الطرد صباح اليوم وسيصل يوم الخميس.",
        "تم إرسال استرداد {p} ريال إلى بطاقتك.",
        "مع التحية، {agent}",
    ],
}
WEIGHTS = {"en": 30, "es": 8, "ru": 8, "tl": 8, "de": 6, "fr": 6, "pt": 6, "id": 6, "hu": 5, "tr": 5, "ar": 4, "ta": 4, "fa": 4}
NAMES = ["Priya", "Olga", "Bence", "Maria", "Arun", "Sara", "Tom", "Dmitri"]
AGENTS = ["Ana", "Bo", "Cy", "Di"]


def load_patterns() -> tuple[list[tuple[str, str, str]], str]:
    """``(language, rule_id, literal)`` for every expanded pattern, from the CLI when it is
    there (`replylint lexicon expand`), else from the Python package."""
    cargo = shutil.which("cargo")
    if cargo:
        out = subprocess.run(
            [cargo, "run", "-q", "--release", "-p", "replylint-cli", "--", "lexicon", "expand"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if out.returncode == 0 and out.stdout:
            rows = [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]
            return [r for r in rows if len(r) == 3], "cargo run -p replylint-cli -- lexicon expand"  # type: ignore[misc]
    import replylint

    return replylint.builtin_patterns(), "replylint.builtin_patterns()"


def generate(n: int, seed: int, patterns: list[tuple[str, str, str]]) -> list[str]:
    """``n`` replies: 1–4 neutral sentences of one language in their natural order, and in
    about 40% of them one or two flagged phrases of that language (expanded patterns, as the
    lexicons write them) at random places."""
    rng = random.Random(seed)
    by_language: dict[str, list[str]] = {}
    for lang, _, literal in patterns:
        by_language.setdefault(lang, []).append(literal)
    languages = [l for l in WEIGHTS if l in by_language]
    weights = [WEIGHTS[l] for l in languages]
    replies = []
    for _ in range(n):
        lang = rng.choices(languages, weights)[0]
        bank = NEUTRAL[lang]
        picked = sorted(rng.sample(range(len(bank)), rng.randint(1, min(4, len(bank)))))  # in bank order
        sentences = [
            bank[i].format(
                n=rng.randrange(10_000, 99_999),
                p=rng.randrange(5, 500),
                d=rng.randrange(1, 28),
                name=rng.choice(NAMES),
                agent=rng.choice(AGENTS),
            )
            for i in picked
        ]
        if rng.random() < 0.4:
            for _ in range(rng.choice((1, 1, 2))):
                phrase = rng.choice(by_language[lang])
                sentences.insert(rng.randrange(len(sentences) + 1), phrase[:1].upper() + phrase[1:] + ".")
        replies.append(" ".join(sentences))
    return replies


def measure(engines: list[tuple[str, Callable[[], int], int]], rounds: int) -> dict[str, tuple[float, float, int]]:
    """Runs the engines round-robin (one run each per round, so that a busy spell of the
    machine hits them all alike) and returns each one's median wall-clock seconds, median
    CPU seconds of the process (all threads) and match count."""
    wall: dict[str, list[float]] = {name: [] for name, _, _ in engines}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in engines}
    found: dict[str, int] = {}
    for round_ in range(rounds):
        for name, fn, runs in engines:
            if round_ >= runs:
                continue
            start, start_cpu = time.perf_counter(), time.process_time()
            found[name] = fn()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            print(f"  round {round_ + 1}: {name:<24} {wall[name][-1]:8.3f} s", file=sys.stderr)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name]), found[name]) for name in wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flashtext-runs", type=int, default=3, help="flashtext is slow")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import ahocorasick
    import ahocorasick_rs
    import flashtext

    import replylint

    patterns, source = load_patterns()
    literals = sorted({literal for _, _, literal in patterns})
    replies = generate(args.replies, args.seed, patterns)
    texts = [r.lower() for r in replies]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"patterns: {len(patterns)} expanded ({len(literals)} distinct literals) from {source}")
    print(f"replies: {len(texts)} generated with seed {args.seed}, {megabytes:.1f} MB lowercased")
    print(f"median of {args.runs} runs ({args.flashtext_runs} for flashtext), run round-robin\n")

    builds: dict[str, float] = {}

    start = time.perf_counter()
    analyzer = replylint.Analyzer()
    builds["replylint"] = time.perf_counter() - start

    start = time.perf_counter()
    pyac = ahocorasick.Automaton()
    for i, literal in enumerate(literals):
        pyac.add_word(literal, i)
    pyac.make_automaton()
    builds["pyahocorasick"] = time.perf_counter() - start

    start = time.perf_counter()
    acrs = ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    builds["ahocorasick_rs"] = time.perf_counter() - start

    start = time.perf_counter()
    flash = flashtext.KeywordProcessor(case_sensitive=True)
    for literal in literals:
        flash.add_keyword(literal)
    builds["flashtext"] = time.perf_counter() - start

    engines: list[tuple[str, str, Callable[[], int], int]] = [
        ("replylint analyze_many", "replylint", lambda: sum(len(r) for r in analyzer.analyze_many(texts)), args.runs),
        ("replylint analyze, loop", "replylint", lambda: sum(len(analyzer.analyze(t)) for t in texts), args.runs),
        ("pyahocorasick iter_long", "pyahocorasick", lambda: sum(sum(1 for _ in pyac.iter_long(t)) for t in texts), args.runs),
        ("ahocorasick_rs", "ahocorasick_rs", lambda: sum(len(acrs.find_matches_as_indexes(t)) for t in texts), args.runs),
        ("flashtext", "flashtext", lambda: sum(len(flash.extract_keywords(t, span_info=True)) for t in texts), args.flashtext_runs),
    ]
    results = measure([(name, fn, runs) for name, _, fn, runs in engines], max(args.runs, args.flashtext_runs))
    base = results[engines[0][0]][0]
    print(
        f"{'engine':<24} {'build s':>8} {'wall s':>8} {'CPU s':>7} {'replies/s':>10} {'MB/s':>6} "
        f"{'× replylint':>11} {'matches':>8}"
    )
    for name, build_key, _, _ in engines:
        seconds, cpu_seconds, found = results[name]
        print(
            f"{name:<24} {builds[build_key]:8.3f} {seconds:8.3f} {cpu_seconds:7.3f} {len(texts) / seconds:10,.0f} "
            f"{megabytes / seconds:6.1f} {seconds / base:11.2f} {found:8}"
        )
    print("\n'wall s', 'CPU s': medians of the search (CPU: all threads of the process).")
    print("'× replylint': wall time relative to replylint analyze_many (above 1 = slower).")
    print("'matches': findings for replylint (after boundaries, positions and shape checks),")
    print("raw literal matches for the peers.")


if __name__ == "__main__":
    main()
