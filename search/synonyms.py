"""Staff-edited synonyms (search.models.Synonym) as rules that expand a query's words.

Rules are read once per version (IndexState "synonyms"), so an edit applies to the next search
in every process with no redeploy.
"""

import re

from .analysis import KANA_ONLY, analyse, fold, stem
from .models import Synonym

SYNONYM_WEIGHT = 0.8  # an expansion against the word the visitor typed

_synonyms = [None, []]  # [version, [(forms, expansions)]]


def synonym_rules(versions):
    """[(forms that trigger the rule, its expansions as one text)] for the current synonyms."""
    version = versions.get("synonyms", "")
    if _synonyms[0] != version:
        rules = []
        for syn in Synonym.objects.all():
            if syn.term.isascii():
                # English matches on stems, so "crowds" uses the rule for "crowd".
                rules.append((["en:" + latin_stems(fold(syn.term))], " ".join(syn.expansions())))
                continue
            forms = {fold(syn.term)}
            tokens = analyse(syn.term)
            if len(tokens) == 1:
                # Match the reading too (おかね finds the rule for お金), and the dictionary form,
                # so that conjugated words find theirs (バレたくない → バレる); readings of a phrase
                # would match too loosely.
                forms |= {t[2:] for t in tokens[0].terms if t.startswith("r:") and len(t) > 4}
                forms |= {"n:" + t for t, w in tokens[0].terms.items() if ":" not in t and w == 1}  # not its parts
            rules.append((sorted(f for f in forms if f), " ".join(syn.expansions())))
        _synonyms[:] = [version, rules]
    return _synonyms[1]


def latin_stems(folded):
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", folded))


def find_form(compact, kept, starts, form):
    """Where a Japanese rule's word is in the query, as (start, end), across spaces. A word in
    kana must begin where a query word begins (`starts`): こうか (効果) is not in ひこうかい."""
    kana = KANA_ONLY.match(form)
    at = compact.find(form)
    while at >= 0:
        if not kana or kept[at] in starts or at == 0 or not KANA_ONLY.match(compact[at - 1]):
            return kept[at], kept[at + len(form) - 1] + 1
        at = compact.find(form, at + 1)
    return None


def cap_synonyms(token, terms, idf):
    """A synonym must not make the visitor's word more specific than it is: しごと (in many entries)
    expanded to 求人 (in two) would otherwise rank those two first. Expansions weigh at most as much as
    the rarest form the visitor typed that the site has."""
    own = [idf[t] for t in token.terms if t in idf and not t.startswith("b:")]
    if not own:
        return  # the synonym is the only evidence (タダ → 無料)
    cap = max(own)
    for term in terms.keys() - token.terms.keys():
        if idf.get(term, 0) > cap:
            terms[term] *= cap / idf[term]
