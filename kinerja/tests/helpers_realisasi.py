"""Builders for the realisasi tests: quarter form data, evidence files, a PK of n indicators."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import (
    Bukti,
    Indikator,
    ItemPK,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Sasaran,
    TargetTriwulan,
)
from kinerja.selectors_pk import teks_nilai
from kinerja.services_realisasi import NARASI, BarisMasukan

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def berkas_pdf(nama="laporan.pdf", isi=PDF):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def masukan_triwulan(pk, triwulan, ubah=None) -> list[BarisMasukan]:
    """The rows as the quarter page would send them untouched; `ubah` maps an item id to the
    fields the user changed."""
    baris = []
    for item in pk.item.all():
        r = Realisasi.objects.filter(item=item, triwulan=triwulan).first()
        m = BarisMasukan(item_id=item.id, versi=r.versi if r else 0)
        if r:
            m.nilai = teks_nilai(item.indikator, r.nilai, r.nilai_predikat)
            for n in NARASI:
                setattr(m, n, getattr(r, n))
        for kolom, nilai in (ubah or {}).get(item.id, {}).items():
            setattr(m, kolom, nilai)
        baris.append(m)
    return baris


def data_post(pk, triwulan, ubah=None) -> dict:
    """The POST body of the quarter form, untouched except for `ubah` (item id → fields)."""
    data = {}
    for m in masukan_triwulan(pk, triwulan, ubah):
        awalan = f"r-{m.item_id}"
        data[f"{awalan}-nilai"] = m.nilai
        data[f"{awalan}-versi"] = str(m.versi)
        for n in NARASI:
            data[f"{awalan}-{n}"] = getattr(m, n)
        if m.hapus:
            data[f"{awalan}-hapus"] = "on"
    return data


def buat_bukti(realisasi, nama="bukti.pdf", isi=PDF):
    bukti = Bukti(
        realisasi=realisasi, nama_asli=nama, jenis_mime="application/pdf", ukuran=len(isi)
    )
    bukti.berkas.save("bukti.pdf", SimpleUploadedFile(nama, isi), save=False)
    bukti.save()
    return bukti


def buat_pk_besar(satker, jumlah, tahun, triwulan=2):
    """A PK of `jumlah` numeric indicators over several sasaran, each with a quarterly target,
    a realisasi in `triwulan` and one evidence file: the shape of a real quarter page."""
    renstra = Renstra.objects.create(
        satker=satker, tahun_mulai=tahun, tahun_selesai=tahun + 4, nama=f"Renstra uji {tahun}"
    )
    pk = PerjanjianKinerja.objects.create(satker=satker, tahun=tahun, renstra=renstra)
    sasaran = None
    for i in range(jumlah):
        if i % 3 == 0:
            sasaran = Sasaran.objects.create(renstra=renstra, nomor=i // 3 + 1, teks=f"S{i}")
        indikator = Indikator.objects.create(
            sasaran=sasaran,
            kode=f"{i // 3 + 1}.{i % 3 + 1}",
            nama=f"Persentase uji {i}",
            satuan="%" if i % 2 else "dokumen",
            agregasi="kumulatif" if i % 2 == 0 else "nilai_akhir",
        )
        item = ItemPK.objects.create(pk_induk=pk, urutan=i, indikator=indikator, target=90)
        TargetTriwulan.objects.create(item=item, triwulan=triwulan, target=Decimal(40))
        r = Realisasi.objects.create(item=item, triwulan=triwulan, nilai=Decimal(30))
        if i % 2 == 0:
            Realisasi.objects.create(item=item, triwulan=1, nilai=Decimal(10))
        buat_bukti(r)
    return pk
