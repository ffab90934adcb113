"""A website's tail after the text: appeals, channels, related items,
comments, tags, share buttons, navigation. Dropped.

    Share this:                          buttons and widget lines: short,
    Facebook                             no sentence punctuation
    We are reader-funded. Please         an appeal addressed to the reader
    consider a monthly donation.
    Related articles                     a list opener, then teasers
    How the Docks Were Won               (titles, lines ending in "…")
    It began with a walk-out at…

Found by shape, from the end backwards: a trailing run of such blocks that
holds at least one line of a site's vocabulary (an appeal, a widget, a list
opener). A heading or a paragraph that uses the same words mid-text ("## Support
the Strikers" with the essay going on after it) is never in that run. Short
lines before the first known line join the tail only as a run of two or more
(a single short last line, a signature or a date stays for the other rules).
"""
from __future__ import annotations

import re

from ...model import Link
from .. import patterns as P
from ..blocks import Raw
from ..names import is_name
from ..recognisers import is_colophon
from ..state import ReadState
from ..text import has_call, line_texts, words

_BUTTON = re.compile(
    r"^[\W_]*(?:please\s+|help\s+us\s+|do\s+)?(?:"
    r"share|tweet|email|e-mail|print|pin(?:\s+it)?|copy\s+link|permalink|save|bookmark|"
    r"facebook|twitter|x\.com|reddit|whatsapp|telegram|signal|linkedin|pinterest|tumblr|pocket|"
    r"mastodon|bluesky|threads|instagram|youtube|tiktok|rss|flipboard|"
    r"subscribe|sign\s+(?:up|in)|newsletter|mailing\s+list|log\s*in|register|download\b|"
    r"join\b|follow\b|get\s+(?:our|the|\S+)\s+(?:updates|newsletter|app)|"
    r"donate|donation|support\b|become\s+a\s+(?:patron|member|supporter|subscriber|sustainer|friend)|"
    r"chip\s+in|buy\s+(?:us|me)\s+a\s+coffee|tip\s+jar|patreon|ko-?fi|liberapay|paypal|"
    r"(?:previous|next|older|newer)(?:\s+(?:post|article|story|entry|page|piece)\b|\s*[:→←»«])|[←→]|"
    r"back\s+to\s+top|home\b|about\s+us|contact\s+us|privacy|cookies?\b|terms\b|"
    r"tags?\b|tagged\b|categor(?:y|ies)\b|filed\s+(?:under|in)\b|posted\s+in|topics?\b|"
    r"find\s+us\b|listen\b|write\s+for\s+us|pitch\s+us|(?:last\s+)?updated\b|"
    r"(?:\d+\s+)?comments?\b|(?:\d+\s+)?responses?\b|(?:\d+\s+)?repl(?:y|ies)\b|no\s+comments|"
    r"leave\s+a\s+(?:comment|reply)|add\s+a\s+comment|join\s+the\s+(?:discussion|conversation)|"
    r"like\s+this|loading|click\s+to\b|read\s+(?:more|next|also)\b|continue\s+reading|"
    r"related\b|recommended\b|popular\b|trending\b|most\s+(?:read|popular|viewed|shared)|latest\b|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|more\s+(?:from|by|on|in|stories|articles|posts)\b|"
    r"also\s+(?:on|in|from)\b|keep\s+(?:\S+\s+){0,3}(?:going|alive|free|independent|running)"
    r")", re.I)

# A list opener: once one of these stands alone, what follows is its items.
_OPENER = re.compile(
    r"^[\W_]*(?:related(?:\s+(?:posts|articles|stories|reading|content|items))?|recommended(?:\s+\w+)?|"
    r"(?:most\s+)?popular(?:\s+\w+)?|trending(?:\s+now)?|most\s+(?:read|viewed|shared)|"
    r"read\s+(?:next|more|also)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|"
    r"more\s+(?:from|by|on|in)\s+.{1,40}|more\s+(?:stories|articles|posts)|latest(?:\s+\w+){0,2}|"
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|(?:\d+\s+)?responses?(?:\s*\(\d+\))?|leave\s+a\s+(?:comment|reply)|"
    r"join\s+the\s+(?:discussion|conversation)|also\s+(?:on|in|from)\s+.{1,40}|"
    r"(?:upcoming\s+)?events|what['’]s\s+on|further\s+(?:listening|viewing))\W*$", re.I)

