"""The conventions of raw exports, as patterns. General rules only: nothing
here may name a particular text."""
from __future__ import annotations

import re

MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
          "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")

# A date alone on a line: "1890", "November 20, 1908.", "20 November 1908", "May 21, 2012"
DATE_ONLY = re.compile(
    rf"^[(\[]?(?:c\.\s*|circa\s+)?(?:(?:spring|summer|autumn|fall|winter|early|late|mid)\s+(?:of\s+)?)?"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:{MONTHS})\.?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}(?:\s*[–—-]\s*\d{{2,4}})?[)\]]?\.?$", re.I)
# "Posted on 14 June 2016", "Published: May 1890", "Dated 3 March 1871" (the rest must be a date)
DATED = re.compile(r"^(?:posted|published|written|dated|updated|last updated)(?:\s+on)?\s*:?\s*(.+)$", re.I)
# "Translated by X", "Translation: X", "Translated from the French by X"
TRANSLATED = re.compile(
    r"^(?:english\s+)?(?:translated|translation|trans\.)(?:\s+(?:from|out of)\s+(?:the\s+)?[A-Z]\w+)?"
    r"(?:\s+(?:into|to)\s+(?:the\s+)?[A-Z]\w+)?\s*(?:by|:)\s*(.{2,80}?)\.?$", re.I)
# Ends with a date: "Dmitrov, Russia, April 28, 1919"
ENDS_WITH_DATE = re.compile(
    rf"(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?,?\s+\d{{4}}|\b\d{{4}})\.?$", re.I)
HAS_DATE = re.compile(rf"\b(?:{MONTHS})\b.*\b\d{{4}}\b|\b\d{{4}}\b", re.I)

# A person's name: 1-5 capitalised words, particles allowed.
_NAMEWORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|von|van|der|den|la|le|du|da|di|y)"
# "Jane Doe (1850–1910)": life dates after a name in a header line
LIFE_DATES = re.compile(r"\s*\((?:b\.\s*)?\d{4}\s*(?:[–—-]\s*(?:\d{4})?)?\)$")
# "By", "BY", "Words by", "Text by", "Written by" before a byline's name
_BY = r"(?:(?:[Ww]ords|[Tt]ext|[Ww]ritten|[Ss]tory|[Ee]ssay|[Ii]nterview)\s+)?(?:[Bb]y|BY)\s+"
NAME = re.compile(rf"^(?:{_BY})?({_NAMEWORD}(?:\s+{_NAMEWORD}){{0,4}})$")
# Two or three authors: "Jane Doe and John Roe", "By A. Smith & B. Jones" (full names only,
# so that "Bread and Roses" stays a title)
_FULLNAME = rf"{_NAMEWORD}(?:\s+{_NAMEWORD}){{1,4}}"
NAMES = re.compile(rf"^(?:{_BY})?({_FULLNAME}(?:(?:\s*,\s*|\s+)(?:and|&)\s+{_FULLNAME}"
                   rf"|\s*,\s*{_FULLNAME}(?=\s*,?\s+(?:and|&)\s)){{1,3}})$")

# Sentence-final punctuation, optionally followed by closing quotes/brackets.
TERMINAL = re.compile(r"[.!?…:](?:[\s\"”’'»)\]*_])*$")

# Note markers at the end of a note, saying who wrote it.
NOTE_KIND = re.compile(
    r"\s*[\[(](?:(translator|trans\.?|tr\.|translator['’]s note|transl\.)"
    r"|(editor|ed\.|eds\.|editor['’]s note)"
    r"|(author|author['’]s note))[\])]\.?\s*$"
    r"|\s*[—–-]\s*(?:(Trans\.|Translator)|(Ed\.|Editor))\.?\s*$", re.I)

# The same marker at the start: "Translator's note: …", "[Editor's note] …"
NOTE_KIND_PREFIX = re.compile(
    r"^\s*[\[(]?(?:(translator|trans\.?|tr\.)|(editor|ed\.)|(author))['’]?s?\s+note[\])]?"
    r"\s*(?:[:.—–-]\s*|(?<=[\])])\s*)", re.I)

# `[n]` note markers
BRACKET_CALL = re.compile(r"\[(\d{1,4})\]")
BRACKET_DEF = re.compile(r"^\s*\[(\d{1,4})\](?:[.:](?=\s))?[ \t]*")

