"""Toponym recognition: gazetteer look-ups over capitalised token runs, then linguistic filters.

Why not a statistical NER model by default: none ships on PyPI without a model download, the small
spaCy pipeline runs at ~0.03 MB/s here and tags "Kyiv" as a place only some of the time. Gazetteer
matching is fast and complete; the filters below remove what only looks like a place (people,
months, common words at sentence start, acronyms, street names).
"""

from __future__ import annotations

from functools import cache
from itertools import compress, count
from operator import itemgetter

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.geoparse.candidate import Candidate, Kind
from geomap.geoparse.lexicon import Lexicon, given_names, load_lexicon, word_zipf
from geomap.geoparse.people import after_title, capitalised_after, is_capitalised, is_title
from geomap.geoparse.place_frames import PlaceFrames, joins_name, qualified
from geomap.geoparse.words import NameFacts, WordTable, is_high_level, word_table
from geomap.model import GeoPrecision
from geomap.text import Span, sentence_tokens, split_sentences, tokenize

# sources that list every place of a country, names that are also words and people's names among them, unlike
# the curated rows that name the places news writes about
_LISTS = frozenset({"geonames", "register"})
_token_text = itemgetter(2)  # Span.text, as a C function for map()


def find_candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Every place-name or demonym span of ``text`` that survives the filters, in text order."""
    matcher = _Matcher(gazetteer, load_lexicon(), word_table(gazetteer))
    found: list[Candidate] = []
    for sentence in split_sentences(text):
        found.extend(matcher.sentence_candidates(text, sentence))
    surnames = matcher.surnames | (matcher.guessed_surnames - matcher.placed)
    if matcher.framed_names:
        found = _framed_names_throughout(found, matcher.framed_names, text)
    return _drop_person_surnames(_lift_doubts(found, matcher.doubted), surnames)


class _Matcher(PlaceFrames):
    def __init__(self, gazetteer: Gazetteer, lex: Lexicon, words: WordTable) -> None:
        self.gaz = gazetteer
        self.lex = lex
        self.words = words
        self.max_tokens = max(1, min(gazetteer.max_name_tokens, 7))
        self.surnames: set[str] = set()
        # names taken for surnames only for the capitalised word before them ("tells Erdogan Izium retaken"),
        # and names the document puts after "in", "near", "around": where they meet, the place wins
        self.guessed_surnames: set[str] = set()
        self.placed: set[str] = set()
        self.doubted: list[Candidate] = []  # names left out only for being common words (see _doubtful_word)
        self._organisations = _by_first_word(lex.organisation_names)
        # names of several words the text frames as places the gazetteer lacks ("the town of Adan Qoryale"),
        # by their words: the same words elsewhere in the text are that place too, not a listed name in them
        self.framed_names: set[tuple[str, ...]] = set()

    def sentence_candidates(self, text: str, sentence: Span) -> list[Candidate]:
        tokens = sentence_tokens(text, sentence)
        title_case = _TitleCase(tokens)
        out: list[Candidate] = []
        resume = 0  # the first token after the last name found
        for i in self._openings(tokens):
            if i < resume:
                continue
            body = self._organisation_at(text, tokens, i)
            if body:
                resume = body  # "Boko Haram" is no town of Boko, "Tahrir al-Sham" no Damascus
                continue
            cand = self._longest_name(text, sentence, tokens, i)
            if cand is None or cand.first == cand.last:  # "German" the adjective, not San Germán
                cand = self._demonym(sentence, tokens, i) or cand
            if cand is None:
                cand = self._hyphen_part(sentence, tokens, i)
            if cand is not None and cand.kind == "name" and self._runs_on(text, tokens, cand):
                cand = None  # "the town of Adan Korahley" is not Aden: the framed name goes on past the listed one
            accepted = cand is not None and self._accept(cand, title_case)
            if not accepted:
                cand = self._unlisted(text, sentence, tokens, i)  # "the neighbourhood of Al-Bayaa"
                accepted = cand is not None and self._accept(cand, title_case)
            if accepted:
                out.append(cand)
                resume = cand.last + 1
                if cand.kind == "unlisted" and cand.last > cand.first:
                    self.framed_names.add(tuple(t.text for t in tokens[cand.first : cand.last + 1]))
        return out

    def _organisation_at(self, text: str, tokens: list[Span], i: int) -> int:
        """The index of the token after an organisation's name starting at token ``i``, or 0."""
        for name in self._organisations.get(tokens[i].text.lower(), ()):
            end = tokens[i].start + len(name)
            if text[tokens[i].start : end].lower() == name and (end == len(text) or not text[end].isalnum()):
                return next((k for k in range(i, len(tokens)) if tokens[k].start >= end), len(tokens))
        return 0

    def _openings(self, tokens: list[Span]) -> list[int]:
        """The tokens a candidate may start at: those that can begin a name or a demonym, and capitalised words
        that are a name with the full stop after them ("Calif.") or may be a place the gazetteer lacks."""
        # most tokens are lower-case words that open nothing: ``may_open`` drops them in C (map over a dict), so
        # that only the others are tested one by one
        starts, opens = self.words.starts, self._opens_here
        may_open = map(self.words.may_open.__getitem__, map(_token_text, tokens))
        return [k for k in compress(count(), may_open) if starts[tokens[k].text] or opens(tokens, k)]

    def _opens_here(self, tokens: list[Span], k: int) -> bool:
        """Whether a capitalised word that cannot start a name by itself opens one here."""
        word, dot = tokens[k], tokens[k + 1] if k + 1 < len(tokens) else None
        if word.text.lower() in self._organisations:
            return True  # "Hayat Tahrir al-Sham": skipped whole, see _organisation_at
        if dot is not None and dot.text == "." and dot.start == word.end and self.words.is_name[word.text + "."]:
            return True
        return self._frame_near(tokens, k)

    def _longest_name(self, text: str, sentence: Span, tokens: list[Span], i: int) -> Candidate | None:
        """The longest gazetteer name starting at token ``i``, grown one token at a time while a longer
        name can still follow ("New" -> "New York" -> "New York Mills")."""
        if not tokens[i].text[0].isalnum():
            return None
        is_name, grows = self.words.is_name, self.words.grows
        start = tokens[i].start
        longest: tuple[int, int] | None = None  # the last token and the end of the longest name so far
        for j in range(i, min(len(tokens), i + self.max_tokens)):
            last = tokens[j]
            if j > i and not joins_name(tokens[j - 1], last, text):
                break
            surface = text[start : last.end]
            if last.text[0].isalnum():
                if j + 1 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 1].start == last.end:
                    if is_name[surface + "."]:  # "Calif.", "U.S.", "St."
                        longest = (j + 1, last.end + 1)
                        continue
                if is_name[surface]:
                    longest = (j, last.end)
            if not grows[surface]:
                break
        if longest is None:
            return None
        last_index, end = longest
        best = Candidate(start, end, text[start:end], "name", sentence, tokens, i, last_index)
        if last_index > i and tokens[i].text.lower() == "the" and self._article_not_part(best, i):
            return None  # "The United States": the name starts at the next word
        return best

    def _article_not_part(self, cand: Candidate, i: int) -> bool:
        """Whether a leading "The" belongs to the text, not the name (unlike "The Hague", "The Gambia")."""
        rest = cand.text[cand.tokens[i + 1].start - cand.start :]
        top = self.gaz.candidates(cand.text)[:1]
        if not top or normalize_name(top[0].name).startswith("the "):
            return False
        return self.words.is_name[rest] and self.gaz.candidates(rest)[:1] == top  # "the Gulf" is not the town of Gulf

    def _demonym(self, sentence: Span, tokens: list[Span], i: int) -> Candidate | None:
        tok = tokens[i]
        if not self.words.is_demonym[tok.text]:
            return None
        return Candidate(tok.start, tok.end, tok.text, "demonym", sentence, tokens, i, i)

    def _hyphen_part(self, sentence: Span, tokens: list[Span], i: int) -> Candidate | None:
        """"Kyiv-based", "pro-Russian": a place or demonym inside a hyphenated word."""
        tok = tokens[i]
        if "-" not in tok.text:
            return None
        words = self.words
        offset = tok.start
        for k, part in enumerate(tok.text.split("-")):
            if is_capitalised(part):
                kind: Kind | None = "name" if words.is_name[part] else "demonym" if words.is_demonym[part] else None
                if kind is not None:
                    # "trans-Atlantic", "pro-Kremlin": after a lower-case prefix the name is an adjective
                    return Candidate(offset, offset + len(part), part, kind, sentence, tokens, i, i,
                                     adjectival=k > 0 and tok.text[:1].islower())
            offset += len(part) + 1
        return None

    def _accept(self, cand: Candidate, title_case: _TitleCase) -> bool:
        lex, is_name = self.lex, self.words.is_name
        facts = self.words.name_facts[cand.text]
        norm, single_word = facts.norm, facts.single_word
        if facts.calendar_word:
            return False
        if cand.kind == "demonym":
            return True
        if cand.kind == "unlisted":
            return not facts.acronym
        if not facts.places:
            return False
        cand.places, cand.priors = list(facts.places), list(facts.priors)  # the candidate's own lists
        if facts.registered and not self._framed_as_place(cand):
            # "Musa said": a national register's entry counts only where the text frames the name as a place
            kept = [(p, w) for p, w in zip(cand.places, cand.priors) if p.source != "register"]
            if not kept:
                return False
            cand.places, cand.priors = [p for p, _ in kept], [w for _, w in kept]
        top, high = cand.places[0], facts.high
        if facts.acronym and not (high or top.source not in _LISTS):
            return False  # NATO is not Nato in the Philippines; US and UK are countries
        prev_tok, next_tok = _neighbour(cand, -1), _neighbour(cand, +1)
        if single_word and is_title(cand.text, lex) and capitalised_after(cand.tokens, cand.last, cand.end):
            return False  # "Pope Francis", "Mayor Klitschko", "Brig. Gen.": a title, not the town of that name
        if after_title(cand.tokens, cand.first, lex):
            self.surnames.add(norm)
            return False  # "President Trump", "Gen. Smith", "Senator Al Gore"
        if self._preceded_by_given_name(cand, facts, prev_tok):
            if not title_case.holds():  # in a headline every word is capitalised: "Jets Hit Gaza City"
                self.guessed_surnames.add(norm)
            return False
        org_run = _capitalised_run_after(cand, lex)
        if org_run:
            # the body the name belongs to: "New York Times White House" is the Times, "Kyiv City Council" a council
            words_after = [t.text.lower() for t in org_run]
            bodies = [w for w in words_after if w in lex.org_heads and w not in lex.region_heads]
            head = next((w for w in bodies if w not in lex.org_heads_literal), bodies[0] if bodies else words_after[-1])
            if head in ("street", "road", "avenue", "boulevard", "drive", "lane", "st", "rd", "ave", "blvd"):
                return False
            if head in lex.org_heads and head not in lex.region_heads:
                cand.in_org_name = head not in lex.org_heads_literal
            elif head not in lex.region_heads and single_word and not is_name[org_run[0].text] and (
                not high or (top.precision < GeoPrecision.COUNTRY and cand.text in given_names())
            ):
                return False  # "Paris Hilton", "Sofia Coppola": a given name before a surname (a country is never one)
        if next_tok is not None and next_tok.text.lower() in lex.speech_after_person and not high and (
            top.source in _LISTS  # curated seats ("the Kremlin said") are not people
        ):
            self.surnames.add(norm)
            return False  # "Moore said": a person, not a town of that name
        if facts.lower_case_tail and top.source in _LISTS:
            return False  # "The city": GeoNames names end in a capitalised word, or in "region" ("Kharkiv region")
        if single_word and not (org_run and org_run[-1].text.lower() in lex.town_institutions) and (
            not self._listed_with_a_place(cand) and not self._framed_before(cand.tokens, cand.first)
        ) and self._doubtful_word(cand, high, prev_tok, title_case):  # "the town of Reading" is a place
            self.doubted.append(cand)  # a place after all if the document names it as one elsewhere
            return False
        if prev_tok is not None and prev_tok.text.lower() in lex.place_prepositions:
            self.placed.add(norm)
        return True

    def _doubtful_word(self, cand: Candidate, high: bool, prev_tok: Span | None, title_case: _TitleCase) -> bool:
        """A common English word is not taken for a place where nothing says it is one: "Police", "Commerce",
        "Paul" that name only a small town; "Nice", "Reading", "Said" at the start of a sentence."""
        lex = self.lex
        locative = prev_tok is not None and prev_tok.text.lower() in lex.place_prepositions
        floor = lex.minor_place_prior - (lex.locative_prior_discount if locative else 0.0)
        small_town = cand.priors[0] < floor and not qualified(cand)
        initial = cand.first == _first_word_index(cand.tokens)
        zipf = word_zipf(cand.text.lower())
        if (small_town or not high) and zipf >= lex.common_word_zipf and (small_town or initial or title_case.holds()):
            return True
        # "Artillery shelled ...": where capitals say nothing, a less common word and a hamlet
        return initial and not high and cand.priors[0] < lex.minor_place_prior and zipf >= lex.initial_word_zipf

    def _preceded_by_given_name(self, cand: Candidate, facts: NameFacts, prev_tok: Span | None) -> bool:
        """"JD Vance", "John Healey", "Mike de Kock": a capitalised non-place word right before a single-word
        name, or before a name particle in front of it."""
        at = cand.first - 1
        if prev_tok is not None and prev_tok.text.lower() in self.lex.name_particles and at >= 1:
            at -= 1
            prev_tok = cand.tokens[at]
        if prev_tok is None or not is_capitalised(prev_tok.text) or not prev_tok.text.isalpha():
            return False
        if not facts.single_word or facts.major:
            return False
        low = prev_tok.text.lower()
        if low in self.lex.place_modifiers or low in self.lex.connectors or low in self.lex.literal_prepositions:
            return False
        first_word = at == _first_word_index(cand.tokens)
        if first_word and word_zipf(low) >= self.lex.function_word_zipf:
            return False  # "In Kyiv", "Then Paris": a capitalised function word
        if self.words.is_demonym[prev_tok.text]:
            return False
        prev_places = self.words.name_facts[prev_tok.text].places[:3] if self.words.is_name[prev_tok.text] else ()
        return not any(is_high_level(p) for p in prev_places)  # "Mark Zuckerberg": Mark is no major place


