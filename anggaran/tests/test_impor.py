"""Budget workbooks (anggaran/impor.py): reading and checking, replacing a satker-year's budget,
the template round trip, and bad or hostile files."""

import io
import os
import zipfile
from decimal import Decimal
from unittest import mock

import openpyxl
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from anggaran import impor, services
from anggaran.models import KegiatanAnggaran, ProgramAnggaran, RoAnggaran
from anggaran.pohon import BarisRO
from kinerja import xlsx
from kinerja.tests.helpers import buat_pk, buat_satker
from satker.kunci import DataTerkunci
from satker.tests.helpers import kunci_uji

JUDUL = list(impor.KOLOM)
PROGRAM = ("076.01.CQ", "Program Penyelenggaraan Pemilu")
PERENCANAAN = ("6709", "Perencanaan Program dan Anggaran")
TEKNIS = ("6639", "Teknis Penyelenggaraan Pemilu")


def baris(kegiatan=PERENCANAAN, kro="QGE", ro="001", nama="Perencanaan dan Penganggaran",
          sumber="APBN", pagu=794992000, realisasi=787329286, nama_kro="Layanan Perencanaan",
          program=PROGRAM) -> list:  # fmt: skip
    """One data row in the template's column order."""
    return [*program, *kegiatan, kro, nama_kro, ro, nama, sumber, pagu, realisasi]


BAIK = [
    baris(),
    baris(ro="003", nama="Pelatihan Teknis", pagu=36235000, realisasi=34722000),
    baris(ro="003", nama="Pelatihan Teknis", sumber="Hibah", pagu=1000000, realisasi=None),
    baris(
        kegiatan=TEKNIS,
        kro="BDB",
        ro="001",
        nama="Desain Surat Suara",
        pagu=26030287000,
        realisasi=22119333071,
        nama_kro="",
    ),  # fmt: skip
]