# A line of a list: "1. …", "(2) …", "a) …", "iv. …", "- …", "• …"
LIST_ITEM = re.compile(r"^(?:[-*•–]\s+\S|\(?\d{1,3}[.)]\s+\S|\(?[a-z][.)]\s+\S|\(?[ivxlc]{1,6}[.)]\s+\S)", re.I)

# Scene breaks written as a paragraph: "* * *", "***", "#", "⁂", "~"
SCENE_BREAK = re.compile(r"^\s*(?:(?:[*∗⁎•·~#]\s*){1,5}|⁂|§)\s*$")

# Closing of a letter and salutation.
SALUTATION = re.compile(
    r"^(?:(?:My\s+)?(?:very\s+)?(?:[Dd]ear(?:est)?|[Bb]eloved|[Rr]espected|[Hh]onou?red)\b(?:[^.!?]|(?<=\bMr|\bMs|\bDr|\bSt)\.|(?<=\bMrs|\bRev)\.|(?<=\bProf)\.){0,60}"
    r"|(?:Dear\s+)?(?:Sir|Sirs|Madam|Comrades?|Friends?|Gentlemen|Citizens?|Brothers?|Sisters?)"
    r"(?:\s+and\s+\w+)?)\s*[,:!]?$")
CLOSING_WORDS = re.compile(
    r"\b(?:yours|love|regards|greetings|fraternally|sincerely|faithfully|truly|affectionately|"
    r"comradely|salut|salutations|wishes|cordially|respectfully|ever|devotedly|handshake|embrace)\b",
    re.I)

# A postscript after the signature: "P.S. …", "PS: …", "N.B. …"
POSTSCRIPT = re.compile(r"^(?:P\.?\s?S\.?|P\.?\s?P\.?\s?S\.?|N\.\s?B\.|Postscript)(?=[\s:,.—–-])", re.I)

# Library colophons, sources and rights.
SITE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:org|net|com|info|eu|uk|de|fr|ru|io)"
                  r"(?:/\S*)?$", re.I)
# An archive's or a library's name alone on a line, in the words archives use
# for themselves: "The Example Library", "Marxists Internet Archive", "Library
# of Congress", "Bibliothèque anarchiste", "Archivio Berneri". Capitalised
# words around an English library word; after another language's, its
# adjectives too. A sentence ("He read at the British Library.") is no name,
# nor a signer's office under the name ("Jane Doe / Hull Public Library"):
# the name is a block's first line.
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.&-]*"
_PARTICLE = r"(?:of|the|for|and|&|de|del|della|dei|di|des|du|la|le|les|der|die|das|für|van|voor|y|e|i)"
_NAME_WORD = rf"(?:{_CAP}|{_PARTICLE})"
_LIBRARY_EN = r"(?:Library|Libraries|Archives?|Collection)"
_LIBRARY_OTHER = (r"(?:Biblioth[eè]que|Bibliothek|Bibliotheek|Bibliotek|Bibliote[ck]a|Archiv|Archivo|Archivio|"
                  r"Arquivo|Archief|Archiwum|Arkiv|Hemeroteca|Mediateca)")
ARCHIVE_NAME = (
    # an English name needs a word of its own besides "The" and the library word
    rf"(?-i:\A(?=[^\n]*\b(?!(?:The|{_LIBRARY_EN})\b)[A-ZÀ-ÖØ-Þ])(?:{_NAME_WORD}[ \t]+){{0,5}}{_LIBRARY_EN}"
    rf"(?:[ \t]+{_NAME_WORD}){{0,4}}[ \t]*$"
    rf"|\A(?:{_NAME_WORD}[ \t]+){{0,3}}{_LIBRARY_OTHER}(?:[ \t]+[\w'’.&-]+){{0,3}}[ \t]*$)")
COLOPHON = re.compile(
    rf"(?m:{ARCHIVE_NAME})|"
    r"\b(?:anti-?copyright|copyleft|creative commons|public domain|"
    r"all rights reserved|licen[cs]ed? under|cc[- ]by|cc0|reproduced\s+(?:by\s+(?:kind\s+)?permission|with\s+"
    r"(?:kind\s+)?permission)|republished\s+with\s+permission|reprinted\s+with\s+permission)\b|©|^copyright\b", re.I)
RIGHTS = re.compile(
    r"(anti-?copyright|copyleft|creative commons(?:[^.\n]|\.(?=\d))*|public domain|all rights reserved|"
    r"cc[- ]by[\w.\- ]*|cc0|©[^\n]*|copyright[^\n]*)", re.I)
