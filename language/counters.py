"""Readings of numbers with their counters, for furigana: 3日間 → みっかかん, 10分 → じゅっぷん.

A counter's reading depends on the number before it (1分 いっぷん, 3分 さんぷん, 4分 よんぷん), and
a morphological analyser reads the digits one by one or not at all, so the number and its counter
are read here, together, and get one ruby over both. The sound changes follow NHK's pronunciation
dictionary in its first form (10 → じゅっ, not じっ); whole words that no rule makes (1人 ひとり,
20歳 はたち, 1日 ついたち) are listed per counter.
"""

import re
import unicodedata
from dataclasses import dataclass, field

DIGITS = ("", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
# A thousand, a hundred, ten times a digit (300 さんびゃく, 600 ろっぴゃく, 8000 はっせん).
PLACES = (
    (1000, "せん", {3: "さんぜん", 8: "はっせん"}),
    (100, "ひゃく", {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}),
    (10, "じゅう", {}),
)
LARGE = ((10**12, "ちょう"), (10**8, "おく"), (10**4, "まん"))


def _below_10000(n, before_unit=False):
    out = ""
    for value, name, special in PLACES:
        digit, n = divmod(n, value)
        if digit:
            out += special.get(digit, (DIGITS[digit] if digit > 1 else "") + name)
    if before_unit and out == "せん" and not n:
        return "いっせん"  # 1000万 いっせんまん
    return out + DIGITS[n]


def number_reading(n):
    """Kana for a whole number as it is said alone: 204 → にひゃくよん, 37200 → さんまんななせんにひゃく."""
    if n == 0:
        return "ぜろ"
    out = ""
    for value, name in LARGE:
        group, n = divmod(n, value)
        if group:
            head = _below_10000(group, before_unit=True)
            if name == "ちょう":
                head = _geminate(head, ("いち", "はち", "じゅう")) or head  # いっちょう
            out += head + name
    return out + (_below_10000(n) if n else "")


# Endings of a number that become っ before a counter (いち → いっ): before k-, h- and p- sounds all
# five; before s-, sh- and t- sounds not ろく (6歳 ろくさい) nor ひゃく (100歳 ひゃくさい).
GEMINATE_K = ("いち", "ろく", "はち", "じゅう", "ゃく")
GEMINATE_S = ("いち", "はち", "じゅう")


def _geminate(reading, endings):
    for ending in endings:
        if reading.endswith(ending):
            return reading[:-1] + "っ"
    return None


@dataclass(frozen=True)
class Counter:
    kana: str
    geminate: tuple = ()  # number endings that become っ before it (GEMINATE_K, GEMINATE_S)
    after_geminate: str = ""  # the counter after っ when it changes (ふん → ぷん)
    voiced_after: tuple = ()  # number endings after which its first sound is voiced (さん: ぷん, ぼん, がい)
    voiced: str = ""
    ones: dict = field(default_factory=dict)  # a last digit said otherwise before it (4時 よじ, 9時 くじ)
    words: dict = field(default_factory=dict)  # whole numbers with a reading of their own (1人 ひとり)
    limit: int | None = None  # numbers above it are not this counter (8677月… is a phone number)

    def read(self, n):
        if n in self.words:
            return self.words[n]
        if self.limit is not None and n > self.limit:
            return None
        number = number_reading(n)
        last = n % 10
        if last in self.ones and number.endswith(DIGITS[last]):
            number = number[: -len(DIGITS[last])] + self.ones[last]
        if self.geminate and (short := _geminate(number, self.geminate)):
            return short + (self.after_geminate or self.kana)
        if self.voiced_after and number.endswith(self.voiced_after):
            return number + self.voiced
        return number + self.kana


def _then(counter, suffix):
    """A counter made of another and a fixed ending (日 + 間 → 日間, 時間 + 目 → 時間目)."""
    words = {n: reading + suffix for n, reading in counter.words.items()}
    return Counter(
        counter.kana + suffix,
        counter.geminate,
        counter.after_geminate + suffix if counter.after_geminate else "",
        counter.voiced_after,
        counter.voiced + suffix if counter.voiced else "",
        counter.ones,
        words,
        counter.limit,
    )


# Days: 2–10, 14, 20 and 24 have words of their own; the rest are number + にち (11日 じゅういちにち).
DAY_WORDS = {
    2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか", 8: "ようか",
    9: "ここのか", 10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか",
}  # fmt: skip
DAYS = Counter("にち", ones={7: "しち", 9: "く"}, words={1: "いちにち", **DAY_WORDS})
DATE = Counter("にち", ones={7: "しち", 9: "く"}, words={1: "ついたち", **DAY_WORDS}, limit=31)
HOUR = Counter("じ", ones={4: "よ", 7: "しち", 9: "く"})
HOURS = Counter("じかん", ones={4: "よ", 7: "しち", 9: "く"})
MINUTES = Counter("ふん", GEMINATE_K, "ぷん", ("ん",), "ぷん")  # さんぷん, よんぷん, せんぷん
MONTHS = Counter("かげつ", GEMINATE_K)
PEOPLE = Counter("にん", ones={4: "よ"}, words={1: "ひとり", 2: "ふたり"})
YEARS = Counter("ねん", ones={4: "よ"})
AGE = Counter("さい", GEMINATE_S, words={20: "はたち"})
WEEKS = Counter("しゅうかん", GEMINATE_S)
TIMES = Counter("かい", GEMINATE_K)
THINGS = Counter("こ", GEMINATE_K)
CASES = Counter("けん", GEMINATE_K)
# Voiced after さん (and せん, まん) but not after よん: さんぼん, よんほん; さんがい, よんかい.
VOICING_N = ("さん", "せん", "まん")
LONG = Counter("ほん", GEMINATE_K, "ぽん", VOICING_N, "ぼん")
CUPS = Counter("はい", GEMINATE_K, "ぱい", VOICING_N, "ばい")
FLOOR = Counter("かい", GEMINATE_K, voiced_after=VOICING_N, voiced="がい")

COUNTERS = {
    "日間": _then(DAYS, "かん"),
    "日目": _then(DAYS, "め"),
    "日": DAYS,
    "時間目": _then(HOURS, "め"),
    "時間": HOURS,
    "時半": _then(HOUR, "はん"),
    "時": HOUR,
    "分間": _then(MINUTES, "かん"),
    "分": MINUTES,
    "秒": Counter("びょう"),
    "か月間": _then(MONTHS, "かん"),
    "か月": MONTHS,
    "週間": WEEKS,
    "年間": _then(YEARS, "かん"),
    "年目": _then(YEARS, "め"),
    "年生": _then(YEARS, "せい"),
    "年": YEARS,
    "月": Counter("がつ", ones={4: "し", 7: "しち", 9: "く"}, limit=12),
    "歳": AGE,
    "才": AGE,
    "代": Counter("だい"),
    "人": PEOPLE,
    "名": Counter("めい"),
    "回目": _then(TIMES, "め"),
    "回": TIMES,
    "階": FLOOR,
    "限目": Counter("げんめ"),
    "時限": Counter("じげん", ones={4: "よ", 7: "しち", 9: "く"}),
    "個": THINGS,
    "件": CASES,
    "本": LONG,
    "杯": CUPS,
    "枚": Counter("まい"),
    "冊": Counter("さつ", GEMINATE_S),
    "台": Counter("だい"),
    "点": Counter("てん", GEMINATE_S),
    "度": Counter("ど"),
    "番": Counter("ばん"),
    "号": Counter("ごう"),
    "級": Counter("きゅう", GEMINATE_K),
    "倍": Counter("ばい"),
    "割": Counter("わり"),
    "円": Counter("えん", ones={4: "よ"}),
}
# か月 is written in several ways: ヶ月, ヵ月, カ月, ケ月 and 箇月 all read かげつ.
for mark in ("ヶ", "ヵ", "カ", "ケ", "箇"):
    COUNTERS[f"{mark}月"] = COUNTERS["か月"]
    COUNTERS[f"{mark}月間"] = COUNTERS["か月間"]

_NUMBER = r"[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+"
_ALTERNATIVES = "|".join(re.escape(c) for c in sorted(COUNTERS, key=len, reverse=True))
# A number (with 万 or 億 inside it: 204万) and a counter; not a piece of a longer number, a phone
# number, a decimal or a code (048-812-8677, 2.5, A3), nor a weekday after it (1月曜日 is no month).
COUNTED = re.compile(
    rf"(?<![0-9０-９.,，:\-‐－A-Za-z])(?=[0-9０-９])(?P<number>(?:(?:{_NUMBER})[億万])*(?:{_NUMBER})?)"
    rf"(?:(?P<counter>{_ALTERNATIVES})(?!曜)|(?<=[億万]))"
)
_DATE_BEFORE = re.compile(r"(?:[0-9０-９]+月|毎月)\s*$")


def _value(number):
    """204万 → 2040000; 1億2000万 → 120002000… as written (digits may be full width, with commas)."""
    total, current = 0, ""
    for char in unicodedata.normalize("NFKC", number).replace(",", ""):
        if char.isdigit():
            current += char
        else:
            total += int(current or 1) * (10**8 if char == "億" else 10**4)
            current = ""
    return total + int(current or 0)


def reading(number, counter, before=""):
    """The reading of a number and its counter as written (3, 日間 → みっかかん), or None.

    `before` is the text just before the number: a day after a month (4月1日, 毎月1日) is a date,
    so 1日 is ついたち there and いちにち (one day) elsewhere.
    """
    if not number or not re.search(r"[0-9０-９]", number):
        return None
    if not counter:
        return number_reading(_value(number))  # 204万 にひゃくよんまん: a large number is read too
    rule = COUNTERS[counter]
    if rule is DAYS and _DATE_BEFORE.search(before):
        rule = DATE
    return rule.read(_value(number))


LEADING_DIGITS = re.compile(r"[0-9０-９,，]+")
RT_SIZE = 0.55  # the reading's font size, in em of the text (static/css/site.css)
SPREAD = 1.0  # how much wider than its base a reading may be, in em, before it pulls the digits apart


def _width(text, size=1.0):
    return sum(size * (0.55 if c in "0123456789,０１２３４５６７８９，" else 1.0) for c in text)


def _pieces(written, said):
    """One ruby over a number and its counter. But where the counter is said as usual after the
    number (24か月: にじゅうよん + かげつ) and the whole reading is much wider than the digits
    (37,200円: さんまんななせんにひゃくえん), the digits stay plain and only the counter gets its
    reading: a reading that long spreads the digits apart and breaks across lines (seen at 390 px),
    and readers read digits without help. A reading that changes (3日 みっか, 10分 じゅっぷん,
    20歳 はたち) is always given over both: that is what the reader cannot guess."""
    digits = LEADING_DIGITS.match(written).group()
    alone, rest = number_reading(_value(digits)), written[len(digits) :]
    usual = said.startswith(alone) and len(said) > len(alone) and not LEADING_DIGITS.search(rest)
    if usual and _width(said, RT_SIZE) > _width(written) + SPREAD:
        return [(digits, None), (rest, said[len(alone) :])]
    return [(written, said)]


def split_counted(text):
    """[(text, None) | (number+counter, reading), …]: each counted number with its reading, in order."""
    out, position = [], 0
    for match in COUNTED.finditer(text):
        said = reading(match["number"], match["counter"] or "", text[: match.start()])
        if said is None:
            continue
        if match.start() > position:
            out.append((text[position : match.start()], None))
        out += _pieces(match.group(), said)
        position = match.end()
    if position < len(text):
        out.append((text[position:], None))
    return out
