"""The rows of the report's tables that are worked out rather than read straight from the data:
the PK table (sasaran cells spanning their indicators), the Rencana Aksi per quarter, the
capaian rules of the measurement table lettered a, b, c …, and the category scale."""

from dataclasses import dataclass, field

from nilai import tulis_nilai, tulis_persen

from .data import DataLaporan, PKLaporan

TW = (1, 2, 3, 4)


@dataclass
class BarisRencanaAksi:
    nomor_sasaran: int | None  # set on the first row of a sasaran
    rowspan: int
    sasaran: str
    kode: str
    nama: str
    satuan: str
    target: str
    triwulan: list[tuple[str, str]] = field(default_factory=list)  # (target, realisasi) TW I–IV


def aturan_pengukuran(data: DataLaporan) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The capaian rules (or reasons for no capaian) used in the measurement table, lettered
    a, b, c … in order of first use, and the letter of each indicator (by kode)."""
    daftar: list[tuple[str, str]] = []
    huruf_per_teks: dict[str, str] = {}
    per_kode: dict[str, str] = {}
    for s in data.sasaran:
        for ind in s.indikator:
            teks = ind.hasil.aturan if ind.hasil.nilai is not None else ind.hasil.alasan
            teks = teks or ind.hasil.aturan
            if not teks:
                continue
            if teks not in huruf_per_teks:
                huruf_per_teks[teks] = chr(ord("a") + len(daftar)) if len(daftar) < 26 else "*"
                daftar.append((huruf_per_teks[teks], teks))
            per_kode[ind.kode] = huruf_per_teks[teks]
    return daftar, per_kode


def skala(data: DataLaporan) -> list[tuple[str, str]]:
    """The category bands as printed, highest first: ("Sangat Baik", "91,00 % ke atas")."""
    urut = sorted(data.pita, key=lambda p: p.batas_bawah)
    baris = []
    for i, p in enumerate(urut):
        if i + 1 < len(urut):
            rentang = (
                f"{tulis_persen(p.batas_bawah)} s.d. < {tulis_persen(urut[i + 1].batas_bawah)}"
            )
        else:
            rentang = f"{tulis_persen(p.batas_bawah)} ke atas"
        baris.append((p.label, rentang))
    return list(reversed(baris))


def baris_pk(p: PKLaporan) -> list[dict]:
    """The PK table rows (sasaran cells spanning their indicators), from the same sasaran list
    as the measurement table so both number the sasaran alike."""
    baris = []
    for s in p.sasaran:
        for i, ind in enumerate(s.indikator):
            baris.append(
                {
                    "sasaran": s if i == 0 else None,
                    "rowspan": len(s.indikator),
                    "indikator": ind,
                }
            )
    return baris


def rencana_aksi(p: PKLaporan) -> list[BarisRencanaAksi]:
    """Quarterly targets (the Rencana Aksi) and realisasi of every indicator of a PK."""
    item_per_kode = {item.indikator.kode: item for item in p.item}
    baris = []
    for s in p.sasaran:
        for i, ind in enumerate(s.indikator):
            item = item_per_kode.get(ind.kode)
            target_tw, realisasi_tw = {}, {}
            if item is not None:
                for t in item.target_triwulan.all():
                    v = t.nilai_dari("target")
                    if v is not None and v != "":
                        target_tw[t.triwulan] = tulis_nilai(v, ind.satuan)
                for r in item.realisasi.all():
                    v = r.nilai_dari("nilai")
                    if v is not None and v != "":
                        realisasi_tw[r.triwulan] = tulis_nilai(v, ind.satuan)
            baris.append(
                BarisRencanaAksi(
                    nomor_sasaran=s.nomor if i == 0 else None,
                    rowspan=len(s.indikator),
                    sasaran=s.teks,
                    kode=ind.kode,
                    nama=ind.nama,
                    satuan=ind.satuan,
                    target=ind.target,
                    triwulan=[(target_tw.get(tw, "—"), realisasi_tw.get(tw, "—")) for tw in TW],
                )
            )
    return baris


def ada_target_triwulan(p: PKLaporan) -> bool:
    return any(
        t.target is not None or t.target_predikat
        for item in p.item
        for t in item.target_triwulan.all()
    )