RETRIEVED = re.compile(r"\b(?:retrieved|accessed|downloaded|scanned|transcribed|taken)\b[^\n]*\bfrom\b|"
                       r"^source\s*:|"
                       # "Transcribed for marxists.org by …", "Proofread by …", "HTML markup by …"
                       r"^(?:transcribed|transcription|scanned|proofread|proofed|digiti[sz]ed|"
                       r"(?:html\s+)?mark(?:ed)?[- ]?up|converted)\b[^\n]{0,80}?\b(?:by|for)\b", re.I)
# The same, strict enough to recognise at the head of a text.
THIS_TEXT = r"(?:(?:this|the)\s+(?:article|essay|piece|text|letter|lecture|pamphlet|review|speech)\s+(?:was\s+)?)?"
FIRST_PUBLISHED_HEAD = re.compile(
    rf"^{THIS_TEXT}(?:first|originally)\s+(?:published|printed|appeared)\b|^published\s+(?:in|by)\b", re.I)
FIRST_PUBLISHED = re.compile(
    rf"^{THIS_TEXT}(?:first|originally)\s+(?:published|printed|appeared)\b|^published\s+(?:in|by)\b|"
    r"^from\s+\*?[A-Z]", re.I)
URL = re.compile(r"(?:https?://|www\.)[^\s<>)\]]+", re.I)

CONTENTS = re.compile(r"^(?:table of\s+)?contents$", re.I)
# A contents line: a title, then a tab, a run of spaces or dot leaders, then a page number.
TOC_LINE = re.compile(r"^.{1,120}?(?:\t|\s{2,}|\s*[.·…_]{2,}\s*)(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
NOTES_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|references|sources|notes\s+and\s+(?:references|sources)|"
                           r"(?:references|sources)\s+and\s+notes)\s*:?$", re.I)

# Biography: a name (perhaps with life dates), then what a biography says of
# a person: "is a …", "was an …", "was born in …", "teaches …", "has written …"
_LIFE = r"(?:\s*\((?:b\.\s*|born\s+)?\d{4}\s*(?:[–—-]\s*(?:\d{4})?)?\)\s*,?)?"
_BIO_VERB = (r"(?:is|was)\s+(?:also\s+|currently\s+|now\s+)?(?:a|an|the|one)\b"
             r"|(?:was|is)\s+born\b|has\s+been\b|is\s+(?:writing|working\s+on|completing|finishing|researching)\b|is\s+(?:the\s+)?(?:author|editor|co-?author|translator)\b"
             r"|(?:teaches|taught|lives|lived|writes|wrote|works|worked|edits|edited|researches|researched"
             r"|studies|studied|organi[sz]es|organi[sz]ed|co-?founded|founded|directs|runs|coordinates)\b"
             r"|has\s+(?:written|taught|worked|published|edited|translated|lived|organi[sz]ed|contributed|spent|"
             r"reported|covered|campaigned|studied|researched|served)\b")
# "Jane Doe's most recent book is …", "Jane Doe's books include …"
_BIO_POSSESSIVE = (r"['’]s\s+(?:(?:most\s+recent|latest|new|first|forthcoming|previous)\s+"
                   r"(?:book|novel|collection|study|history|title)s?\s+(?:is|are|was)\b|books\s+include\b)")
BIO_START = re.compile(rf"^({_NAMEWORD}(?:\s+{_NAMEWORD}){{1,4}}?){_LIFE}(?:{_BIO_POSSESSIVE}|\s+(?:{_BIO_VERB}))")
ABOUT_AUTHOR = re.compile(r"^\W*about the authors?\W*(?:$|[:.—–-]\s*)", re.I)

ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th|er|e|ème|re|o|a|º|ª|d)$", re.I)
NOTE_LABEL = re.compile(r"^(?:\d{1,4}|[*†‡§]{1,3})$")

# A rule Markdown does not see: a line of dashes or box-drawing strokes ("—————", "–––", "───")
DASH_RULE = re.compile(r"^[—–―‒─━_-]{3,}$")
# Words no sentence ends with: a paragraph stopping on one was cut by a page break
OPEN_WORDS = frozenset(
    "the a an of to for and or nor but with by from into onto upon at as than that whose "
    "which whom their its his her our your my this these those every each in on".split())

