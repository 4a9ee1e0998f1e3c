"""The demo reports: one per demo satker-year, signed as its seed publishes it (the "laporan"
block of fixtures/demo/<kode>_<tahun>.json, format in fixtures/demo/SCHEMA.md)."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kinerja.models import PerjanjianKinerja

from .models import JenisLaporan, Laporan
from .services import laporan_buat, laporan_ubah


def ttd_laporan_demo(paths) -> dict[tuple[str, int, str], dict]:
    """The Kata Pengantar signature each demo file's "laporan" block gives, per (satker code,
    year, kind), as Laporan columns. Only what the block states is set: a key left out keeps
    what laporan_buat derived from the satker and the PK."""
    hasil = {}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for blok in data.get("laporan", []):
            kolom = {}
            if "tempat_ttd" in blok:
                kolom["tempat_ttd"] = blok["tempat_ttd"] or ""
            if "tanggal_ttd" in blok:
                tanggal = blok["tanggal_ttd"]
                kolom["tanggal_ttd"] = date.fromisoformat(tanggal) if tanggal else None
            orang = blok.get("penandatangan")
            if orang is not None:
                # The three together: a name from the seed never keeps another person's NIP.
                kolom["penandatangan_nama"] = orang.get("nama", "")
                kolom["penandatangan_jabatan"] = orang.get("jabatan", "")
                kolom["penandatangan_nip"] = orang.get("nip", "")
            hasil[(data["satker"]["kode"], data["tahun"], blok["jenis"])] = kolom
    return hasil


def buat_laporan_demo(paths: list[Path], tulis: Callable[[str], object]) -> None:
    """One report per demo satker-year, as the seed publishes it: of its one PK, or combined
    over both PKs where the satker-year has two (Rejang Lebong publishes one LKj holding the
    commission's and the secretariat's PK). Drafts come from the data; the signature is the
    seed's. A report already under review or approved keeps its signature: its content is
    locked, which `tulis` reports."""
    ttd = ttd_laporan_demo(paths)
    kode_demo = {Path(p).name.split("_")[0] for p in paths}
    jenis_per_tahun: dict[tuple, set] = {}
    for pk in PerjanjianKinerja.objects.filter(satker__kode__in=kode_demo).terkini():
        jenis_per_tahun.setdefault((pk.satker, pk.tahun), set()).add(pk.jenis)
    for (satker, tahun), jenis_pk in jenis_per_tahun.items():
        jenis = JenisLaporan.GABUNGAN if len(jenis_pk) > 1 else next(iter(jenis_pk))
        laporan = Laporan.objects.filter(satker=satker, tahun=tahun, jenis=jenis).first()
        laporan = laporan or laporan_buat(satker=satker, tahun=tahun, jenis=jenis)
        kolom = ttd.get((satker.kode, tahun, jenis))
        if not kolom:
            continue
        if laporan.terkunci:
            tulis(f"{laporan}: terkunci, data penandatanganan tidak dimuat ulang.")
        else:
            laporan_ubah(laporan=laporan, **kolom)
