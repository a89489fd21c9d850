"""What a number counts: the noun phrase after it, the predicates before and after it, and the figures
beside it (coordinated, shares, wholes, parts, places). See geomap.events.quantities for the conventions."""

from __future__ import annotations

from geomap.events.figure_numbers import Figure, Number, find_numbers, value_of
from geomap.events.figure_words import PhraseTable, Tokens, figure_words, tokens


def read_figures(sentence: str, unstated: str | None = None) -> list[Figure]:
    """Every figure ``sentence`` states, in order. ``unstated`` is the action a figure without a predicate
    counts, when an earlier sentence told it ("downed 36 drones. Among them were 18 drones over Oryol")."""
    if not figure_words().may_state_a_number(sentence):
        return []  # most sentences state no figure at all
    toks = tokens(sentence)
    texts = toks.texts
    numbers, money = find_numbers(sentence, toks, texts)
    for num in numbers:
        _read_around(sentence, toks, texts, num)
    _pair_wholes(texts, numbers)
    _share_predicates(texts, numbers)
    out = [f for num in numbers if (f := _figure(sentence, toks, texts, num, unstated)) is not None]
    return sorted(out + money, key=lambda f: f.start)


def _read_around(sentence: str, toks: Tokens, texts: list[str], num: Number) -> None:
    """The noun phrase after the number, the predicates before and after it, and what it is a part of."""
    w = figure_words()
    j = num.last
    unit = w.units.at(texts, j)
    if unit is not None:
        j, num.cls = unit
        if num.cls == "percent" and j < len(texts) and texts[j] == "of":
            j += 1
    else:
        fraction = tuple(texts[num.at:num.last]) in w.fractions_set
        if j < len(texts) and texts[j] == "of" and (tuple(texts[num.at:num.last]) in w.vague or fraction):
            j += 1  # "dozens of people", "a fifth of"
        elif fraction:  # "a stone and a half": a fraction is a share only of something
            num.np_end = num.tail = j
            return
        if fraction:
            num.cls = "percent"  # "a fifth of Ukraine's territory": what follows is the whole, not a noun counted
        else:
            j = _noun_phrase(texts, j, num)
    num.np_end = j
    if w.shares.at(texts, j) is not None:  # "41 of them were downed"
        j, _ = w.shares.at(texts, j)
        num.share = True
    if j < len(texts) and texts[j] == "each":
        num.each, j = True, j + 1
    j = _places_after(sentence, toks, texts, j, num)
    num.tail = j
    found = _predicate_after(texts, j)
    if found is not None:
        num.after_at, num.tail, num.after = found
        num.after_modifies = num.after_at == j and num.tail < len(texts) and texts[num.tail] in w.agent_markers
    k = num.first - 1
    skipped = 0
    while k >= 0 and texts[k] in w.gap_before and skipped < 4 and w.before.ending(texts, k) is None:
        k, skipped = k - 1, skipped + 1
    if w.shares.ending(texts, num.first - 1) is not None:
        num.share = True  # "of which 38 missiles"
    if w.parts.ending(texts, k) is not None or (k >= 0 and texts[k] == "," and w.parts.ending(texts, k - 1)):
        num.part = True
    found_before = w.before.ending(texts, k)
    if found_before is None and not w.total_values.isdisjoint(texts[k + 1:num.first]):
        found_before = _total_subject(texts, k)
    if found_before is not None:
        num.before_at, num.before = found_before
        num.claimed = w.claim_cues.ending(texts, num.before_at - 1) is not None
    else:
        num.claimed = w.claim_cues.ending(texts, k) is not None
    if any(t in w.enemy_words for t in texts[num.last:num.np_end]):
        num.claimed = True


_TOTAL_REACH = 8  # the words of what a total counts: "the toll from Saturday's missile attack on Dnipro"


def _total_subject(texts: list[str], k: int) -> tuple[int, tuple[str, ...]] | None:
    """The subject of a running total ending before token ``k``'s phrase of what it counts ("the death toll
    from the strike [rose to] 45"): where it starts and its actions, or None."""
    w = figure_words()
    for j in range(k, max(-1, k - _TOTAL_REACH), -1):
        if not texts[j][0].isalnum():
            return None  # a clause or a list ends here
        found = w.totals.ending(texts, j)
        if found is not None:
            return found if j < k and texts[j + 1] in w.total_links else None
    return None