@cache  # a matcher is made per document; the lexicon's names are grouped once
def _by_first_word(names: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Lower-cased names by their first word (as the tokeniser splits it), the longest first."""
    out: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        first = tokenize(name, 0)[0].text.lower()
        out.setdefault(first, []).append(name.lower())
    return {first: tuple(group) for first, group in out.items()}


class _TitleCase:
    """Whether a sentence is a headline in title case ("Nice Talks Begin"): worked out only when asked."""

    def __init__(self, tokens: list[Span]) -> None:
        self._tokens = tokens
        self._value: bool | None = None

    def holds(self) -> bool:
        if self._value is None:
            words = [t for t in self._tokens if t.text[0].isalpha()]
            self._value = len(words) >= 4 and sum(is_capitalised(w.text) for w in words) / len(words) > 0.7
        return self._value


def _neighbour(cand: Candidate, step: int) -> Span | None:
    """The word before or after the name; an abbreviation's dot is skipped ("Sen. Lewis")."""
    k = cand.first - 1 if step < 0 else cand.last + 1
    if step < 0 and k >= 1 and cand.tokens[k].text == ".":
        k -= 1
    if 0 <= k < len(cand.tokens) and cand.tokens[k].text[0].isalnum():
        return cand.tokens[k]
    return None


def _capitalised_run_after(cand: Candidate, lex: Lexicon) -> list[Span]:
    run: list[Span] = []
    for tok in cand.tokens[cand.last + 1 :]:
        if not (is_capitalised(tok.text) and tok.text.replace("-", "").isalpha()):
            break
        if tok.text.lower() in lex.weekdays or tok.text.lower() in lex.months:
            break
        run.append(tok)
    k = cand.last + 1 + len(run)
    if run and k < len(cand.tokens) and cand.tokens[k].text in lex.org_heads:
        run.append(cand.tokens[k])  # "Ukraine Defense Contact group": a lower-case head still names an organisation
    return run


def _first_word_index(tokens: list[Span]) -> int:
    for k, tok in enumerate(tokens):
        if tok.text[0].isalnum():
            return k
    return 0


def _framed_names_throughout(found: list[Candidate], names: set[tuple[str, ...]], text: str) -> list[Candidate]:
    """"Al-Shabaab takes Adan Qoryale ... the town of Adan Qoryale": a listed name ("Adan", Aden) that begins
    a name the text frames elsewhere is that unlisted place, wherever the text writes it (one sense per text)."""
    out: list[Candidate] = []
    for cand in found:
        if out and cand.start < out[-1].end:
            continue  # inside the name just widened
        if cand.kind == "name":
            tokens = cand.tokens
            for name in names:
                end = cand.first + len(name) - 1
                if end > cand.last and end < len(tokens) and tuple(t.text for t in tokens[cand.first : end + 1]) == name:
                    cand = Candidate(cand.start, tokens[end].end, text[cand.start : tokens[end].end], "unlisted",
                                     cand.sentence, tokens, cand.first, end)
                    break
        out.append(cand)
    return out


def _lift_doubts(found: list[Candidate], doubted: list[Candidate]) -> list[Candidate]:
    """"Cambridge is home to Cambridge University": a common word that the document names as a place elsewhere
    is that place wherever the doubt was only its commonness."""
    named = {normalize_name(c.text) for c in found if c.kind == "name"}
    lifted = [c for c in doubted if normalize_name(c.text) in named]
    if not lifted:
        return found
    taken = {(c.start, c.end) for c in found}
    free = [c for c in lifted if not any(s < c.end and c.start < e for s, e in taken)]
    return sorted(found + free, key=lambda c: c.start)


def _drop_person_surnames(found: list[Candidate], surnames: set[str]) -> list[Candidate]:
    """Once "JD Vance" is seen, a lone "Vance" elsewhere in the document is the same man."""
    if not surnames:
        return found
    return [c for c in found if c.kind == "demonym" or normalize_name(c.text) not in surnames]