# A note definition in a notes list: "[1] …", "[1]. …", "^1 …", "(1) …", "1. …", "1) …"
NOTE_DEF = re.compile(r"^\s*(?:\[(\d{1,4})\][.:]?|\^(\d{1,4})[.:)]?|\((\d{1,4})\)[.:]?|(\d{1,4})[.)])(?=[ \t]+\S)[ \t]*")
# A call the body writes as text: "[1]", "^1"
TEXT_CALL = re.compile(r"\[(\d{1,4})\]|(?<![\w^])\^(\d{1,4})\b")
# Words no title, name or sentence ends on; also what a header's "by", "of" are
STOPWORDS = OPEN_WORDS
# Names of languages, for "First published in French in *X*"
LANGUAGE = (r"(?:English|French|German|Russian|Spanish|Italian|Portuguese|Dutch|Flemish|Yiddish|Hebrew|"
            r"Polish|Czech|Slovak|Swedish|Norwegian|Danish|Finnish|Icelandic|Greek|Latin|Arabic|Turkish|"
            r"Chinese|Japanese|Korean|Hindi|Bengali|Urdu|Persian|Catalan|Basque|Galician|Esperanto|"
            r"Hungarian|Romanian|Bulgarian|Serbian|Croatian|Slovene|Ukrainian|Belarusian|Georgian|"
            r"Armenian|Lithuanian|Latvian|Estonian|Irish|Welsh|Scots|Gaelic|Breton|Occitan|Provençal)")
# A table's rule line in a contents table: "-------------\t--\t---"
TABLE_RULE = re.compile(r"^[\s|:+-]*-{2,}[\s|:+-]*$")
# A heading that can only head notes (a "References" list may be a bibliography)
NOTES_ONLY_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|end\s+notes|foot\s+notes|"
                                r"notes\s+and\s+(?:references|sources)|(?:references|sources)\s+and\s+notes)\s*:?$", re.I)
HAS_MONTH = re.compile(rf"\b(?:{MONTHS})\b", re.I)
# A pamphlet's or a book's imprint: "Issued by …", "Printed by …", "Published by …"
IMPRINT = re.compile(r"^(?:issued|printed|published|produced)(?:\s+and\s+(?:issued|printed|published))?\s+by\b", re.I)
# A citation of the journal or book the text was taken from: "Vol. 12, No. 3 (2008), pp. 45–61"
CITATION = re.compile(r"\b(?:vol|no|nos|pp?|issue)\.?\s*\d+.*\b(?:1[6-9]|20)\d{2}\b|\b(?:1[6-9]|20)\d{2}\b.*\bpp?\.\s*\d+", re.I)
# A printed book's end mark
END_MARK = re.compile(r"^\W*(?:the\s+end|finis|fin|end)\W*$", re.I)
# A title page's imprint: "London: A Printer, 11 Fleet Street. 1887."
IMPRINT_HEAD = re.compile(r"^[A-Z][\w .'’-]{1,30}:\s+\S.{2,100}?\b(?:1[5-9]\d{2}|20\d{2})\.?$")
# The occasion of a spoken text, under its title: "Speech delivered at … on 1 May 1912",
# "Transcript of a conversation broadcast on Radio X, 22 September 2018"
OCCASION = re.compile(
    r"^(?:(?:an?\s+|the\s+)?(?:text\s+of\s+(?:a|the)\s+)?(?:transcript\s+of\s+(?:a|an|the)\s+)?"
    r"(?:speech|lecture|address|talk|sermon|interview|conversation|discussion|broadcast|paper|report)\b"
    r".{0,160}?\b|)(?:delivered|given|broadcast|recorded|held|made|read|presented)\s+(?:at|before|to|on|in|by)\b", re.I)
# "A Lecture by Mrs. Jane Doe": a genre, then the byline
GENRE_BY = re.compile(r"^(?:an?\s+|the\s+)?(?:lecture|speech|address|talk|sermon|essay|letter|pamphlet|paper|"
                      r"report|poem|story|interview)\s+(?:(?:delivered|given|written)\s+)?by\s+(.+)$", re.I)
HONORIFIC = re.compile(r"^(?:Mrs|Mr|Ms|Miss|Dr|Prof|Rev|Revd|Sir|Dame|Comrade|Citizen)\.?\s+")

# A date anywhere in a line: "Sunday evening, 14 February 1897. Reported …"
DATE_IN = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?:{MONTHS})\.?,?\s+\d{{4}}|\d{{4}})\b", re.I)