def _noun_phrase(texts: list[str], j: int, num: Number) -> int:
    """The end of the noun phrase starting at token ``j`` (at most four words, up to its last class noun)."""
    w = figure_words()
    end, k = j, j
    while k < len(texts) and k - j < 4:
        noun = w.nouns.at(texts, k)
        if noun is not None:
            k, num.cls = noun
            end = k
            continue
        t = texts[k]
        measure = w.no_figure_after.at(texts, k + 1) if t[0].isdigit() else None
        if measure is not None:  # "a 41-year-old woman": an age describes the noun
            k = measure[0]
            continue
        if not t[0].isalpha() or t in w.breaks or w.after.at(texts, k) is not None:
            break
        k += 1
    if end > j:
        return end
    if k > j and _plain_head(texts, k):
        num.cls = "unknown"  # "26 Palestinians were killed": counted as people when its own predicate says so
        return k
    return j


def _plain_head(texts: list[str], k: int) -> bool:
    """Whether words with no class noun still end a noun phrase ("26 Palestinians were killed"): a predicate,
    a break or the end of the clause follows them."""
    w = figure_words()
    return k >= len(texts) or texts[k] in w.breaks or not texts[k][0].isalnum() or w.after.at(texts, k) is not None


def _places_after(sentence: str, toks: Tokens, texts: list[str], j: int, num: Number) -> int:
    """The places the figure is stated for: "over Oryol", "over Tula, Lipetsk and Tambov"."""
    w = figure_words()
    if j >= len(texts) or texts[j] not in w.place_prepositions:
        return j
    k = j + 1
    if k < len(texts) and texts[k] == "the":
        k += 1
        if k < len(texts) and texts[k] in w.place_modifiers:
            k += 1
    while k < len(texts) and sentence[toks.starts[k]].isupper():
        first = k
        while k < len(texts) and (sentence[toks.starts[k]].isupper() or (k > first and texts[k] in w.place_nouns)):
            k += 1
        num.places.append((toks.starts[first], toks.ends[k - 1]))
        if not num.each or k >= len(texts) or texts[k] not in (",", "and"):
            break  # a list of places only after "each" ("two each over Belgorod, Kursk and Voronezh")
        while k < len(texts) and texts[k] in (",", "and"):
            k += 1
    return k if num.places else j


def _predicate_after(texts: list[str], j: int) -> tuple[int, int, tuple[str, ...]] | None:
    """A predicate after the noun phrase: "were killed", "have been confirmed injured", "dead"; a part in
    commas between them is skipped ("26 people, including nine children, were killed")."""
    w = figure_words()
    if j < len(texts) - 1 and texts[j] == "," and w.parts.at(texts, j + 1) is not None:
        close = next((k for k in range(j + 2, min(len(texts), j + 12)) if texts[k] == ","), None)
        if close is None:
            return None
        j = close + 1
    for _ in range(6):
        if j >= len(texts):
            return None
        found = w.after.at(texts, j)
        if found is not None:
            return j, found[0], found[1]
        if texts[j] not in w.gap_after:
            return None
        j += 1
    return None


def _pair_wholes(texts: list[str], numbers: list[Number]) -> None:
    """ "30 of the 45 drones", "40 out of 123 drones": the second is the whole, launched; the first takes its
    class and its predicate. Of people, the whole keeps its own predicate and the first is its part ("seven of
    the 14 killed"); without one, the first is the figure ("killed five of the 12 passengers")."""
    weapons = figure_words().weapon_classes
    for a, b in zip(numbers, numbers[1:], strict=False):
        between = texts[a.np_end:b.first]
        if a.np_end != a.last or between not in (["of"], ["of", "the"], ["out", "of"], ["out", "of", "the"]):
            continue
        b.part_of_pair = a
        a.cls = a.cls if a.cls != "none" else b.cls
        a.tail = b.tail
        if b.cls not in weapons and (b.before or b.after):
            a.part = True
            continue
        if not a.after:
            a.after, a.after_at = b.after, b.after_at
        b.after, b.before = (), ("launch",)


def _share_predicates(texts: list[str], numbers: list[Number]) -> None:
    """Coordinated figures share the predicate the chain has before or after it; an elided figure takes the
    class (and, stated for a place, the predicate) of the figure before it."""
    w = figure_words()
    chain: list[Number] = []
    for n, num in enumerate(numbers):
        prev = numbers[n - 1] if n else None
        coordinated = prev is not None and num.part_of_pair is None and _coordinated(texts[prev.tail:num.first],
                                                                                     w.coordination)
        if coordinated:
            chain.append(num)
            num.part = num.part or prev.part  # "including 20 over Novgorod and 24 over Tver": both parts
        else:
            _spread(chain)
            chain = [num]
        if num.cls == "none" and prev is not None and (num.share or num.places or coordinated):
            source = _share_source(numbers[:n], num) if num.share else prev
            if source is not None and source.cls in w.elided_classes:
                num.cls = source.cls
                if num.places and not (num.before or num.after):
                    _take_predicates(num, source, source)
                    num.borrowed = True
    _spread(chain)
    _place_chains(numbers)


