"""Which words of a French text the French dictionary does not know.

Two back-ends give the same verdicts (tests/test_spelling.py compares them on the whole course):
- "hunspell": Debian's hunspell with hunspell-fr (`hunspell -d fr_FR -p … -l`), used where installed: it is fast;
- "spylls": spylls (Hunspell ported to pure Python, from PyPI: the `test` extra) reading npm's dictionary-fr
  (node_modules/, installed by `make test`), for a machine without root. Its dictionary-fr version is the one
  closest to Debian 12's hunspell-fr (both Grammalecte's "classique" spelling, see package.json).
Both take the project word list tests/mots-du-projet.txt (one word a line, or word/model: the word takes the
affixes of the dictionary word `model`, as hunspell's -p does).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = REPO / "tests" / "mots-du-projet.txt"
DEBIAN_DICTIONARY = Path("/usr/share/hunspell/fr_FR.dic")
NPM_DICTIONARY = REPO / "node_modules" / "dictionary-fr"  # index.aff, index.dic
BACKENDS = ("hunspell", "spylls")  # fastest first


def available(backend: str) -> bool:
    if backend == "hunspell":
        return bool(shutil.which("hunspell")) and DEBIAN_DICTIONARY.exists()
    try:
        import spylls  # noqa: F401
    except ImportError:
        return False
    return (NPM_DICTIONARY / "index.aff").exists() and (NPM_DICTIONARY / "index.dic").exists()


def available_backends() -> list[str]:
    return [backend for backend in BACKENDS if available(backend)]


def why_unavailable(backend: str) -> str:
    """Why a back-end cannot run here, in French, for a skip message."""
    if backend == "hunspell":
        return "hunspell-fr absent (apt-get install hunspell hunspell-fr)"
    try:
        import spylls  # noqa: F401
    except ImportError:
        return "spylls absent (make setup)"
    return "dictionary-fr absent de node_modules (npm install, que make test lance là où npm est installé)"


def unknown_words(text: str, backend: str | None = None) -> list[str]:
    """The distinct words of `text` that the dictionary does not know, sorted; with the first available back-end
    unless one is named."""
    backend = backend or available_backends()[0]
    if backend == "hunspell":
        result = subprocess.run(["hunspell", "-d", "fr_FR", "-p", str(WORDS), "-l"], input=text,
                                capture_output=True, text=True, check=True)
        return sorted(set(result.stdout.split()))
    checker = _spylls_checker()
    return sorted({word for line in text.split("\n") for word in checker.words(line) if not checker.knows(word)})


@functools.cache
def _spylls_checker() -> _SpyllsChecker:
    return _SpyllsChecker(NPM_DICTIONARY / "index.aff", NPM_DICTIONARY / "index.dic", WORDS)


# What Hunspell itself does around its dictionary lookup, for the same verdicts as `hunspell -l`:
# numbers with single separators are words (Hunspell::spell), and so are URLs, e-mail addresses and paths, which its
# text parser skips (TextParser::check_urls).
_NUMBER = re.compile(r"[0-9]+(?:[.,-][0-9]+)*")
_URL_CHARACTERS = frozenset("-_\\.:/~%*$[]?!0123456789@")


class _SpyllsChecker:
    """spylls with a Hunspell dictionary and the project word list, finding words in text as hunspell does."""

    def __init__(self, aff: Path, dic: Path, project_words: Path):
        from spylls.hunspell import Dictionary
        from spylls.hunspell.data.aff import ConvTable

        aff_text = aff.read_text(encoding="utf-8")
        # The input conversion (ICONV: typographic apostrophe, ligatures…) that hunspell applies to every word it
        # checks and to the project's words; spylls applies it to the words it checks.
        conversion = ConvTable([tuple(fields[1:]) for fields in map(str.split, aff_text.splitlines())
                                if len(fields) == 3 and fields[0] == "ICONV"])
        entries = dic.read_text(encoding="utf-8").split("\n")
        with tempfile.TemporaryDirectory() as folder:
            combined = Path(folder) / "fr"
            combined.with_suffix(".aff").write_text(aff_text, encoding="utf-8")
            combined.with_suffix(".dic").write_text(
                "\n".join(entries + self._project_entries(project_words, entries, conversion)) + "\n",
                encoding="utf-8")
            self.dictionary = Dictionary.from_files(str(combined))
        aff_data = self.dictionary.aff
        aff_data.ICONV = self.convert = _QuickConversion(conversion)
        # Words are broken at the BREAK patterns (hyphen, dot, apostrophes) here, as hunspell does it: spylls' own
        # breaking tries every split of the word as written, where hunspell tries two splits of the word in the
        # case it was last looked up in, each side checked in full (numbers, abbreviations, further breaks).
        self.breaks = [pattern.pattern for pattern in aff_data.BREAK]
        aff_data.BREAK = []
        self.word_characters = frozenset(aff_data.WORDCHARS or "")
        self.knows = functools.cache(self.spell)  # each distinct word is looked up once

    @staticmethod
    def _project_entries(project_words: Path, entries: list[str], conversion) -> list[str]:
        """Dictionary lines for the project words as hunspell's -p adds them: `word` alone, or `word/model` with the
        flags of model's first entry (and not at all if model has none)."""
        flags = {}
        for entry in entries[1:]:
            stem, _, rest = entry.partition("/")
            flags.setdefault(stem, rest.split(maxsplit=1)[0] if rest.strip() else "")
        lines = []
        for line in project_words.read_text(encoding="utf-8").splitlines():
            word, has_model, model = conversion(line.strip()).partition("/")
            if word and not has_model:
                lines.append(word)
            elif word and flags.get(model):
                lines.append(f"{word}/{flags[model]}")
        return lines

    def is_word_character(self, character: str) -> bool:
        return character.isalpha() or character in self.word_characters

    def words(self, line: str):
        """The words of one line as Hunspell's text parser finds them: runs of letters and of the dictionary's
        WORDCHARS (in French also digits, hyphens, apostrophes and dots), except inside URLs, e-mail addresses and
        paths (a run of word and URL characters that starts with "/" or holds "@", "://" or ":\\")."""
        in_url = [False] * len(line)
        start = 0
        while start < len(line):
            if not (self.is_word_character(line[start]) or line[start] == "/"):
                start += 1
                continue
            end = start + 1
            while end < len(line) and (self.is_word_character(line[end]) or line[end] in _URL_CHARACTERS):
                end += 1
            run = line[start:end]
            if run.startswith("/") or "@" in run or "://" in run or ":\\" in run:
                in_url[start:end] = [True] * (end - start)
            start = end + 1
        start = 0
        while start < len(line):
            if not self.is_word_character(line[start]):
                start += 1
                continue
            end = start + 1
            while end < len(line) and self.is_word_character(line[end]):
                end += 1
            if not in_url[start]:
                yield line[start:end]
            start = end

    def spell(self, word: str, callers: tuple[str, ...] = ()) -> bool:
        """Hunspell::spell (hunspell 1.7) around spylls' lookup: input conversion (typographic apostrophe,
        ligatures), trailing dots dropped then tried back as an abbreviation ("etc."), numbers with single
        separators accepted, then the recursive breaking at BREAK patterns. (The French dictionary forbids no word,
        so hunspell's "forbidden words are not broken" does not arise.)"""
        if word in callers:
            return False
        callers += (word,)
        converted = self.convert(word)
        stem = converted.rstrip(".")
        if not stem or _NUMBER.fullmatch(stem):
            return True
        if self.dictionary.lookup(stem) or (stem != converted and self.dictionary.lookup(stem + ".")):
            return True
        capitals = sum(character != character.lower() for character in stem)
        caseless = sum(character.upper() == character.lower() for character in stem)
        if capitals and capitals + caseless == len(stem):  # all capitals: hunspell goes on with "Initial"
            stem = stem[:1].upper() + stem[1:].lower()
        if sum(stem.count(pattern) for pattern in self.breaks) >= 10:
            return False
        for pattern in self.breaks:  # ^start and end$ patterns (apostrophes)
            if len(pattern.encode()) == 1 or len(pattern.encode()) > len(stem.encode()):
                continue
            if pattern[0] == "^" and stem.startswith(pattern[1:]) and self.spell(stem[len(pattern) - 1:], callers):
                return True
            if pattern[-1] == "$" and stem.endswith(pattern[:-1]) and self.spell(stem[:1 - len(pattern)], callers):
                return True
        for second_occurrence in (True, False):  # the other patterns: at the second occurrence, then at the first
            for pattern in self.breaks:
                found = stem.find(pattern)
                if found <= 0 or found + len(pattern) >= len(stem):
                    continue
                found2 = stem.find(pattern, found + 1)
                if second_occurrence and found2 > 0 and found2 + len(pattern) < len(stem):
                    found = found2
                if self.spell(stem[found + len(pattern):], callers) and self.spell(stem[:found], callers):
                    return True
        return False


class _QuickConversion:
    """An ICONV table that returns at once the words in which none of its patterns occurs (spylls' own looks at
    every position of every word: a third of the checking time)."""

    def __init__(self, table):
        self.table = table
        self.patterns = tuple(filter(None, (pattern.replace("_", "") for pattern, _ in table.pairs)))

    def __call__(self, word: str) -> str:
        return self.table(word) if any(pattern in word for pattern in self.patterns) else word
