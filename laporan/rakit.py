"""Assembling the finished PDF from its laid-out segments, with pikepdf (qpdf).

No Django here either. `rakit` stamps the page numbers (each number a small form XObject drawn
over the page, from an "overlay" document WeasyPrint laid out with the same page boxes and
font), turns the segments' internal links into links to their anchors' pages, adds the
bookmarks and page labels of laporan/penomoran.py and the metadata, and appends the uploaded
attachments.
"""

import io
from dataclasses import dataclass, field

import pikepdf

from .penomoran import Penanda, RentangLabel, jangkar_global
from .tata_letak import HasilSegmen


@dataclass(frozen=True)
class Susunan:
    """What `rakit` needs: the segments in print order, the number overlay and which of the
    report's pages it stamps (`cap[i]` = overlay page for page i, or None), bookmarks, page
    labels, metadata and the attachments to append ((title, path) pairs)."""

    segmen: list[HasilSegmen]
    overlay: HasilSegmen | None
    cap: list[int | None]
    bookmark: list[Penanda]
    label: list[RentangLabel]
    metadata: dict[str, str]
    lampiran: list[tuple[str, str]] = field(default_factory=list)


def _halaman_label(rentang: list[RentangLabel]) -> pikepdf.Dictionary:
    """The /PageLabels number tree: viewers show "i", "ii" … "1", "2" … as printed."""
    nums = []
    for r in rentang:
        label = pikepdf.Dictionary()
        if r.gaya:
            label.S = pikepdf.Name(r.gaya)
            label.St = 1
        if r.awalan:
            label.P = pikepdf.String(r.awalan)
        nums += [r.mulai, label]
    return pikepdf.Dictionary(Nums=pikepdf.Array(nums))


def _tujuan(pdf: pikepdf.Pdf, halaman: int, y: float) -> pikepdf.Array:
    """An explicit destination: the page, scrolled to `y` points from its top."""
    hal = pdf.pages[halaman]
    atas = float(hal.mediabox[3]) - y
    return pikepdf.Array([hal.obj, pikepdf.Name.XYZ, None, atas, None])


def rakit(susunan: Susunan) -> tuple[bytes, int]:
    """The finished PDF from its laid-out segments (with pikepdf, i.e. qpdf); returns the
    bytes and the page count.

    Page numbers are stamped from the overlay, every internal link becomes a link to its
    anchor's page and position, the bookmarks and page labels follow the Daftar Isi, and each
    attachment is appended with a bookmark of its own."""
    pdf = pikepdf.new()
    for s in susunan.segmen:
        pdf.pages.extend(pikepdf.open(io.BytesIO(s.pdf)).pages)
    jumlah = len(pdf.pages)

    if susunan.overlay is not None:
        overlay = pikepdf.open(io.BytesIO(susunan.overlay.pdf))
        for i, j in enumerate(susunan.cap):
            if j is None:
                continue
            halaman = pdf.pages[i]
            # WeasyPrint shares one resource dictionary among a document's pages: each page
            # gets its own, or every page would list every number's form.
            halaman.obj.Resources = pikepdf.Dictionary(dict(halaman.obj.Resources.items()))
            halaman.add_overlay(overlay.pages[j])

    jangkar = jangkar_global(susunan.segmen)
    awal = 0
    for s in susunan.segmen:
        for t in s.tautan:
            if t.sasaran not in jangkar:
                continue
            link = pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array(list(t.kotak)),
                Border=pikepdf.Array([0, 0, 0]),
                Dest=_tujuan(pdf, *jangkar[t.sasaran]),
            )
            halaman = pdf.pages[awal + t.halaman].obj
            if "/Annots" not in halaman:
                halaman.Annots = pikepdf.Array()
            halaman.Annots.append(pdf.make_indirect(link))
        awal += s.jumlah_halaman

    with pdf.open_outline() as outline:
        induk: dict[int, pikepdf.OutlineItem] = {}
        for b in susunan.bookmark:
            if b.jangkar not in jangkar:
                continue
            item = pikepdf.OutlineItem(b.judul)
            item.destination = _tujuan(pdf, *jangkar[b.jangkar])
            parent = next((induk[t] for t in range(b.tingkat - 1, -1, -1) if t in induk), None)
            (parent.children if parent else outline.root).append(item)
            induk[b.tingkat] = item
            for lebih in [t for t in induk if t > b.tingkat]:
                del induk[lebih]
        lampiran_induk = outline.root[-1] if outline.root else None
        for judul, jalur in susunan.lampiran:
            item = pikepdf.OutlineItem(f"Lampiran: {judul}", len(pdf.pages))
            pdf.pages.extend(pikepdf.open(jalur).pages)
            (lampiran_induk.children if lampiran_induk else outline.root).append(item)

    label = list(susunan.label)
    if len(pdf.pages) > jumlah:
        label.append(RentangLabel(jumlah, len(pdf.pages) - 1, gaya="/D", awalan="L-"))
    pdf.Root.PageLabels = _halaman_label(label)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
    for nama, nilai in susunan.metadata.items():
        pdf.docinfo[pikepdf.Name(nama)] = nilai
    keluaran = io.BytesIO()
    pdf.save(keluaran, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return keluaran.getvalue(), len(pdf.pages)
