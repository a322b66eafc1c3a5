"""Helpers for the extraction tests: build Documents/Segmentations from plain text."""
from __future__ import annotations

from dossier_review.extract.officers import extract_officers
from dossier_review.extract.text import DocText
from dossier_review.model import Document, Dossier, Page, PageSpan, Segmentation
from dossier_review.pages import analyse_pages


def make_doc(text: str | list[str], type_: str = "decision", title: str = "", first_page: int = 1,
             source: str = "text", red_seal=None) -> tuple[Document, dict[int, Page]]:
    """A document over one page per string; returns it and its pages by number."""
    texts = [text] if isinstance(text, str) else list(text)
    pages = {}
    spans = []
    for i, t in enumerate(texts):
        n = first_page + i
        pages[n] = Page(number=n, source=source, confidence=1.0 if source == "text" else 0.85,
                        raw_text=t, text=t, red_seal=red_seal)
        spans.append(PageSpan(page=n, start=0, end=len(t)))
    doc = Document(type=type_, title=title, first_page=first_page, last_page=first_page + len(texts) - 1,
                   spans=spans, text="\n".join(texts))
    return doc, pages


def make_seg(docs: list[tuple[str | list[str], str]], name: str = "t", source: str = "text") -> Segmentation:
    """A segmentation of consecutive documents, each (text or page texts, type)."""
    all_pages = []
    documents = []
    n = 1
    for text, type_ in docs:
        doc, pages = make_doc(text, type_, first_page=n, source=source)
        documents.append(doc)
        all_pages.extend(pages[k] for k in sorted(pages))
        n += len(pages)
    dossier = analyse_pages(Dossier(name=name, sources=[f"{name}.pdf"], pages=all_pages))
    return Segmentation(dossier=dossier, documents=documents)


def officer_pairs(text: str, type_: str = "inquiry") -> list[tuple]:
    """(name, certificate) of each officer extracted from ``text`` read as a ``type_`` document."""
    officers, _ = extract_officers(DocText(make_doc(text, type_)[0]))
    return [(o.name, o.certificate) for o in officers]
