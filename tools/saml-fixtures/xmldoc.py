"""A tiny XML writer and a few text-level edits on serialized XML.

The fixtures are written with this writer (so every byte is chosen here, not by a DOM
serializer) and edited as text after signing (so a signed fragment is moved around without
being re-serialized). Only the documents this generator writes are edited: the edits rely on
their shape (no `>` inside attribute values, no CDATA) and fail loudly when it is not met.
"""

import re


class El:
    """An element: a qualified name, attributes in the order given, children in order."""

    __slots__ = ("qname", "attrs", "children")

    def __init__(self, qname, attrs=None, children=None):
        self.qname = qname
        self.attrs = list(attrs or [])
        self.children = [c for c in (children or []) if c is not None]

    def add(self, *children):
        self.children.extend(c for c in children if c is not None)
        return self


class Raw:
    """Markup written verbatim: a comment, or a fragment cut from a signed document."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def escape_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(s):
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _start(el, close_empty):
    attrs = "".join(f' {k}="{escape_attr(v)}"' for k, v in el.attrs)
    return f"<{el.qname}{attrs}{'/' if close_empty else ''}>"


def _inline(el):
    """True when the element holds no child element (text, comments and raw markup only)."""
    return all(not isinstance(c, El) for c in el.children)


def serialize(node, pretty=False, indent="  ", level=0):
    """Compact (no whitespace between elements, as Okta sends) or indented form."""
    if isinstance(node, str):
        return escape_text(node)
    if isinstance(node, Raw):
        return node.text
    if not node.children:
        return _start(node, True)
    if not pretty or _inline(node):
        inner = "".join(serialize(c, False) for c in node.children)
        return f"{_start(node, False)}{inner}</{node.qname}>"
    pad = "\n" + indent * (level + 1)
    inner = "".join(pad + serialize(c, True, indent, level + 1) for c in node.children)
    return f"{_start(node, False)}{inner}\n{indent * level}</{node.qname}>"


def document(root, pretty=False):
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + serialize(root, pretty) + "\n"


# ---------------------------------------------------------------------------------------------
# Text-level edits

_TAG = re.compile(r"<(/?)([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)([^<>]*?)(/?)>|<!--.*?-->|<\?.*?\?>", re.S)


class EditError(Exception):
    pass


def element_span(text, qname, start=0, nth=0):
    """(begin, end) of the nth element named `qname` (as written, prefix included) that
    starts at or after `start`; nested elements of the same name are matched properly."""
    seen = -1
    depth = 0
    begin = None
    for m in _TAG.finditer(text, start):
        if m.group(2) is None:  # comment or processing instruction
            continue
        closing, name, _attrs, empty = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != qname:
            continue
        if begin is None:
            if closing:
                continue
            seen += 1
            if seen < nth:
                continue
            if empty:
                return m.start(), m.end()
            begin = m.start()
            depth = 1
            continue
        if closing:
            depth -= 1
            if depth == 0:
                return begin, m.end()
        elif not empty:
            depth += 1
    raise EditError(f"no element {qname!r} (#{nth}) found")


def element(text, qname, start=0, nth=0):
    b, e = element_span(text, qname, start, nth)
    return text[b:e]


def remove(text, fragment):
    if text.count(fragment) != 1:
        raise EditError(f"fragment to remove found {text.count(fragment)} times")
    return text.replace(fragment, "", 1)


def replace_once(text, old, new):
    n = text.count(old)
    if n != 1:
        raise EditError(f"{old[:60]!r} found {n} times (expected once)")
    return text.replace(old, new, 1)


def insert_after(text, anchor, addition):
    return replace_once(text, anchor, anchor + addition)


def insert_before(text, anchor, addition):
    return replace_once(text, anchor, addition + anchor)


def set_attr_on_first_tag(fragment, name, value):
    """Sets an attribute that already exists on the fragment's first start tag."""
    m = re.match(r"<[^<>]*>", fragment)
    if not m:
        raise EditError("fragment does not start with a tag")
    tag = m.group(0)
    new_tag, n = re.subn(rf'(\s{re.escape(name)}=")[^"]*(")', rf"\g<1>{value}\g<2>", tag, count=1)
    if n != 1:
        raise EditError(f"attribute {name} not on {tag[:60]!r}")
    return new_tag + fragment[len(tag):]


def strip_declaration(text):
    """The document without its XML declaration and trailing newline (for embedding)."""
    text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
    return text.rstrip("\n")


def text_of(text, qname):
    """Character data of the first (text-only) element `qname`."""
    frag = element(text, qname)
    inner = re.sub(r"^<[^<>]*>", "", frag)
    inner = inner[: inner.rindex("<")]
    if "<" in inner:
        raise EditError(f"{qname} is not text-only")
    return inner