def _place_chains(numbers: list[Number]) -> None:
    """A place stated after the last figure of one predicate is the place of them all ("killed three women and
    four boys in Qalat"); not the place of a part ("40 drones, including 15 over Tula")."""
    for n in range(len(numbers) - 1, 0, -1):
        num, prev = numbers[n], numbers[n - 1]
        same = prev.before_at is not None and prev.before_at == num.before_at
        if num.places and not prev.places and same and not prev.borrowed and not num.part:
            prev.places = list(num.places)


def _coordinated(between: list[str], coordination: PhraseTable) -> bool:
    if not between:
        return False  # "10-12 people": a range, not two figures to add
    k = 0
    while k < len(between):
        found = coordination.at(between, k)
        if found is None:
            return False
        k = found[0]
    return True


def _spread(chain: list[Number]) -> None:
    """A figure of a chain without a predicate of its own takes the chain's; one of unknown words does not
    ("130 Israeli strikes, and 122 others were wounded")."""
    if len(chain) < 2:
        return
    head = chain[0].part_of_pair or chain[0]  # "shot down six out of seven missiles and 71 drones": of six
    for num in chain:
        if num.cls == "unknown" or num.before:
            continue
        if not num.after:
            _take_predicates(num, head, chain[-1])
        elif num.after_modifies and head.before:  # "... and 71 drones launched by Russia": shot down
            num.before, num.before_at = head.before, head.before_at


def _take_predicates(num: Number, before: Number, after: Number) -> None:
    num.before, num.before_at = before.before, before.before_at
    num.after, num.after_at = after.after, after.after_at


def _share_source(earlier: list[Number], share: Number) -> Number | None:
    """What "of which 61" is a share of: the latest figure of a weapon class it does not exceed."""
    weapons = [n for n in earlier if n.cls in figure_words().weapon_classes]
    return next((n for n in reversed(weapons) if n.value >= share.value), weapons[-1] if weapons else None)


def _figure(sentence: str, toks: Tokens, texts: list[str], num: Number, unstated: str | None) -> Figure | None:
    w = figure_words()
    if num.article and not _one_person(texts, num):
        return None
    key = None
    told = (unstated,) if unstated is not None and not (num.before or num.after) else ()
    for action in (*num.before, *num.after, *told, "any"):
        cls = num.cls
        if cls == "unknown":  # people, unless what the predicate takes is mostly things and no name says people
            named = sentence[toks.starts[num.np_end - 1]].isupper()
            cls = "people" if named or action not in w.thing_actions else "none"
        key = w.keys.get(action, {}).get(cls)
        if key is not None:
            break
    if key is None or (key in ("percent", "settlements") and not _territorial(sentence, toks, texts, num)):
        return None
    if num.claimed and key in w.claimed_keys:
        key = w.claimed_prefix + key
    # a predicate before wins ("shot down 25 drones launched from the sea"); a borrowed one is not shared
    at = num.before_at if num.before else num.after_at
    anchor = toks.starts[at] if at is not None and not num.borrowed else toks.starts[num.first]
    return Figure(key, value_of(num.value, num.bound), toks.starts[num.first], toks.ends[num.last - 1], anchor,
                  tuple(num.places), num.part, num.each)


def _one_person(texts: list[str], num: Number) -> bool:
    """Whether an article counts one person: its noun phrase ends in a singular person ("a three-month-old girl"),
    not "a number of people" nor "a drone"."""
    noun = texts[num.np_end - 1] if num.np_end > num.last else None
    return noun in figure_words().singular_people and "of" not in texts[num.last:num.np_end]


def _territorial(sentence: str, toks: Tokens, texts: list[str], num: Number) -> bool:
    """A share or a count of land, not of votes or of a budget: taken or held ("holds 70 percent of"), or
    a word of territory in the sentence."""
    w = figure_words()
    if any(t in w.not_territory for t in texts[num.last:num.np_end + 3]):
        return False
    return "control" in num.before or "control" in num.after or not w.territory_context.isdisjoint(texts)
