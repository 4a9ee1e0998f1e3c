"""The history workbook (kinerja/impor_riwayat/) and its pages: the template, the preview of
new / changed / unchanged rows, every error with its row and column, the all-or-nothing import,
permissions and the lock by a later report."""

import io
import re
import tempfile
from decimal import Decimal

import openpyxl
from django.test import TestCase, override_settings
from django.urls import reverse

from kinerja import impor_riwayat
from kinerja.impor_riwayat import BARU, BERUBAH, KOLOM, TETAP
from kinerja.models import Indikator, RiwayatCapaian
from kinerja.services_riwayat import riwayat_simpan
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran
from satker.tests.helpers import kunci_uji

_TMP = tempfile.mkdtemp(prefix="impor-riwayat-")


def buku(baris, judul=KOLOM, lembar="Riwayat") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(list(judul))
    for r in baris:
        ws.append([r.get(j) for j in judul])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris_templat(data: bytes) -> list[dict]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Riwayat"]
    judul = [c.value for c in ws[1]]
    return [dict(zip(judul, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def ubah_templat(data: bytes, ubah) -> bytes:
    """The template with `ubah(row dict)` applied to every row, written back."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Riwayat"]
    judul = [c.value for c in ws[1]]
    for sel in ws.iter_rows(min_row=2):
        baris = {j: s.value for j, s in zip(judul, sel, strict=True)}
        ubah(baris)
        for j, s in zip(judul, sel, strict=True):
            s.value = baris[j]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class ImporRiwayatMixin:
    @classmethod
    def setUpTestData(cls):
        s = cls.s = buat_satker()
        cls.satker = s["lampura"]
        cls.pk, items = buat_pk(cls.satker, tahun=2023)
        cls.renstra = cls.pk.renstra
        cls.persen = items["persen"].indikator  # 1.1
        cls.revisi = items["revisi"].indikator  # 1.2
        cls.akip = items["akip"].indikator  # 1.3
        cls.ya = Indikator.objects.create(
            sasaran=cls.persen.sasaran,
            kode="1.4",
            nama="Tersedianya SOP",
            satuan="dokumen",
            jenis_nilai="ya_tidak",
        )
        cls.r_akip = riwayat_simpan(
            indikator=cls.akip, tahun=2022, target="B", realisasi="BB", sumber="LKj 2022"
        )
        cls.r_revisi = riwayat_simpan(
            indikator=cls.revisi, tahun=2020, target="10", realisasi="12",
            sumber="LKj 2020,\n  Tabel 3",
        )  # fmt: skip
        cls.r_persen = riwayat_simpan(
            indikator=cls.persen, tahun=2021, target="90", realisasi="95,25"
        )
        cls.r_ya = riwayat_simpan(indikator=cls.ya, tahun=2019, target="ya", realisasi="tidak")

    def rencana(self, data):
        return impor_riwayat.rencanakan(data, satker=self.satker, renstra=self.renstra)

    def impor(self, data, **kw):
        return impor_riwayat.impor_riwayat(data, satker=self.satker, renstra=self.renstra, **kw)

    def jejak(self):
        return list(RiwayatCapaian.objects.order_by("id").values())


class TemplatTests(ImporRiwayatMixin, TestCase):
    def test_template_has_pk_indicators_and_earlier_years_without_pk(self):
        """Each indicator of the page with the Renstra years before the current one that have
        no PK of it (2023 has one), plus every stored row, with the headers and instructions."""
        data = impor_riwayat.templat_xlsx(self.satker, self.renstra)
        wb = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual(wb.sheetnames, ["Riwayat", "Petunjuk"])
        self.assertEqual([c.value for c in wb["Riwayat"][1]], list(KOLOM))
        baris = baris_templat(data)
        per_kode = {}
        for b in baris:
            per_kode.setdefault(b["Kode Indikator"], []).append(b["Tahun"])
        self.assertEqual(per_kode["1.1"], [2020, 2021, 2022, 2024])
        self.assertEqual(per_kode["1.2"], [2020, 2021, 2022, 2024])
        self.assertEqual(per_kode["1.3"], [2020, 2021, 2022, 2024])
        # Not in a PK but with a stored row: listed like on the page, every year open.
        self.assertEqual(per_kode["1.4"], [2019, 2020, 2021, 2022, 2023, 2024])
        akip = next(b for b in baris if b["Kode Indikator"] == "1.3" and b["Tahun"] == 2022)
        self.assertEqual(
            (akip["Target"], akip["Realisasi"], akip["Sumber"]), ("B", "BB", "LKj 2022")
        )

    def test_numbers_are_number_cells_and_grades_have_a_list(self):
        """A stored number is a number cell; graded cells offer the scale's grades."""
        data = impor_riwayat.templat_xlsx(self.satker, self.renstra)
        ws = openpyxl.load_workbook(io.BytesIO(data))["Riwayat"]
        sel = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "1.1" and r[3].value == 2021)
        self.assertEqual(sel[5].value, 95.25)
        self.assertEqual(sel[5].data_type, "n")
        daftar = [v.formula1 for v in ws.data_validations.dataValidation]
        self.assertIn('"D,C,CC,B,BB,A,AA"', daftar)

    def test_template_imports_back_unchanged(self):
        """The downloaded template, imported as it is, changes nothing."""
        sebelum = self.jejak()
        hasil = self.impor(impor_riwayat.templat_xlsx(self.satker, self.renstra))
        self.assertTrue(hasil.diterapkan, hasil.galat)
        self.assertEqual({b.status for b in hasil.baris}, {TETAP})
        self.assertEqual(len(hasil.baris), 4)
        self.assertEqual(self.jejak(), sebelum)


class RencanaTests(ImporRiwayatMixin, TestCase):
    def test_new_changed_and_unchanged_rows_with_the_capaian_after(self):
        """A new year, a corrected value and an unchanged row, each with its capaian."""
        hasil = self.rencana(
            buku(
                [
                    {"Kode Indikator": "1.1", "Tahun": 2022, "Target": 90, "Realisasi": "85,5"},
                    {"Kode Indikator": "1.3", "Tahun": 2022, "Realisasi": "A"},
                    {"Kode Indikator": "1.1", "Tahun": 2021, "Target": "90"},
                ]
            )
        )
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual([b.status for b in hasil.baris], [BARU, BERUBAH, TETAP])
        self.assertEqual(hasil.baris[0].capaian, "95,00 % (Realisasi ÷ target × 100)")
        ubah = hasil.baris[1].perubahan[0]
        self.assertEqual((ubah.kolom, ubah.lama, ubah.baru), ("Realisasi", "BB", "A"))
        self.assertTrue(hasil.baris[1].capaian.startswith("150,00 %"))
        self.assertEqual(RiwayatCapaian.objects.count(), 4)

    def test_empty_cells_change_nothing(self):
        """An empty realisasi keeps the stored one; an empty row of the template is skipped."""
        hasil = self.impor(
            buku(
                [
                    {"Kode Indikator": "1.3", "Tahun": 2022, "Target": "BB"},
                    {"Kode Indikator": "1.3", "Tahun": 2021},
                ]
            )
        )
        self.assertTrue(hasil.diterapkan, hasil.galat)
        self.r_akip.refresh_from_db()
        self.assertEqual(
            (self.r_akip.target_predikat, self.r_akip.realisasi_predikat), ("BB", "BB")
        )
        self.assertEqual(self.r_akip.sumber, "LKj 2022")
        self.assertIn("1 baris tanpa target", hasil.catatan[0])

    def test_found_by_name_when_the_code_is_empty(self):
        """Without a code the indicator is found by its name."""
        hasil = self.rencana(
            buku([{"Indikator": " nilai AKUNTABILITAS  kinerja", "Tahun": 2021, "Realisasi": "B"}])
        )
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(hasil.baris[0].indikator, "1.3 Nilai akuntabilitas kinerja")

    def test_every_error_with_its_row_and_column(self):
        """Bad values, codes, years, units and duplicates: all listed, each on its cell."""
        hasil = self.rencana(
            buku(
                [
                    {"Kode Indikator": "1.3", "Tahun": 2021, "Realisasi": "WTP"},
                    {"Kode Indikator": "9.9", "Tahun": 2021, "Realisasi": "1"},
                    {"Kode Indikator": "1.1", "Tahun": "2021-an", "Realisasi": "1"},
                    {"Kode Indikator": "1.1", "Tahun": 2023, "Realisasi": "80"},
                    {"Kode Indikator": "1.1", "Tahun": 2025, "Realisasi": "80"},
                    {"Kode Indikator": "1.1", "Satuan": "laporan", "Tahun": 2020, "Target": 2},
                    {"Kode Indikator": "1.1", "Tahun": 2020, "Realisasi": "120"},
                    {"Kode Indikator": "1.2", "Tahun": 2020, "Target": "10"},
                    {"Kode Indikator": "1.2", "Tahun": 2020, "Target": "11"},
                    {"Kode Indikator": "1.2", "Tahun": 2021, "Sumber": "LKj 2021"},
                ]
            )
        )
        galat = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
        self.assertIn("tidak ada dalam skala", galat[(2, "Realisasi")])
        self.assertIn("tidak ada dalam", galat[(3, "Kode Indikator")])
        self.assertIn("tahun empat angka", galat[(4, "Tahun")])
        self.assertIn("dihitung dari PK", galat[(5, "Tahun")])
        self.assertIn("sesudah periode", galat[(6, "Tahun")])
        self.assertIn("tidak sesuai dengan satuan", galat[(7, "Satuan")])
        self.assertIn("tidak boleh lebih dari 100", galat[(8, "Realisasi")])
        self.assertIn("sudah ada di baris 9", galat[(10, "Tahun")])
        self.assertIn("memerlukan target, realisasi", galat[(11, "Target")])
        self.assertEqual(len(hasil.galat), 9)
        self.assertFalse(hasil.ok)

    def test_file_level_problems_are_reported(self):
        """A file that is no workbook, or lacks the sheet or a required column, is refused."""
        for data, pesan in (
            (b"bukan excel", "tidak dapat dibaca sebagai workbook"),
            (buku([], lembar="PK"), "Lembar “Riwayat” tidak ditemukan"),
            (buku([{"Tahun": 2021}], judul=("Tahun", "Target", "Realisasi")), "Kode Indikator"),
            (buku([{"Kode Indikator": "1.1"}], judul=("Kode Indikator", "Tahun")), "Target"),
        ):
            with self.subTest(pesan=pesan):
                hasil = self.rencana(data)
                self.assertIn(pesan, hasil.galat[0].pesan)
                self.assertEqual(hasil.galat[0].baris, 0)


class TerapkanTests(ImporRiwayatMixin, TestCase):
    def test_applied_rows_are_saved_through_the_service(self):
        """New and changed rows are written with the user; capaian stays computed."""
        user = buat_user("op.lampura", self.satker, Peran.OPERATOR)
        hasil = self.impor(
            buku(
                [
                    {"Kode Indikator": "1.1", "Tahun": 2022, "Target": 90, "Realisasi": 85.5},
                    {"Kode Indikator": "1.4", "Tahun": 2019, "Realisasi": "ya", "Sumber": "SK"},
                ]
            ),
            user=user,
        )
        self.assertTrue(hasil.diterapkan, hasil.galat)
        baru = RiwayatCapaian.objects.get(indikator=self.persen, tahun=2022)
        self.assertEqual(
            (baru.target, baru.realisasi, baru.diubah_oleh), (90, Decimal("85.5"), user)
        )
        self.r_ya.refresh_from_db()
        self.assertEqual((self.r_ya.realisasi, self.r_ya.sumber), (1, "SK"))
        self.assertEqual(self.r_ya.hitung_capaian().nilai, 100)

    def test_one_bad_row_writes_nothing(self):
        """All or nothing: one error and no row is written."""
        sebelum = self.jejak()
        hasil = self.impor(
            buku(
                [
                    {"Kode Indikator": "1.1", "Tahun": 2022, "Target": 90, "Realisasi": 85},
                    {"Kode Indikator": "1.3", "Tahun": 2021, "Realisasi": "Sangat baik"},
                ]
            )
        )
        self.assertFalse(hasil.diterapkan)
        self.assertEqual(self.jejak(), sebelum)

    def test_changed_plan_since_preview_writes_nothing(self):
        """When the data changed after the preview, the new plan is shown, nothing written."""
        data = buku([{"Kode Indikator": "1.3", "Tahun": 2022, "Realisasi": "A"}])
        sidik = self.rencana(data).sidik
        riwayat_simpan(
            indikator=self.akip, tahun=2022, target="B", realisasi="AA", riwayat=self.r_akip
        )
        hasil = self.impor(data, sidik=sidik)
        self.assertFalse(hasil.diterapkan)
        self.assertTrue(hasil.ok)
        self.r_akip.refresh_from_db()
        self.assertEqual(self.r_akip.realisasi_predikat, "AA")

    def test_locked_later_year_refuses_changed_rows(self):
        """While the 2023 data is locked (its report approved), changes to 2022 are refused with
        the lock's message; unchanged rows still read as unchanged."""
        pesan = kunci_uji(self.satker, 2023)
        hasil = self.impor(
            buku(
                [
                    {"Kode Indikator": "1.3", "Tahun": 2022, "Realisasi": "A"},
                    {"Kode Indikator": "1.3", "Tahun": 2022, "Target": "B"},
                ]
            )
        )
        self.assertFalse(hasil.diterapkan)
        self.assertEqual([(g.baris, g.pesan) for g in hasil.galat][0], (2, pesan))
        self.assertTrue(self.impor(impor_riwayat.templat_xlsx(self.satker, self.renstra)).ok)


@override_settings(IMPOR_DIR=_TMP)
class ImporRiwayatViewTests(ImporRiwayatMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = buat_user("op.lampura", cls.satker, Peran.OPERATOR)
        cls.pimpinan = buat_user("pim.lampura", cls.satker, Peran.PIMPINAN)
        cls.lain = buat_user("op.metro", cls.s["metro"], Peran.OPERATOR)
        cls.url = reverse("riwayat_impor", args=["18.03", cls.renstra.id])
        cls.url_templat = reverse("riwayat_templat", args=["18.03", cls.renstra.id])

    def unggah(self, data, nama="riwayat.xlsx"):
        berkas = io.BytesIO(data)
        berkas.name = nama
        return self.client.post(self.url, {"berkas": berkas})

    def test_upload_preview_then_apply(self):
        """The preview lists the change and writes nothing; applying writes it."""
        self.client.force_login(self.operator)
        data = ubah_templat(
            self.client.get(self.url_templat).content,
            lambda b: (
                b.update(Realisasi="A")
                if (b["Kode Indikator"], b["Tahun"]) == ("1.3", 2022)
                else None
            ),
        )
        respon = self.unggah(data)
        self.assertContains(respon, "1 berubah")
        self.assertContains(respon, "150,00 %")
        html = respon.content.decode()
        token = re.search(r'name="token" value="(\w+)"', html).group(1)
        sidik = re.search(r'name="sidik" value="(\w+)"', html).group(1)
        self.r_akip.refresh_from_db()
        self.assertEqual(self.r_akip.realisasi_predikat, "BB")
        url_terapkan = reverse("riwayat_impor_terapkan", args=["18.03", self.renstra.id])
        respon = self.client.post(url_terapkan, {"token": token, "sidik": sidik})
        self.assertRedirects(respon, reverse("riwayat_renstra", args=["18.03", self.renstra.id]))
        self.r_akip.refresh_from_db()
        self.assertEqual(
            (self.r_akip.realisasi_predikat, self.r_akip.diubah_oleh), ("A", self.operator)
        )

    def test_errors_listed_with_row_and_column(self):
        """A bad cell is listed with its row and column, and no apply button is offered."""
        self.client.force_login(self.operator)
        respon = self.unggah(buku([{"Kode Indikator": "1.3", "Tahun": 2021, "Target": "Z"}]))
        self.assertContains(respon, "<td>2</td><td>Target</td>", status_code=400)
        self.assertNotContains(respon, 'name="token"', status_code=400)

    def test_not_an_xlsx_named_upload(self):
        """The upload form refuses another kind of file before reading it."""
        self.client.force_login(self.operator)
        respon = self.unggah(b"a,b\n", "riwayat.csv")
        self.assertContains(respon, "Unggah berkas Excel .xlsx", status_code=400)

    def test_read_only_and_outsiders(self):
        """Pimpinan may download the template but not import (403); another satker gets 404."""
        self.client.force_login(self.pimpinan)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        templat = self.client.get(self.url_templat)
        self.assertEqual(templat.status_code, 200)
        self.assertIn("Riwayat-18.03-2020-2024.xlsx", templat["Content-Disposition"])
        self.client.force_login(self.lain)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.url_templat).status_code, 404)
