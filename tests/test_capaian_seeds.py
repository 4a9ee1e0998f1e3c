"""The capaian calculator against the numbers printed in the seed reports 001–003.

The tables are copies of seeds/data/00{1,2,3}_pk.tsv in tests/data_seeds/. Every row that prints a
target, a realisasi and a capaian is scored by the product with the rule that fits the indicator
(seeds/notes/00N.md): where the seed is self-consistent the product prints the same number (at
the printed precision, half up); where it is not, the product's number differs and the test says
why. No database.
"""

import csv
import re
from dataclasses import dataclass
from decimal import Decimal as D
from functools import cache
from pathlib import Path

from django.test import SimpleTestCase

from anggaran import serapan
from kinerja import capaian
from kinerja.capaian import JenisNilai, Polaritas, RumusNegatif
from nilai import (
    NilaiTidakValid,
    SatuanTidakSesuai,
    baca_angka,
    bulatkan,
    mengandung_huruf_asing,
    tulis_persen,
)

DATA = Path(__file__).resolve().parent / "data_seeds"
AKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]
BPK = ["TMP", "TW", "WDP", "WTP"]
SERATUS = D(100)


@cache
def baca(seed: str) -> tuple[dict, ...]:
    """The rows of tests/data_seeds/<seed>_pk.tsv (tab-separated, quotes are literal text)."""
    with (DATA / f"{seed}_pk.tsv").open(encoding="utf-8", newline="") as berkas:
        return tuple(csv.DictReader(berkas, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Cara:
    """How the product scores a row: the kind of value, the indicator's unit used to read the
    printed target and realisasi (None: the printed cell is not one number, so the parsed
    *_value column is read instead), the polarity and the grade scale."""

    jenis: str = "angka"
    satuan: str | None = "%"
    polaritas: Polaritas = Polaritas.POSITIF
    skala: tuple[str, ...] = ()


PERSEN = Cara()
NILAI_KOLOM = Cara(satuan=None)
PREDIKAT_AKIP = Cara(jenis="predikat", skala=tuple(AKIP))
PENYERAPAN = Cara(jenis="penyerapan")


def unit(satuan: str, polaritas: Polaritas = Polaritas.POSITIF) -> Cara:
    return Cara(satuan=satuan, polaritas=polaritas)


@dataclass(frozen=True)
class Baris:
    """One seed row, found by seed, printed sasaran number and the start of the indicator."""

    seed: str
    sasaran_no: str
    awal: str
    cara: Cara = PERSEN

    def cari(self) -> tuple[int, dict]:
        cocok = [
            (i, r)
            for i, r in enumerate(baca(self.seed))
            if r["sasaran_no"] == self.sasaran_no and r["indikator"].startswith(self.awal)
        ]
        assert len(cocok) == 1, f"{self} matches {len(cocok)} rows"
        return cocok[0]

    @property
    def kunci(self) -> tuple[str, int]:
        return (self.seed, self.cari()[0])

    @property
    def row(self) -> dict:
        return self.cari()[1]


def _angka(row: dict, kolom: str, cara: Cara) -> D:
    if cara.satuan is None:
        return baca_angka(row[f"{kolom}_value"])
    return baca_angka(row[f"{kolom}_raw"], cara.satuan)


def hitung(baris: Baris, rumus: RumusNegatif = RumusNegatif.SELISIH) -> D | None:
    """The product's number for a row, at full precision."""
    row, cara = baris.row, baris.cara
    if cara.jenis == "penyerapan":
        return serapan.penyerapan(baca_angka(row["realisasi_raw"]), baca_angka(row["target_raw"]))
    if cara.jenis == "predikat":
        return capaian.hitung_capaian(
            jenis=JenisNilai.PREDIKAT,
            realisasi=row["realisasi_raw"],
            target=row["target_raw"],
            skala=cara.skala,
        ).nilai
    return capaian.hitung_capaian(
        jenis=JenisNilai.ANGKA,
        realisasi=_angka(row, "realisasi", cara),
        target=_angka(row, "target", cara),
        polaritas=cara.polaritas,
        rumus_negatif=rumus,
    ).nilai


def tercetak(baris: Baris) -> tuple[D, int]:
    """The printed capaian and its number of decimals ("84,98%" → 84.98, 2; "100" → 100, 0)."""
    nilai = baca_angka(baris.row["capaian_raw_reported"], "%")
    return nilai, max(0, -nilai.as_tuple().exponent)


def dalam_cakupan(row: dict) -> bool:
    """A row prints a target, a realisasi and a capaian."""
    return all(row[k].strip() for k in ("target_raw", "realisasi_raw", "capaian_raw_reported"))


# --- The classification of every in-scope row ------------------------------------------------

KONSISTEN = [
    # 001 Kota Serang, BAB III.A mini-tables: percentages, higher is better.
    Baris("001", "1", "Persentase tercapainya realisasi anggaran"),
    Baris("001", "2", "Persentase Laporan Realisasi"),
    Baris("001", "4", "Persentase ketersediaan fasilitas"),  # as printed (100); PK says 95
    Baris("001", "8", "Persentase Fasilitasi Pembentukan"),
    Baris("001", "9", "Persentase Ketepatan Waktu"),
    Baris("001", "10", "Persentase Pelaksanaan Waktu Kampanye"),
    Baris("001", "13", "Persentase Fasilitasi Penyiapan Tahapan"),
    # 002 Kota Metro: physical targets, higher is better. "12 Bulan/3 triwulan" and
    # "1 Gedung dan 1 gudang" are not single numbers: their parsed values (12, 2) are used.
    Baris("002", "3", "Persentase Pelaksanaan Pemutakhiran", NILAI_KOLOM),
    Baris("002", "7", "Jumlah badan ad hoc", unit("kegiatan")),
    Baris("002", "11", "Persentase produk hukum", unit("laporan")),
    Baris("002", "10", "Persentase fasilitasi perkantoran", unit("laporan")),
    Baris("002", "10", "Persentase Gedung dan Gudang", NILAI_KOLOM),
    Baris("002", "14", "Persentase Pendidikan Pemilih", unit("laporan")),
    Baris("002", "15", "Persentase informasi dan publikasi", unit("triwulan")),
]

# 003 Rejang Lebong, "Pengukuran Capaian Kinerja": pagu/realisasi in Rupiah, so the rule is
# penyerapan (rule 11), not capaian. Every row but Honorarium Badan Adhoc is consistent.
HONORARIUM = Baris("003", "A.3", "QGE.002 Honorarium Badan Adhoc", PENYERAPAN)
KONSISTEN += [
    Baris("003", r["sasaran_no"], r["indikator"], PENYERAPAN)
    for r in baca("003")
    if r["unit"] == "Rp" and r["indikator"] != HONORARIUM.awal
]

INKONSISTEN = {
    "001_s5": [Baris("001", "5", "Persentase Laporan Pengelolaan")],
    "001_s6": [Baris("001", "6", "Persentase Pembuatan Keputusan")],
    "001_s7": [Baris("001", "7", "Persentase Pengolahan Data")],
    "001_s11": [Baris("001", "11", "Persentase Sosialisasi")],
    "cap_100": [
        Baris("001", "3", "Persentase pemutakhirkan Data Pemilih"),
        Baris("001", "12", "Persentase KPU Kota Serang Mendapatkan Nilai"),
        Baris("002", "1", "Persentase Pegawai yang telah Mengikuti", unit("orang")),
        Baris("002", "10", "Persentase sarana transportasi", unit("unit")),
    ],
    "002_predikat": [
        Baris("002", "2", "Nilai evaluasi atas akuntabilitas", PREDIKAT_AKIP),
        Baris("002", "2", "Nilai evaluasi atas pelaksanaan reformasi", PREDIKAT_AKIP),
    ],
    "002_revisi": [
        Baris("002", "4", "Kesesuaian Perencanaan Kegiatan", unit("triwulan", Polaritas.NEGATIF))
    ],
    "002_sarana_it": [
        Baris("002", "16", "Persentase Sarana dan prasarana", unit("unit sarana IT"))
    ],
    "002_sama_dengan_target_95": [
        Baris("002", "5", "Persentase laporan monitoring", unit("laporan")),
        Baris("002", "8", "Jumlah laporan sistem akuntansi", unit("bln")),
        Baris("002", "9", "Persentase KPU Provinsi", unit("laporan")),
    ],
    "002_sengketa": [
        Baris("002", "12", "Penurunan jumlah sengketa", unit("laporan", Polaritas.NEGATIF))
    ],
    "003_honorarium": [HONORARIUM],
}


def produk_2(baris: Baris, rumus: RumusNegatif = RumusNegatif.SELISIH) -> D:
    """The product's number as displayed (two decimals, half up)."""
    return bulatkan(hitung(baris, rumus))


class CakupanTests(SimpleTestCase):
    def test_every_in_scope_row_classified_once(self):
        """Every seed row with target, realisasi and printed capaian is in exactly one group."""
        kelompok = [b.kunci for b in KONSISTEN]
        kelompok += [b.kunci for daftar in INKONSISTEN.values() for b in daftar]
        self.assertEqual(len(kelompok), len(set(kelompok)), "a row is classified twice")
        cakupan = {
            (seed, i)
            for seed in ("001", "002", "003")
            for i, r in enumerate(baca(seed))
            if dalam_cakupan(r)
        }
        self.assertEqual(set(kelompok), cakupan)

    def test_scope_sizes(self):
        """In scope: 13 rows of 001, 17 of 002 (two are blank), 24 budget rows of 003."""
        jumlah = {s: sum(dalam_cakupan(r) for r in baca(s)) for s in ("001", "002", "003")}
        self.assertEqual(jumlah, {"001": 13, "002": 17, "003": 24})

    def test_consistent_count(self):
        """37 rows are consistent: 7 of 001, 7 of 002 and 23 of 003."""
        per_seed = {s: sum(b.seed == s for b in KONSISTEN) for s in ("001", "002", "003")}
        self.assertEqual(per_seed, {"001": 7, "002": 7, "003": 23})


class KonsistenTests(SimpleTestCase):
    def test_consistent_rows_match(self):
        """Where the seed follows its own formula, the product prints the same number."""
        for baris in KONSISTEN:
            nilai, tempat = tercetak(baris)
            with self.subTest(seed=baris.seed, sasaran=baris.sasaran_no, indikator=baris.awal):
                self.assertEqual(bulatkan(hitung(baris), tempat), nilai)

    def test_003_rounding_is_half_up_not_truncation(self):
        """Seed 003 RAN.001 prints 86,40 for 86,3989…: the product rounds the same way."""
        baris = Baris("003", "A.2", "RAN.001", PENYERAPAN)
        self.assertEqual(tulis_persen(hitung(baris)), "86,40 %")
        self.assertEqual(tercetak(baris), (D("86.40"), 2))

    def test_003_decimal_point_read_as_decimal(self):
        """Seed 003 prints "94.44%" with a decimal point; it is read as 94,44, and matches."""
        baris = Baris("003", "A.4", "QGE. Evaluasi dan Pelaporan", PENYERAPAN)
        self.assertEqual(baris.row["capaian_raw_reported"], "94.44%")
        self.assertEqual(produk_2(baris), D("94.44"))

    def test_003_overall_measurement_100(self):
        """Seed 003 L789's overall 100,00 % is the mean of its nine 100 %/100 % rows."""
        rows = [r for r in baca("003") if r["table"] == "PENGUKURAN_KINERJA_L774"]
        nilai = [
            capaian.hitung_capaian_angka(
                baca_angka(r["realisasi_raw"], "%"),
                baca_angka(r["target_raw"], "%"),
            ).nilai
            for r in rows
        ]
        self.assertEqual(len(nilai), 9)
        self.assertEqual(tulis_persen(capaian.rerata_capaian(nilai)), "100,00 %")


class InkonsistenTests(SimpleTestCase):
    def assertBerbeda(self, baris, harapan_produk, rumus=RumusNegatif.SELISIH):
        """The product shows `harapan_produk` and that differs from the printed number."""
        nilai, tempat = tercetak(baris)
        self.assertEqual(produk_2(baris, rumus), D(harapan_produk))
        self.assertNotEqual(bulatkan(hitung(baris, rumus), tempat), nilai)

    def test_001_s5_printed_target_as_capaian(self):
        """Kota Serang S5: target 95, realisasi 100, printed 95 (= target); product 105,26."""
        (baris,) = INKONSISTEN["001_s5"]
        self.assertEqual(tercetak(baris)[0], D(95))
        self.assertBerbeda(baris, "105.26")

    def test_001_s6_below_target_printed_100(self):
        """Kota Serang S6: target 95, realisasi 90, printed 100; product 94,74, below target."""
        (baris,) = INKONSISTEN["001_s6"]
        self.assertEqual(tercetak(baris)[0], D(100))
        self.assertBerbeda(baris, "94.74")
        self.assertEqual(capaian.hitung_status([hitung(baris)]).di_bawah, 1)

    def test_001_s7_target_met_printed_95(self):
        """Kota Serang S7: target 95, realisasi 95, printed 95; product 100,00 (target met)."""
        (baris,) = INKONSISTEN["001_s7"]
        self.assertEqual(tercetak(baris)[0], D(95))
        self.assertBerbeda(baris, "100.00")

    def test_001_s11_printed_90(self):
        """Kota Serang S11: target 98, realisasi 100, printed 90 (neither); product 102,04."""
        (baris,) = INKONSISTEN["001_s11"]
        self.assertEqual(tercetak(baris)[0], D(90))
        self.assertBerbeda(baris, "102.04")

    def test_001_s4_target_differs_from_pk(self):
        """Kota Serang S4: against the PK target 95 (not BAB III's 100) the product gives 105,26."""
        # BAB III prints target 100, so the row as printed matches (it is in KONSISTEN); the
        # signed PK (Tabel 2.1/2.2) says 95, and against that the printed 100 is wrong.
        (baris,) = [b for b in KONSISTEN if b.seed == "001" and b.sasaran_no == "4"]
        pk = re.search(r"PK Tabel 2\.2 target=(\d+)", baris.row["notes"])
        target_pk = baca_angka(pk.group(1))
        self.assertEqual(target_pk, D(95))
        realisasi = baca_angka(baris.row["realisasi_raw"], "%")
        hasil = capaian.hitung_capaian_angka(realisasi, target_pk)
        self.assertEqual(bulatkan(hasil.nilai), D("105.26"))
        self.assertNotEqual(bulatkan(hasil.nilai, 0), tercetak(baris)[0])

    def test_capped_at_100_without_policy(self):
        """Above-target rows printed as 100 (a silent cap): the product keeps 102,04 … 166,67."""
        # 001 S3 100/98, S12 100/95, 002 Tabel 10 diklat 5/3 orang, Tabel 16 transport 12/10
        # unit. The product never caps one capaian (rule 9 caps only the means, by the satker's
        # policy), and 001 S5 and S11 show the seed does not cap consistently either.
        harapan = ["102.04", "105.26", "166.67", "120.00"]
        for baris, nilai_produk in zip(INKONSISTEN["cap_100"], harapan, strict=True):
            with self.subTest(seed=baris.seed, sasaran=baris.sasaran_no):
                self.assertBerbeda(baris, nilai_produk)
                # The printed number is exactly the capped one.
                self.assertEqual(capaian.rerata_capaian([hitung(baris)], SERATUS), SERATUS)
                self.assertEqual(tercetak(baris)[0], SERATUS)

    def test_002_grade_b_against_b_printed_90(self):
        """Kota Metro Tabel 4: Cyrillic "В" against "В", printed 90; same grade is 100,00."""
        # 90 is the Target (%) column copied into Capaian; on the AKIP scale B against B is 4/4.
        for baris in INKONSISTEN["002_predikat"]:
            with self.subTest(indikator=baris.awal):
                self.assertTrue(mengandung_huruf_asing(baris.row["target_raw"]))
                self.assertEqual(tercetak(baris)[0], D(90))
                self.assertBerbeda(baris, "100.00")

    def test_002_revisi_unit_mismatch(self):
        """Kota Metro revisi: "4 laporan" against "4 triwulan" is refused; as counts, 100,00."""
        # Printed 95. The realisasi is in another unit (rule 7). The PK names the indicator
        # "Jumlah revisi…" (lower is better); 4 against 4 scores 100 by either formula.
        (baris,) = INKONSISTEN["002_revisi"]
        self.assertEqual(baca_angka(baris.row["target_raw"], "triwulan"), D(4))
        with self.assertRaises(SatuanTidakSesuai):
            hitung(baris)
        negatif = Cara(satuan=None, polaritas=Polaritas.NEGATIF)
        sebagai_angka = Baris(baris.seed, baris.sasaran_no, baris.awal, negatif)
        for rumus in RumusNegatif:
            with self.subTest(rumus=rumus):
                self.assertBerbeda(sebagai_angka, "100.00", rumus)

    def test_002_sarana_it_printer_counted(self):
        """Kota Metro sarana IT: 4 units "dan 1 unit sarana printer", printed 95: 125 or 100."""
        # The product refuses the combined text; counted as 5 units it scores 125,00, without
        # the printer 100,00: neither is the printed 95.
        (baris,) = INKONSISTEN["002_sarana_it"]
        with self.assertRaises(SatuanTidakSesuai):
            hitung(baris)
        target = baca_angka(baris.row["target_raw"], "unit sarana IT")
        realisasi = baca_angka(baris.row["realisasi_value"])
        self.assertEqual((target, realisasi), (D(4), D(5)))
        dicetak = tercetak(baris)[0]
        for jumlah_unit, harapan in ((realisasi, "125.00"), (D(4), "100.00")):
            with self.subTest(realisasi=jumlah_unit):
                nilai = capaian.hitung_capaian_angka(jumlah_unit, target).nilai
                self.assertEqual(bulatkan(nilai), D(harapan))
                self.assertNotEqual(bulatkan(nilai, 0), dicetak)

    def test_002_target_met_printed_95(self):
        """Kota Metro monev 4/4, SAK 12/12 bln, BMN 2/2: target met, printed 95; product 100,00."""
        for baris in INKONSISTEN["002_sama_dengan_target_95"]:
            with self.subTest(indikator=baris.awal):
                self.assertEqual(tercetak(baris)[0], D(95))
                self.assertBerbeda(baris, "100.00")

    def test_002_sengketa_lower_is_better_printed_80(self):
        """Kota Metro "Penurunan jumlah sengketa" 1 vs 1, printed 80; lower-is-better: 100,00."""
        # 80 is the Target (%) column; at the target both lower-is-better formulas give 100.
        (baris,) = INKONSISTEN["002_sengketa"]
        for rumus in RumusNegatif:
            with self.subTest(rumus=rumus):
                self.assertEqual(tercetak(baris)[0], D(80))
                self.assertBerbeda(baris, "100.00", rumus)

    def test_003_honorarium_realisasi_missing_zeros(self):
        """Rejang Lebong Honorarium: 13.322.950 of 13.322.950.000, printed 100 %: 0,10 %."""
        # Three zeros were lost from the realisasi (the kegiatan total implies 13.322.950.000).
        (baris,) = INKONSISTEN["003_honorarium"]
        self.assertEqual(baca_angka(baris.row["realisasi_raw"]), D(13322950))
        self.assertBerbeda(baris, "0.10")


class EntriTests(SimpleTestCase):
    def test_002_composite_cells_refused_at_entry(self):
        """Rule 7: Kota Metro's two-part cells ("12 Bulan/3 triwulan") are refused at entry."""
        # The consistent rows for these indicators use the parsed *_value columns instead.
        kasus = [
            ("Persentase Pelaksanaan Pemutakhiran", "bulan"),
            ("Persentase Gedung dan Gudang", "gedung"),
        ]
        for awal, satuan in kasus:
            (baris,) = [b for b in KONSISTEN if b.seed == "002" and b.awal == awal]
            for kolom in ("target_raw", "realisasi_raw"):
                with (
                    self.subTest(indikator=awal, kolom=kolom),
                    self.assertRaises(NilaiTidakValid),
                ):
                    baca_angka(baris.row[kolom], satuan)

    def test_003_tercapai_without_realisasi(self):
        """Rejang Lebong's 9 "Tercapai" rows have no realisasi: no capaian, none achieved."""
        rows = [r for r in baca("003") if r["table"] == "EVALUASI_KINERJA_L997"]
        self.assertEqual({r["capaian_raw_reported"] for r in rows}, {"Tercapai"})
        hasil = []
        for r in rows:
            skala = {"predikat": AKIP, "opini": BPK}.get(r["unit"])
            hasil.append(
                capaian.hitung_capaian(
                    jenis=JenisNilai.PREDIKAT if skala else JenisNilai.ANGKA,
                    realisasi=r["realisasi_raw"],
                    target=r["target_raw"],
                    skala=skala,
                )
            )
        self.assertEqual(
            {(h.nilai, h.alasan) for h in hasil}, {(None, "Realisasi belum dilaporkan.")}
        )
        status = capaian.hitung_status(h.nilai for h in hasil)
        self.assertEqual((status.tercapai, status.tanpa_nilai), (0, 9))