# An appeal in sentences: the site asks the reader for money, a sign-up or a share.
_APPEAL = re.compile(
    r"\b(?:donat\w*|patrons?|patreon|(?:un)?subscri\w*|members(?:hip)?|contribut\w*|chip\s+in|gifts?|"
    r"help\s+us|buy\s+(?:us|me)\s+a\s+coffee|"
    r"fund(?:ing|raising|raiser)?|sustain\w*|reader-(?:supported|funded)|support(?:ing|ers)?|"
    r"newsletter|sign\s+up|follow\s+us|share\s+this|paywall|advertis\w*|"
    r"keep\s+(?:\S+\s+){0,3}(?:going|alive|free|independent|running|online))\b", re.I)
_ASKS = re.compile(
    r"(?:^|[.!?:]\s+)(?:support|donate|join|subscribe|help|give|become|sign\s+up|follow|share|get|"
    r"forward|send|listen|find)\b|"
    r"\b(?:please|consider|help\s+us|join\s+us|become\s+a|sign\s+up|subscribe|donate|chip\s+in|click|"
    r"(?:give|donate|subscribe|join|support\s+us)\s+(?:today|now)|monthly|one-off|a\s+month)\b|[$€£]\s?\d", re.I)
_PRICE = re.compile(r"[$€£¥]\s?\d|\b\d+(?:[.,]\d\d)?\s?(?:USD|EUR|GBP|dollars|euros|pounds)\b")
_ADDRESSED = re.compile(r"\b(?:us|our|we|we['’]re|we['’]ve|you|your|readers?|everyone)\b", re.I)
_SITE_WORDS = re.compile(
    r"\b(?:site|website|blog|magazine|journal|publication|newsletter|podcast|channel|journalism|"
    r"media|outlet|platform|newsroom|this\s+work|articles?|issues?|edition|stories)\b", re.I)
# a site's notices, in sentences: comments policy, cookies, rights, the platform
_NOTICE = re.compile(
    r"\bcomments\s+(?:are|have\s+been)\s+(?:closed|moderated|open|disabled|reviewed)\b|"
    r"\b(?:this|our)\s+(?:site|website)\s+uses\s+cookies\b|\bwe\s+use\s+cookies\b|\bcookie\s+(?:policy|settings)\b|"
    r"\bprivacy\s+policy\b|\bterms\s+(?:of\s+(?:use|service)|and\s+conditions)\b|"
    r"\b(?:proudly\s+)?powered\s+by\b|\bblog\s+at\s+\S+\.com\b|\btheme\s+by\b|"
    r"\ball\s+rights\s+reserved\b|\bclick\s+(?:here|to\s+(?:enlarge|expand|zoom|view|see|read|download))\b", re.I)
# what only a site says of itself, in sentences
_SITE_PHRASES = re.compile(
    r"\b(?:reader-(?:funded|supported)|ad-free|free\s+to\s+read|thanks\s+for\s+reading|in\s+your\s+inbox|"
    r"forward\s+(?:it|this)\s+to\s+a\s+friend|write\s+for\s+us|send\s+(?:us\s+)?a\s+pitch|"
    r"listen\s+to\s+the\s+podcast|wherever\s+you\s+get\s+your\s+podcasts|"
    r"(?:our|this)\s+(?:work|journalism|site|magazine)\s+is\s+(?:made\s+possible|funded|supported)\s+by|"
    r"pay\s+what\s+(?:they|you)\s+can|cancel\s+(?:at\s+)?any\s*time|cancel\s+whenever)\b", re.I)
_CORRECTION = re.compile(r"^\W*(?:correction|clarification|update[d]?)\b[^:.]{0,40}:\s", re.I)
# a breadcrumb or a row of links: "Archive | Section", "Email · Print · X"
_SEPARATED = re.compile(r"\S\s+[|·•]\s+\S")
_TEASER_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*[”\"’']?\s*$|(?:read\s+more|continue\s+reading)\W*$"
                         r"|[→»›]\s*$", re.I)
# a widget line ends without a full stop (a teaser title may be a question)
_SENTENCE_END = re.compile(r"[.!][\"”’')\]]*\s*$")
# phrases of a site wherever they stand in a short line ("Enjoyed this? Buy us a coffee")
_WIDGET_WORDS = re.compile(
    r"\b(?:buy\s+(?:us|me)\s+a\s+coffee|donate|donation|subscribe|newsletter|patreon|ko-?fi|liberapay|"
    r"sign\s+up|already\s+a\s+(?:member|subscriber)|follow\s+us|share\s+this|"
    r"leave\s+a\s+(?:comment|reply))\b", re.I)


