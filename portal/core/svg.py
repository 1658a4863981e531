"""Make an SVG drawing safe to serve from the portal's own origin, or refuse it.

An SVG is an XML document a browser runs like a page when it is opened by its
address: it can carry ``<script>``, event handlers (``onload=``), links to
``javascript:`` addresses, HTML inside ``<foreignObject>`` and style sheets
fetched from elsewhere. Images in the library are served from ``/media/``, so
an uploaded SVG is rebuilt from a whitelist: only drawing elements and
presentation attributes are kept, every reference must point inside the
drawing (``#id``), and the result is written out afresh (comments, processing
instructions such as ``<?xml-stylesheet?>`` and foreign namespaces are gone).

A file that is not well-formed XML, declares a DTD or entities (parsed with
defusedxml, which refuses them), or is not an ``<svg>`` document is refused
with :class:`UnsafeSVG`; nothing else is refused, only removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Drawing elements only: no script, foreignObject, iframe, image (it can load
# any address), animation (<set>/<animate> can rewrite an href to javascript:),
# a (links) or anything outside the SVG namespace.
ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "title",
        "desc",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "style",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
    ]
)
# Geometry, presentation and accessibility attributes; no on…= handler, no
# style sheet hooks beyond class/id, no hrefs except the checked ones below.
ATTRIBUTES = frozenset(
    [
        "id",
        "class",
        "style",
        "lang",
        "tabindex",
        "role",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "version",
        "baseProfile",
        "viewBox",
        "preserveAspectRatio",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "fr",
        "d",
        "points",
        "pathLength",
        "transform",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "offset",
        "stop-color",
        "stop-opacity",
        "patternUnits",
        "patternContentUnits",
        "patternTransform",
        "clipPathUnits",
        "maskUnits",
        "maskContentUnits",
        "markerUnits",
        "markerWidth",
        "markerHeight",
        "refX",
        "refY",
        "orient",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "opacity",
        "color",
        "display",
        "visibility",
        "clip-path",
        "clip-rule",
        "mask",
        "filter",
        "marker-start",
        "marker-mid",
        "marker-end",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "font-variant",
        "letter-spacing",
        "word-spacing",
        "text-anchor",
        "dominant-baseline",
        "alignment-baseline",
        "baseline-shift",
        "text-decoration",
        "writing-mode",
        "direction",
        "dx",
        "dy",
        "rotate",
        "textLength",
        "lengthAdjust",
        "startOffset",
        "vector-effect",
        "shape-rendering",
        "text-rendering",
        "paint-order",
        "mix-blend-mode",
        "isolation",
        "in",
        "in2",
        "result",
        "mode",
        "type",
        "values",
        "operator",
        "k1",
        "k2",
        "k3",
        "k4",
        "stdDeviation",
        "edgeMode",
        "flood-color",
        "flood-opacity",
        "tableValues",
        "slope",
        "intercept",
        "amplitude",
        "exponent",
        "radius",
        "filterUnits",
        "primitiveUnits",
        "media",
        "href",
    ]
)
# url(...) in an attribute or a style: only a fragment of this drawing.
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_STYLE_DANGER = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)


class UnsafeSVG(ValueError):
    """The file cannot be made into a safe drawing; ``str()`` says why, for the uploader."""


def _css_is_safe(text: str) -> bool:
    if _STYLE_DANGER.search(text):
        return False
    return all(target.strip().startswith("#") for _q, target in _URL.findall(text))


def _local_name(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _sep, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _clean_attributes(element, removed: list[str]) -> None:
    for key in list(element.attrib):
        ns, name = _local_name(key)
        value = element.attrib[key]
        keep = False
        if ns == XML_NS and name in {"space", "lang"}:
            keep = True
        elif name == "href" and ns in {XLINK_NS, ""}:
            # Only a reference to an element of this drawing (<use href="#leg">).
            keep = value.strip().startswith("#")
            if keep and ns:  # written as SVG 2's plain href
                del element.attrib[key]
                element.set("href", value)
                continue
        elif ns == "" and name in ATTRIBUTES:
            keep = _css_is_safe(value) if ("url(" in value.lower() or name == "style") else True
        if not keep:
            del element.attrib[key]
            removed.append(f"@{name}")


def _clean_children(parent, removed: list[str]) -> None:
    for child in list(parent):
        if not isinstance(child.tag, str):  # comment or processing instruction
            parent.remove(child)
            continue
        ns, name = _local_name(child.tag)
        if ns != SVG_NS or name not in ELEMENTS:
            parent.remove(child)
            removed.append(name)
            continue
        if name == "style" and (len(child) or not _css_is_safe(child.text or "")):
            parent.remove(child)
            removed.append("style")
            continue
        child.tag = name
        _clean_attributes(child, removed)
        _clean_children(child, removed)


def sanitise_svg(data: bytes) -> tuple[bytes, list[str]]:
    """The drawing rebuilt from the whitelist, and the names of what was removed.

    Raises :class:`UnsafeSVG` for a file that is not an SVG drawing one can
    parse safely.
    """
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise UnsafeSVG(
            _("The SVG declares a document type or entities, which drawings do not need.")
        ) from exc
    except ET.ParseError as exc:
        raise UnsafeSVG(_("The SVG file is not well-formed XML.")) from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSVG(_("The file is not an SVG drawing (its first element is not <svg>)."))
    removed: list[str] = []
    root.tag = "svg"
    _clean_attributes(root, removed)
    _clean_children(root, removed)
    root.set("xmlns", SVG_NS)
    body = ET.tostring(root, encoding="unicode")
    return body.encode("utf-8"), removed


def is_svg_name(name: str) -> bool:
    return name.lower().endswith(".svg")