def buku(data, judul=None, lembar="Anggaran", tambahan=None, rumus=True) -> bytes:
    """A workbook in memory: a header row then the data rows. Text starting with "=" is a
    formula unless `rumus` is false."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(JUDUL if judul is None else judul)
    for r in data:
        ws.append(r)
        for sel in ws[ws.max_row]:
            if not rumus and isinstance(sel.value, str):
                sel.data_type = "s"
    if tambahan:
        tambahan(wb)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def tanpa_id(rows: list[BarisRO]) -> list[tuple]:
    return [(*(getattr(b, f) for f in BarisRO.__dataclass_fields__ if f != "id"),) for b in rows]


class BacaTests(SimpleTestCase):
    """Reading never writes: no database here."""

    def galat_buku(self, berkas) -> str:
        hasil = impor.baca_xlsx(berkas)
        self.assertFalse(hasil.ok)
        self.assertEqual(len(hasil.galat), 1, hasil.galat)
        galat = hasil.galat[0]
        self.assertEqual((galat.baris, galat.kolom), (0, ""))
        self.assertEqual(hasil.baris, [])
        return galat.pesan

    def test_good_workbook_read(self):
        hasil = impor.baca_xlsx(io.BytesIO(buku(BAIK)))
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(hasil.dibaca, 4)
        self.assertEqual(hasil.nomor_baris, [2, 3, 4, 5])
        self.assertEqual(
            hasil.baris[2],
            BarisRO(program="076.01.CQ", kegiatan="6709", kro="QGE", ro="003",
                    nama="Pelatihan Teknis", pagu=Decimal(1000000), realisasi=None,
                    sumber_dana="hibah", nama_program=PROGRAM[1], nama_kegiatan=PERENCANAAN[1],
                    nama_kro="Layanan Perencanaan"),
        )  # fmt: skip

    def test_bytes_accepted_and_blank_rows_skipped(self):
        hasil = impor.baca_xlsx(buku([BAIK[0], [None] * 11, ["  ", "", None], BAIK[1]]))
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual((hasil.dibaca, hasil.nomor_baris), (2, [2, 5]))

    def test_headers_case_spaces_order_free_and_extra_columns_ignored(self):
        urutan = [10, 0, 7, 2, 4, 6, 1, 3, 9]  # no Nama KRO, no Sumber Dana
        judul = ["  realisasi ", "KODE PROGRAM", "nama ro", "kode  kegiatan", "Kode kro",
                 "kode ro", "Nama Program", "NAMA KEGIATAN", " pagu"]  # fmt: skip
        data = [[r[i] for i in urutan] + ["catatan"] for r in BAIK[:2]]
        hasil = impor.baca_xlsx(buku(data, judul=[*judul, "Keterangan"]))
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual([b.ro for b in hasil.baris], ["001", "003"])
        self.assertEqual(hasil.baris[0].sumber_dana, "apbn")
        self.assertEqual(hasil.baris[0].nama_kro, "")
        self.assertEqual(hasil.baris[1].realisasi, Decimal(34722000))

    def test_amounts_in_indonesian_text_and_numeric_codes(self):
        data = [
            baris(pagu="Rp 2.647.529.000", realisasi="1.250.000,50"),
            baris(
                ro=3,
                kegiatan=(6709.0, PERENCANAAN[1]),
                pagu="Rp2.647.529.000,-",
                realisasi=" 66,23 ",
            ),  # fmt: skip
            baris(ro="004", pagu=1234.5, realisasi="0"),
        ]
        hasil = impor.baca_xlsx(buku(data))
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(
            [(b.kegiatan, b.ro, b.pagu, b.realisasi) for b in hasil.baris],
            [
                ("6709", "001", Decimal(2647529000), Decimal("1250000.50")),
                ("6709", "003", Decimal(2647529000), Decimal("66.23")),
                ("6709", "004", Decimal("1234.5"), Decimal(0)),
            ],
        )

    def assert_galat(self, data, baris_ke, kolom, potongan, **kwargs):
        hasil = impor.baca_xlsx(buku(data, **kwargs))
        self.assertFalse(hasil.ok)
        cocok = [g for g in hasil.galat if (g.baris, g.kolom) == (baris_ke, kolom)]
        self.assertTrue(cocok, hasil.galat)
        self.assertIn(potongan, cocok[0].pesan)
        return hasil

    def test_row_errors_name_their_row_and_column(self):
        kasus = [
            (baris(ro="1A"), impor.K_RO, "contoh: 001"),
            (baris(kro="QG"), impor.K_KRO, "contoh: QGE"),
            (baris(kegiatan=("CQ.6709", "x")), impor.K_KEGIATAN, "contoh: 6639"),
            (baris(program=("CQ", "x")), impor.K_PROGRAM, "contoh: 076.01.CQ"),
            (baris(program=("", "x")), impor.K_PROGRAM, "wajib diisi"),
            (baris(kegiatan=(None, "x")), impor.K_KEGIATAN, "wajib diisi"),
            (baris(kro=" "), impor.K_KRO, "wajib diisi"),
            (baris(ro=None), impor.K_RO, "wajib diisi"),
            (baris(program=(PROGRAM[0], "")), impor.N_PROGRAM, "Nama Program wajib diisi"),
            (baris(kegiatan=("6709", None)), impor.N_KEGIATAN, "Nama Kegiatan wajib diisi"),
            (baris(nama=""), impor.N_RO, "Nama RO wajib diisi"),
            (baris(nama="x" * 301), impor.N_RO, "paling panjang 300"),
            (baris(pagu="sejuta"), impor.PAGU, "Pagu harus berupa angka"),
            (baris(pagu=None), impor.PAGU, "Pagu wajib diisi"),
            (baris(pagu=-5), impor.PAGU, "tidak boleh negatif"),
            (baris(pagu="-5.000"), impor.PAGU, "tidak boleh negatif"),
            (baris(pagu="1,005"), impor.PAGU, "dua angka di belakang koma"),
            (baris(pagu=True), impor.PAGU, "harus berupa angka"),
            (baris(realisasi="belum"), impor.REALISASI, "Realisasi harus berupa angka"),
            (baris(sumber="Swasta"), impor.SUMBER, "APBN atau Hibah"),
        ]
        for data, kolom, potongan in kasus:
            with self.subTest(kolom=kolom, potongan=potongan):
                hasil = self.assert_galat([BAIK[0], data], 3, kolom, potongan)
                self.assertEqual(hasil.dibaca, 2)
                self.assertEqual(hasil.nomor_baris, [2])

    def test_duplicate_ro_names_the_first_row(self):
        data = [BAIK[0], BAIK[1], baris(nama="Lagi", ro=" 001", kro="qge")]
        hasil = self.assert_galat(data, 4, impor.K_RO, "sudah ada di baris 2")
        self.assertIn("QGE.001", hasil.galat[0].pesan)
        # The same RO from another source, or under another kegiatan, is a different row.
        hibah = baris(sumber="hibah")
        lain = baris(kegiatan=TEKNIS)
        self.assertTrue(impor.baca_xlsx(buku([BAIK[0], hibah, lain])).ok)

    def test_one_code_one_name(self):
        self.assert_galat(
            [BAIK[0], BAIK[1], baris(ro="004", program=(PROGRAM[0], "Lain"))],
            4, impor.N_PROGRAM, "sudah bernama “Program Penyelenggaraan Pemilu” di baris 2",
        )  # fmt: skip
        self.assert_galat(
            [BAIK[0], baris(ro="004", kegiatan=("6709", "Lain"))],
            3, impor.N_KEGIATAN, "di baris 2",
        )  # fmt: skip
        self.assert_galat([BAIK[0], baris(ro="004", nama_kro="Lain")], 3, impor.N_KRO, "di baris 2")

    def test_every_error_reported(self):
        data = [baris(ro="x"), BAIK[1], baris(pagu="abc", nama="")]
        hasil = impor.baca_xlsx(buku(data))
        self.assertEqual(
            [(g.baris, g.kolom) for g in hasil.galat],
            [(2, impor.K_RO), (4, impor.N_RO), (4, impor.PAGU)],
        )
        self.assertEqual(hasil.nomor_baris, [3])

    def test_formula_without_cached_value(self):
        # openpyxl writes formulas without a cached value, as a file never opened in Excel.
        data = [BAIK[0], baris(pagu="=1+1"), baris(ro="004", realisasi="=A1"),
                [None, None, None, None, None, None, None, "=B2", None, None, None]]  # fmt: skip
        hasil = impor.baca_xlsx(buku(data))
        pesan = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
        self.assertIn(impor.PESAN_RUMUS, pesan[(3, impor.PAGU)])
        self.assertIn(impor.PESAN_RUMUS, pesan[(4, impor.REALISASI)])
        self.assertIn(impor.PESAN_RUMUS, pesan[(5, impor.N_RO)])
        self.assertIn("buka berkas di Excel lalu simpan ulang", pesan[(3, impor.PAGU)])

    def test_formula_with_cached_value_accepted(self):
        """A workbook saved by Excel stores each formula's last result: that is what is read.
        A formula whose cached result is empty text (t="str") leaves its row blank."""
        data = [baris(pagu="=700000000+94992000"), [None] * 7 + ['=IF(1,"","")']]
        asli = zipfile.ZipFile(io.BytesIO(buku(data)))
        keluaran = io.BytesIO()
        with zipfile.ZipFile(keluaran, "w") as z:
            for info in asli.infolist():
                isi = asli.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    isi = isi.replace(b"94992000</f><v></v>", b"94992000</f><v>794992000</v>")
                    isi = isi.replace(b'<c r="H3">', b'<c r="H3" t="str">')
                z.writestr(info, isi)
        hasil = impor.baca_xlsx(keluaran.getvalue())
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual((hasil.dibaca, hasil.baris[0].pagu), (1, Decimal(794992000)))

    def test_missing_sheet_and_headers(self):
        pesan = self.galat_buku(buku(BAIK, lembar="Sheet1"))
        self.assertIn("Lembar “Anggaran” tidak ditemukan", pesan)
        self.assertIn("Sheet1", pesan)
        judul = [j for j in JUDUL if j not in (impor.PAGU, impor.K_KRO)]
        pesan = self.galat_buku(buku([], judul=judul))
        self.assertIn("“Kode KRO”", pesan)
        self.assertIn("“Pagu”", pesan)
        self.assertIn("Lembar “Anggaran” tidak berisi baris data", self.galat_buku(buku([])))

    def test_sheet_name_case_and_other_sheets(self):
        def lain(wb):
            wb.create_sheet("Catatan", 0).append(["bukan anggaran"])

        hasil = impor.baca_xlsx(buku(BAIK, lembar="anggaran ", tambahan=lain))
        self.assertTrue(hasil.ok, hasil.galat)

    def test_too_many_rows_refused(self):
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Anggaran")
        ws.append(JUDUL)
        for i in range(impor.BATAS_BARIS + 1):
            ws.append(baris(ro=f"{i % 1000:03d}", kro="QG" + "ABCDEF"[i // 1000]))
        keluaran = io.BytesIO()
        wb.save(keluaran)
        self.assertIn("lebih dari 5.000 baris", self.galat_buku(keluaran.getvalue()))

    def test_large_file_refused_before_opening(self):
        with mock.patch("kinerja.xlsx.openpyxl.load_workbook") as buka:
            pesan = self.galat_buku(b"PK\x03\x04" + b"0" * xlsx.BATAS_BYTE)
            self.assertIn("lebih besar dari 5 MB", pesan)

            class Unggahan(io.BytesIO):
                size = xlsx.BATAS_BYTE + 1

            self.assertIn("5 MB", self.galat_buku(Unggahan(buku(BAIK))))
            buka.assert_not_called()

    def test_bad_files_are_workbook_errors(self):
        docx = io.BytesIO()
        with zipfile.ZipFile(docx, "w") as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            z.writestr("word/document.xml", "<w:document/>")
        terpotong = buku(BAIK)[:2000]
        kasus = [
            (b"", "Berkas kosong"),
            (io.BytesIO(b""), "Berkas kosong"),
            (os.urandom(4096), "tidak dapat dibaca"),
            (b"Kode Program;Nama Program\n076.01.CQ;x\n", "tidak dapat dibaca"),
            (docx.getvalue(), "tidak dapat dibaca"),
            (terpotong, "tidak dapat dibaca"),
            (xlsx._CFB + os.urandom(1024), "dilindungi kata sandi"),
        ]
        for berkas, potongan in kasus:
            with self.subTest(potongan=potongan):
                self.assertIn(potongan, self.galat_buku(berkas))

    def test_corrupt_sheet_xml_is_a_workbook_error(self):
        asli = zipfile.ZipFile(io.BytesIO(buku(BAIK)))
        rusak = io.BytesIO()
        with zipfile.ZipFile(rusak, "w") as z:
            for info in asli.infolist():
                isi = asli.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    isi = isi[: len(isi) // 2]
                z.writestr(info, isi)
        self.assertIn("tidak dapat dibaca", self.galat_buku(rusak.getvalue()))


class ImporTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s["lampura"]
        cls.lain = s["metro"]
        buat_pk(cls.satker)

    def impor(self, berkas, tahun=2023):
        return impor.impor_xlsx(satker=self.satker, tahun=tahun, berkas=berkas)

    def snapshot(self):
        return tanpa_id(services.baris_satker(self.satker, 2023))

    def test_good_workbook_imports_every_row_and_sums(self):
        hasil = self.impor(io.BytesIO(buku(BAIK)))
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(RoAnggaran.objects.count(), 4)
        pohon = services.pohon_satker(self.satker, 2023)
        self.assertEqual(pohon.pagu, Decimal(794992000 + 36235000 + 1000000 + 26030287000))
        self.assertIsNone(pohon.realisasi)  # the hibah row has no realisasi yet
        perencanaan = pohon.cari("076.01.CQ", "6709")
        self.assertEqual(perencanaan.nama, PERENCANAAN[1])
        self.assertEqual(perencanaan.pagu, Decimal(794992000 + 36235000 + 1000000))
        teknis = pohon.cari("076.01.CQ", "6639")
        self.assertEqual(teknis.realisasi, Decimal(22119333071))
        self.assertEqual(pohon.cari("076.01.CQ").nama, PROGRAM[1])

    def test_round_trip_changes_nothing(self):
        data = [
            *BAIK,
            baris(ro="005", nama='=HYPERLINK("http://x")', nama_kro="", pagu="1.234,56"),
            baris(
                kegiatan=("6867", "-Kegiatan bertanda"),
                kro="QMA",
                nama="@nama",
                pagu=0,
                nama_kro="+Layanan",
                realisasi=0,
            ),  # fmt: skip
        ]
        self.assertTrue(self.impor(buku(data, rumus=False)).ok)
        sebelum = self.snapshot()
        ids = set(RoAnggaran.objects.values_list("pk", flat=True))
        berkas = impor.templat_xlsx(self.satker, 2023)
        hasil = self.impor(berkas)
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(self.snapshot(), sebelum)
        self.assertEqual(len(sebelum), 6)
        self.assertTrue(ids.isdisjoint(RoAnggaran.objects.values_list("pk", flat=True)))
        self.assertEqual(tanpa_id(impor.baca_xlsx(berkas).baris), sebelum)

    def test_template_format_and_formula_like_text(self):
        services.ro_simpan(
            satker=self.satker, tahun=2023,
            baris=BarisRO(program="076.01.CQ", kegiatan="6709", kro="QGE", ro="001",
                          nama="=SUM(A1:A9)", pagu=Decimal(1000), realisasi=None,
                          nama_program="+Program", nama_kegiatan="-Kegiatan", nama_kro="@KRO"),
        )  # fmt: skip
        berkas = impor.templat_xlsx(self.satker, 2023)
        wb = openpyxl.load_workbook(io.BytesIO(berkas))  # formulas kept as formulas
        self.assertEqual(wb.sheetnames, ["Anggaran", "Petunjuk"])
        ws = wb["Anggaran"]
        self.assertEqual([c.value for c in ws[1]], JUDUL)
        self.assertTrue(all(c.font.b for c in ws[1]))
        self.assertEqual(ws.freeze_panes, "A2")
        self.assertGreaterEqual(ws.column_dimensions["H"].width, 30)
        nilai = dict(zip(JUDUL, ws[2], strict=True))
        for kolom, teks in [(impor.N_RO, "=SUM(A1:A9)"), (impor.N_PROGRAM, "+Program"),
                            (impor.N_KEGIATAN, "-Kegiatan"), (impor.N_KRO, "@KRO")]:  # fmt: skip
            self.assertEqual((nilai[kolom].value, nilai[kolom].data_type), (teks, "s"))
            self.assertTrue(nilai[kolom].quotePrefix)
        pagu = nilai[impor.PAGU]
        self.assertEqual((pagu.value, pagu.number_format), (1000, "#,##0"))
        self.assertEqual(nilai[impor.REALISASI].number_format, "#,##0")
        self.assertIsNone(nilai[impor.REALISASI].value)
        self.assertEqual((nilai[impor.K_RO].value, nilai[impor.SUMBER].value), ("001", "APBN"))
        with zipfile.ZipFile(io.BytesIO(berkas)) as z:
            self.assertNotIn("<f>", z.read("xl/worksheets/sheet1.xml").decode())
        petunjuk = " ".join(str(c.value) for r in wb["Petunjuk"].iter_rows() for c in r)
        self.assertIn("076.01.CQ", petunjuk)
        self.assertIn("mengganti SELURUH anggaran", petunjuk)

    def test_empty_template_has_headers_only(self):
        wb = openpyxl.load_workbook(io.BytesIO(impor.templat_xlsx(self.satker, 2023)))
        self.assertEqual(wb["Anggaran"].max_row, 1)

    def test_reimport_replaces_the_budget(self):
        self.assertTrue(self.impor(buku(BAIK)).ok)
        satu = impor.baca_xlsx(buku(BAIK)).baris[0]
        services.ro_simpan(satker=self.lain, tahun=2023, baris=satu)
        services.ro_simpan(satker=self.satker, tahun=2024, baris=satu)
        hasil = self.impor(buku([baris(kegiatan=TEKNIS, kro="QMA", pagu=5)]))
        self.assertTrue(hasil.ok, hasil.galat)
        sekarang = services.baris_satker(self.satker, 2023)
        self.assertEqual([(b.kegiatan, b.kro, b.pagu) for b in sekarang], [("6639", "QMA", 5)])
        kegiatan = KegiatanAnggaran.objects.filter(program__tahun=2023, program__satker=self.satker)
        self.assertEqual(kegiatan.count(), 1)
        # Other satkers and other years are untouched.
        self.assertEqual(len(services.baris_satker(self.lain, 2023)), 1)
        self.assertEqual(len(services.baris_satker(self.satker, 2024)), 1)

    def test_errors_write_nothing_and_keep_the_old_budget(self):
        self.assertTrue(self.impor(buku(BAIK)).ok)
        sebelum = self.snapshot()
        jumlah = RoAnggaran.objects.count()
        salah = [
            buku([baris(kro="QGE"), baris(ro="004", pagu="abc")]),
            buku([BAIK[0], BAIK[0]]),
            buku([baris(program=("", PROGRAM[1]))]),
            buku([baris(pagu="=1+2")]),
            buku([baris(ro="009")], lembar="Data"),
            buku([baris(kegiatan=TEKNIS)], judul=JUDUL[:-2]),
            b"bukan excel",
            b"",
        ]
        for berkas in salah:
            with self.subTest(berkas=berkas[:20]):
                hasil = self.impor(io.BytesIO(berkas))
                self.assertFalse(hasil.ok)
                self.assertTrue(all(g.pesan for g in hasil.galat))
                self.assertEqual(RoAnggaran.objects.count(), jumlah)
                self.assertEqual(self.snapshot(), sebelum)

    def test_errors_on_empty_budget_write_nothing(self):
        hasil = self.impor(buku([BAIK[0], baris(ro="003", kro="Q1E")]))
        self.assertEqual([(g.baris, g.kolom) for g in hasil.galat], [(3, impor.K_KRO)])
        self.assertEqual(RoAnggaran.objects.count(), 0)
        self.assertFalse(ProgramAnggaran.objects.exists())

    def test_refused_while_saving_rolls_back_everything(self):
        self.assertTrue(self.impor(buku(BAIK)).ok)
        sebelum = self.snapshot()
        asli = services.ro_simpan
        panggilan = []

        def ro_simpan(**kwargs):
            panggilan.append(kwargs["baris"])
            if len(panggilan) == 2:
                raise ValidationError("Ditolak basis data.")
            return asli(**kwargs)

        with mock.patch("anggaran.impor.services.ro_simpan", ro_simpan):
            hasil = self.impor(buku([[None] * 11, BAIK[0], BAIK[1], BAIK[3]]))
        self.assertEqual(hasil.galat, [impor.GalatBaris(4, "", "Ditolak basis data.")])
        self.assertEqual(self.snapshot(), sebelum)

    def test_locked_report_refuses_and_writes_nothing(self):
        self.assertTrue(self.impor(buku(BAIK[:1])).ok)
        sebelum = self.snapshot()
        pesan = kunci_uji(self.satker, 2023)
        with self.assertRaisesMessage(DataTerkunci, pesan):
            self.impor(buku(BAIK))
        self.assertEqual(self.snapshot(), sebelum)
        # Another year is not locked by this report.
        self.assertTrue(self.impor(buku(BAIK), tahun=2024).ok)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data):
    hasil = impor.baca_xlsx(data)
    assert not hasil.ok
    assert hasil.galat[0].baris == 0


_CONTOH = buku(BAIK)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(_CONTOH) - 1), st.binary(min_size=1, max_size=64))
def test_damaged_workbook_never_raises(posisi, sisipan):
    hasil = impor.baca_xlsx(_CONTOH[:posisi] + sisipan + _CONTOH[posisi + len(sisipan) :])
    assert isinstance(hasil, impor.HasilImpor)
    assert hasil.ok or hasil.galat