def _shape(b: Raw) -> str | None:
    """'opener', 'strong' (a site's line), 'weak' (a widget's shape), 'prose'
    (a short paragraph, a teaser only after an opener), or None (body)."""
    if b.type == "hr":
        return "weak"
    if b.type not in ("paragraph", "heading") or has_call(b):
        return None
    t = b.text
    if not t or P.BRACKET_DEF.match(t) or P.NOTES_HEADING.match(t) or P.NOTE_DEF.match(t):
        return None
    if P.BIO_START.match(P.ABOUT_AUTHOR.sub("", t, count=1)) or P.ABOUT_AUTHOR.fullmatch(t):
        return None               # a biography is the biography rule's, even when it names a newsletter
    if (words(t) <= 40 and _NOTICE.search(t)) or (words(t) <= 80 and _SITE_PHRASES.search(t)):
        return "strong"
    if words(t) <= 80 and _CORRECTION.match(t):
        return "strong"           # the site's correction of its own page
    n = words(t)
    if n <= 8 and _OPENER.match(t):
        return "opener"
    lines = line_texts(b)
    buttonish = all(words(x) <= 14 and not _SENTENCE_END.search(x) for x in lines)
    if buttonish and any(_BUTTON.match(x) or _WIDGET_WORDS.search(x) or _SEPARATED.search(x) for x in lines):
        return "strong"
    # an appeal speaks to the reader; a short one may only name the site
    if n <= 80 and _APPEAL.search(t) and (_PRICE.search(t) or (
            _ASKS.search(t) and (_ADDRESSED.search(t) or (n <= 30 and _SITE_WORDS.search(t))))):
        return "strong"
    if n <= 80 and _TEASER_END.search(t):
        return "weak"
    if buttonish or (len(b.inlines) == 1 and isinstance(b.inlines[0], Link)):
        return "weak"
    if n <= 60:
        return "prose"
    return None


def _explains(b: Raw) -> bool:
    """A short paragraph right under a site's line that goes with it: it
    speaks to the reader, uses the site's words, or is a form's small print."""
    t = b.text
    return bool(_ADDRESSED.search(t) or _APPEAL.search(t)) or words(t) <= 12


def _keeps(state: ReadState, b: Raw) -> bool:
    """Short lines the other rules want: a signature, a date, a colophon line."""
    t = b.text
    return (b.type != "hr" and (is_name(t) or bool(P.DATE_ONLY.match(t)) or bool(P.ENDS_WITH_DATE.search(t))
                                or is_colophon(state, b)))


# how many blocks from the end a tail may run before its first known line
_UNKNOWN_RUN = 300


def tail_start(state: ReadState, blocks: list[Raw]) -> int:
    """Index where the site's tail begins (len(blocks) when there is none)."""
    n = len(blocks)
    best, known = n, None
    waiting: list[int] = []      # short paragraphs not yet known to be the site's
    for j in range(n - 1, -1, -1):          # stops at the first block of the text: linear
        if known is None and n - j > _UNKNOWN_RUN:
            break                 # hundreds of short lines and not one a site's: no tail
        shape = _shape(blocks[j])
        if shape is None:
            break
        if shape == "opener":
            waiting = []          # the teasers after it are its items
        elif shape == "prose":
            waiting.append(j)     # a teaser, only if an opener stands above it
        elif shape == "strong" and waiting == [j + 1] and _explains(blocks[j + 1]):
            waiting = []          # "Donate to Our Magazine" / "We depend on readers like you."
        if shape in ("opener", "strong"):
            known = j
        if known is not None and not waiting:
            best = j
    if known is None or best == 0:
        return n
    # short lines above the first known line: a run of two or more, none of
    # them a signature, date or colophon line
    lead = [j for j in range(best, known) if _shape(blocks[j]) != "hr"]
    if lead and (len(lead) < 2 or any(_keeps(state, blocks[j]) for j in lead)):
        best = known
    return best if best > 0 else n


def rule(state: ReadState) -> bool:
    k = tail_start(state, state.blocks)
    if k >= len(state.blocks):
        return False
    for b in state.blocks[k:]:
        state.drop(b, "boilerplate dropped", "website matter after the text")
    state.blocks = state.blocks[:k]
    return True


def head_rule(state: ReadState) -> bool:
    """Widget lines a site prints above the text ("Print | Email | PDF",
    "Share this:"), right after the title: dropped, as the tail's are. Only
    button-shaped lines (no sentence), and only before the first paragraph."""
    k = 0
    blocks = state.blocks
    while k < min(len(blocks), 4) and blocks[k].type == "paragraph" and _shape(blocks[k]) == "strong" \
            and all(not _SENTENCE_END.search(x) for x in line_texts(blocks[k])):
        k += 1
    if not k or k >= len(blocks):
        return False
    for b in blocks[:k]:
        state.drop(b, "boilerplate dropped", "website matter above the text")
    state.blocks = blocks[k:]
    return True
