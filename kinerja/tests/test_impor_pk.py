"""The PK workbook (kinerja/impor_pk/): template, preview of changes, all-or-nothing import,
and a clear message for every kind of bad file."""

import io
import os
import re
import zipfile
from decimal import Decimal
from unittest import mock

import openpyxl
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.test import SimpleTestCase, TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import django as hypothesis_django

from kinerja import impor_pk, xlsx
from kinerja.impor_pk import KOLOM, KOLOM_WAJIB
from kinerja.models import Indikator, ItemPK, PerjanjianKinerja, Realisasi, TargetTriwulan
from kinerja.pengukuran import tabel_pengukuran
from kinerja.tests.helpers import buat_pk, buat_satker, buat_skala_kategori
from satker.tests.helpers import kunci_uji

JUDUL_DASAR = ["Kode Satker", "Tahun", "Jenis PK", "No Sasaran", "Sasaran", "Indikator", "Satuan",
               "Target"]  # fmt: skip


def buku(baris, judul=None, lembar="PK") -> bytes:
    """A workbook with one sheet of `judul` headers and `baris` rows (dicts by header)."""
    judul = judul or list(KOLOM)
    b = openpyxl.Workbook()
    ws = b.active
    ws.title = lembar
    ws.append(judul)
    for r in baris:
        ws.append([r.get(j) for j in judul] if isinstance(r, dict) else r)
    out = io.BytesIO()
    b.save(out)
    return out.getvalue()


def buku_banyak(n: int) -> bytes:
    """A workbook of `n` new indicators of one sasaran, written as fast as openpyxl can."""
    b = openpyxl.Workbook(write_only=True)
    ws = b.create_sheet("PK")
    ws.append(JUDUL_DASAR)
    for i in range(n):
        ws.append(["18.72", 2024, "lembaga", 1, "S", f"I{i}", "%", 1])
    return simpan(b)


def buka(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def simpan(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def kolom(ws, nama: str) -> int:
    return [c.value for c in ws[1]].index(nama) + 1


def target_baru(hasil) -> str:
    """The new target the preview shows for the first row."""
    return next(p.baru for p in hasil.baris[0].perubahan if p.kolom == "Target")


def baris_baru(**ubah):
    data = {
        "Kode Satker": "18.72", "Tahun": 2024, "Jenis PK": "lembaga", "No Sasaran": 1,
        "Sasaran": "Meningkatnya partisipasi pemilih", "Indikator": "Persentase partisipasi",
        "Satuan": "%", "Target": "77,5",
    }  # fmt: skip
    data.update(ubah)
    return data


class ImporTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.lampura, cls.metro = s["lampura"], s["metro"]
        buat_skala_kategori()
        cls.pk, cls.items = buat_pk(cls.lampura)

    def galat(self, data, **kw):
        hasil = impor_pk.impor_pk(data, **kw)
        self.assertFalse(hasil.diterapkan)
        return {(g.baris, g.kolom): g.pesan for g in hasil.galat}

    def jejak(self):
        """What an import could change, to check that a refused one changed nothing."""
        return (
            list(Realisasi.objects.values_list("id", "nilai", "nilai_predikat", "versi")),
            list(ItemPK.objects.values_list("id", "target", "target_predikat", "urutan")),
            list(Indikator.objects.values_list("id", "nama", "satuan")),
            PerjanjianKinerja.objects.count(),
            TargetTriwulan.objects.count(),
        )

    # --- Round trip ------------------------------------------------------------------------

    def test_template_of_a_pk_imports_unchanged(self):
        """The pre-filled template imported as it is: every row unchanged, nothing written."""
        sebelum = self.jejak()
        hasil = impor_pk.impor_pk(impor_pk.templat_xlsx(self.lampura, 2023))
        self.assertTrue(hasil.diterapkan, hasil.galat)
        self.assertEqual([b.status for b in hasil.baris], ["tetap"] * 3)
        self.assertEqual(self.jejak(), sebelum)

    def test_three_changed_cells_change_exactly_those(self):
        """Target of 1.1, TW II realisasi of 1.2 and the name of 1.3 edited: the preview lists
        those three and the import writes them, nothing else."""
        wb = buka(impor_pk.templat_xlsx(self.lampura, 2023))
        ws = wb["PK"]
        ws.cell(2, kolom(ws, "Target")).value = 97
        ws.cell(3, kolom(ws, "Realisasi TW II")).value = "6"
        ws.cell(4, kolom(ws, "Indikator")).value = "Nilai AKIP satker"
        data = simpan(wb)
        rencana = impor_pk.rencanakan(data)
        ubah = [(b.nomor, p.kolom, p.lama, p.baru) for b in rencana.baris for p in b.perubahan]
        harap = [
            (2, "Target", "95", "97"),
            (3, "Realisasi TW II", "5", "6"),
            (4, "Indikator", "Nilai akuntabilitas kinerja", "Nilai AKIP satker"),
        ]
        self.assertEqual(ubah, harap)
        self.assertTrue(impor_pk.impor_pk(data).diterapkan)
        persen, revisi, akip = (self.items[k] for k in ("persen", "revisi", "akip"))
        persen.refresh_from_db()
        self.assertEqual(persen.target, 97)
        r = Realisasi.objects.get(item=revisi, triwulan=2)
        self.assertEqual((r.nilai, r.versi), (Decimal(6), 2))
        self.assertEqual(Realisasi.objects.get(item=revisi, triwulan=4).versi, 1)
        self.assertEqual(Indikator.objects.get(id=akip.indikator_id).nama, "Nilai AKIP satker")
        self.assertTrue(impor_pk.rencanakan(data).ok)
        self.assertEqual(impor_pk.rencanakan(data).jumlah("tetap"), 3)

    def test_whole_pk_with_four_quarters_in_one_go(self):
        """A satker without a PK fills the template: the PK, its Renstra sasaran, indicators,
        quarterly targets and four quarters of realisasi are created, and scored."""
        rows = [
            baris_baru(**{"Target TW I": 20, "Target TW II": 40, "Target TW III": 60,
                          "Target TW IV": 77.5, "Realisasi TW I": "21,5", "Realisasi TW II": 41,
                          "Realisasi TW III": 60, "Realisasi TW IV": "80"}),
            baris_baru(**{"Indikator": "Jumlah sosialisasi", "Satuan": "kegiatan",
                          "Target": 12, "Agregasi": "kumulatif", "Realisasi TW I": 3,
                          "Realisasi TW II": 3, "Realisasi TW III": 3, "Realisasi TW IV": 4,
                          "Realisasi": 13, "Target Kegiatan": "12 kegiatan"}),
            baris_baru(**{"No Sasaran": 2, "Sasaran": "Meningkatnya akuntabilitas",
                          "Indikator": "Nilai SAKIP", "Satuan": "predikat",
                          "Jenis Nilai": "predikat", "Target": "BB", "Realisasi": "B"}),
        ]  # fmt: skip
        hasil = impor_pk.impor_pk(buku(rows))
        self.assertTrue(hasil.diterapkan, hasil.galat)
        self.assertEqual(hasil.jumlah("baru"), 3)
        pratinjau = {(b.nomor, p.kolom): p.baru for b in hasil.baris for p in b.perubahan}
        self.assertEqual(pratinjau[(2, "Sasaran")], "Meningkatnya partisipasi pemilih")
        self.assertNotIn((3, "Sasaran"), pratinjau)  # the same sasaran, already listed
        self.assertEqual(pratinjau[(3, "Agregasi")], "Kumulatif (jumlah triwulan)")
        self.assertTrue(any("PK dibuat oleh impor ini" in c for c in hasil.catatan))
        pk = PerjanjianKinerja.objects.dengan_item().get(satker=self.metro, tahun=2024)
        self.assertEqual(pk.pihak_pertama_jabatan, "Ketua KPU Kota Metro")
        items = list(pk.item.all())
        self.assertEqual([i.indikator.kode for i in items], ["1.1", "1.2", "2.1"])
        self.assertEqual(items[0].target_triwulan.count(), 4)
        self.assertEqual(Realisasi.history.filter(item_id=items[0].id).count(), 4)
        self.assertEqual(items[1].realisasi_agregat(), Decimal(13))
        self.assertEqual((items[1].target_kegiatan, items[1].satuan_kegiatan), (12, "kegiatan"))
        self.assertEqual(items[2].realisasi.get().triwulan, 4)
        tabel = tabel_pengukuran(pk, None)
        self.assertEqual(tabel.jumlah_terisi, 3)
        self.assertEqual(tabel.baris[0].hasil.nilai.quantize(Decimal("0.01")), Decimal("103.23"))

    def test_new_rows_join_an_existing_pk_after_their_sasaran(self):
        """An indicator added to sasaran 1 of an existing PK gets the next code."""
        rows = [{"Kode Satker": "18.03", "Tahun": 2023, "Jenis PK": "lembaga", "No Sasaran": 1,
                 "Sasaran": "Meningkatnya akuntabilitas", "Indikator": "Indikator tambahan",
                 "Satuan": "dokumen", "Target": 3}]  # fmt: skip
        self.assertTrue(impor_pk.impor_pk(buku(rows)).diterapkan)
        item = ItemPK.objects.get(indikator__nama="Indikator tambahan")
        self.assertEqual((item.indikator.kode, item.urutan), ("1.4", 4))

    def test_percentage_formatted_cell_is_read_as_percent(self):
        """0.775 shown as 77,5% in Excel is a target of 77,5 (%)."""
        wb = buka(buku([baris_baru(Target=None)]))
        sel = wb["PK"].cell(2, kolom(wb["PK"], "Target"))
        sel.value, sel.number_format = 0.775, "0.0%"
        hasil = impor_pk.rencanakan(simpan(wb))
        self.assertEqual(target_baru(hasil), "77,5")

    def test_preview_fingerprint_guards_apply(self):
        """Applying with the fingerprint of an outdated preview writes nothing."""
        data = buku([baris_baru()])
        hasil = impor_pk.impor_pk(data, sidik="0" * 32)
        self.assertFalse(hasil.diterapkan)
        self.assertFalse(PerjanjianKinerja.objects.filter(satker=self.metro).exists())
        self.assertTrue(impor_pk.impor_pk(data, sidik=hasil.sidik).diterapkan)

    # --- Rows refused ----------------------------------------------------------------------

    def test_row_errors_name_row_and_column_and_nothing_is_written(self):
        """Every bad cell is reported with its row and column; the good rows are not written."""
        sebelum = self.jejak()
        rows = [
            baris_baru(),
            baris_baru(**{"Kode Satker": "99.99", "Indikator": "a"}),
            baris_baru(**{"Tahun": "dua ribu", "Indikator": "b"}),
            baris_baru(**{"Jenis PK": "bidang", "Indikator": "c"}),
            baris_baru(**{"Target": "tinggi", "Indikator": "d"}),
            baris_baru(**{"Target": -5, "Indikator": "e"}),
            baris_baru(**{"Realisasi TW I": "5 dokumen", "Indikator": "f"}),
            baris_baru(**{"Jenis Nilai": "predikat", "Target": "Z", "Indikator": "g"}),
            baris_baru(),
            baris_baru(**{"Sasaran": "Teks lain", "Indikator": "h"}),
            baris_baru(**{"Realisasi TW IV": 10, "Realisasi": 11, "Indikator": "i"}),
            baris_baru(**{"Polaritas": "tinggi", "Indikator": "j"}),
            baris_baru(**{"Satuan": None, "Indikator": "k"}),
        ]
        pesan = self.galat(buku(rows))
        harap = {
            (3, "Kode Satker"): "tidak dikenal",
            (4, "Tahun"): "bilangan bulat",
            (5, "Jenis PK"): "lembaga, sekretariat",
            (6, "Target"): "tinggi",
            (7, "Target"): "tidak boleh negatif",
            (8, "Realisasi TW I"): "dokumen",
            (9, "Target"): "Z",
            (10, "Indikator"): "sudah ada di baris 2",
            (11, "Sasaran"): "baris 2",
            (12, "Realisasi"): "tidak sama dengan hasil agregasi",
            (13, "Polaritas"): "positif, negatif",
            (14, "Satuan"): "wajib diisi",
        }
        for kunci, potongan in harap.items():
            with self.subTest(kunci=kunci):
                self.assertIn(potongan, pesan.get(kunci, ""), pesan)
        self.assertEqual(set(pesan), set(harap))
        self.assertEqual(self.jejak(), sebelum)

    def test_write_clash_is_reported_not_raised(self):
        """A clash with another write while saving (the same PK created meanwhile) rolls
        everything back and says so."""
        with mock.patch("kinerja.impor_pk.tulis._tulis_kelompok", side_effect=IntegrityError):
            pesan = self.galat(buku([baris_baru()]))
        self.assertIn("Data berubah selama impor", pesan[(0, "")])
        self.assertFalse(PerjanjianKinerja.objects.filter(satker=self.metro).exists())

    def test_satker_outside_the_users_reach_refused(self):
        pesan = self.galat(buku([baris_baru()]), satker_boleh=lambda s: s.kode == "18.03")
        self.assertIn("tidak berwenang", pesan[(2, "Kode Satker")])

    def test_locked_satker_year_refuses_its_rows(self):
        """A submitted report locks its PK's data: the rows give the lock's message."""
        kunci = kunci_uji(self.lampura, 2023, "lembaga")
        pesan = self.galat(impor_pk.templat_xlsx(self.lampura, 2023))
        self.assertEqual(pesan[(2, "")], kunci)

    # --- Files refused ---------------------------------------------------------------------

    def galat_buku(self, data) -> str:
        hasil = impor_pk.rencanakan(data)
        self.assertEqual(len(hasil.galat), 1, hasil.galat)
        self.assertEqual(hasil.galat[0].baris, 0)
        return hasil.galat[0].pesan

    def test_not_an_xlsx(self):
        for data in (os.urandom(2000), b"", b"PK\x03\x04rusak", b"teks"):
            with self.subTest(data=data[:8]):
                self.assertRegex(self.galat_buku(data), "tidak dapat dibaca|kosong")

    def test_password_protected(self):
        self.assertIn("kata sandi", self.galat_buku(xlsx._CFB + os.urandom(512)))

    def test_missing_headers_and_sheet(self):
        self.assertIn("“Target”", self.galat_buku(buku([[1]], judul=JUDUL_DASAR[:-1])))
        self.assertIn("“PK” tidak ditemukan", self.galat_buku(buku([[1]], lembar="Data")))

    def test_formula_without_stored_value(self):
        """openpyxl writes formulas without a result, as a file never opened in Excel."""
        hasil = impor_pk.rencanakan(buku([baris_baru(Target="=70+7.5")]))
        self.assertIn(xlsx.PESAN_RUMUS, hasil.galat[0].pesan)
        self.assertEqual((hasil.galat[0].baris, hasil.galat[0].kolom), (2, "Target"))

    def test_formula_with_stored_value_is_read_and_said(self):
        """A formula whose result Excel stored is read by that result, with a note."""
        data = buku([baris_baru(Target="=70+7.5")])
        data = _ganti_di_lembar(data, lambda x: x.replace(b"<f>70+7.5</f><v></v>",
                                                          b"<f>70+7.5</f><v>77.5</v>"))  # fmt: skip
        hasil = impor_pk.rencanakan(data)
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertEqual(target_baru(hasil), "77,5")
        self.assertIn("nilai hasil rumus", hasil.catatan[0])

    def test_merged_cells(self):
        wb = buka(buku([baris_baru(), baris_baru(Indikator="Lain")]))
        wb["PK"].merge_cells("E2:E3")
        self.assertIn("sel gabungan (E2:E3)", self.galat_buku(simpan(wb)))

    def test_hidden_sheet(self):
        wb = buka(buku([baris_baru()]))
        wb["PK"].sheet_state = "hidden"
        wb.create_sheet("Lain")
        self.assertIn("disembunyikan", self.galat_buku(simpan(wb)))
        wb = buka(buku([baris_baru()]))
        wb.create_sheet("Rahasia").sheet_state = "hidden"
        self.assertIn("Lembar tersembunyi “Rahasia” tidak dibaca.",
                      impor_pk.rencanakan(simpan(wb)).catatan)  # fmt: skip

    def test_row_limit(self):
        """One data row over the limit (5 000): the whole file is refused, and says why."""
        self.assertIn("lebih dari 5.000 baris", self.galat_buku(buku_banyak(5001)))

    def test_row_limit_reached_exactly(self):
        """Exactly 5 000 data rows are read and planned."""
        hasil = impor_pk.rencanakan(buku_banyak(5000))
        self.assertTrue(hasil.ok, hasil.galat[:3])
        self.assertEqual((hasil.dibaca, hasil.jumlah("baru")), (5000, 5000))

    def test_huge_shared_strings(self):
        """A shared-strings table too big to load is refused before openpyxl loads it."""
        teks = b"<si><t>" + b"x" * 1000 + b"</t></si>"
        data = _ganti_berkas(buku([baris_baru()]), "xl/sharedStrings.xml", teks * 9000)
        self.assertIn("teks yang terlalu banyak", self.galat_buku(data))

    def test_command_dry_run_and_errors(self):
        """`impor_pk --dry-run` writes nothing; errors are printed with rows and exit non-zero."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            baik, buruk = f"{tmp}/baik.xlsx", f"{tmp}/buruk.xlsx"
            with open(baik, "wb") as f:
                f.write(buku([baris_baru()]))
            with open(buruk, "wb") as f:
                f.write(buku([baris_baru(Target="banyak")]))
            out = io.StringIO()
            call_command("impor_pk", baik, "--dry-run", stdout=out)
            self.assertIn("1 baru", out.getvalue())
            self.assertFalse(PerjanjianKinerja.objects.filter(satker=self.metro).exists())
            err = io.StringIO()
            with self.assertRaisesMessage(CommandError, "1 kesalahan"):
                call_command("impor_pk", buruk, stdout=io.StringIO(), stderr=err)
            self.assertIn("baris 2, kolom Target", err.getvalue())
            call_command("impor_pk", baik, stdout=out)
            self.assertTrue(PerjanjianKinerja.objects.filter(satker=self.metro).exists())


def _ganti_berkas(data: bytes, nama: str, isi: bytes) -> bytes:
    masuk, keluar = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            z.writestr(info.filename, isi if info.filename == nama else masuk.read(info.filename))
        if nama not in masuk.namelist():
            z.writestr(nama, isi)
    return keluar.getvalue()


def _ganti_di_lembar(data: bytes, ubah) -> bytes:
    masuk = zipfile.ZipFile(io.BytesIO(data))
    nama = next(n for n in masuk.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n))
    return _ganti_berkas(data, nama, ubah(masuk.read(nama)))


SEL = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.sampled_from(["18.03", "lembaga", "=1+1", "66,23", "BB", "ya"]),
)


class MalformedWorkbookTests(hypothesis_django.TestCase):
    """Whatever the workbook holds, reading it gives results or errors, never an exception."""

    @classmethod
    def setUpTestData(cls):
        buat_satker()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=3000))
    def test_random_bytes(self, data):
        self.assertFalse(impor_pk.rencanakan(data).ok)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.sampled_from([*KOLOM, "Lain", None, 5]), min_size=1, max_size=12),
        st.lists(st.lists(SEL, max_size=12), max_size=6),
    )
    def test_random_headers_and_cells(self, judul, baris):
        """A file without a required header is refused as a whole, naming the missing ones;
        otherwise every row read is either planned or reported, never both."""
        hasil = impor_pk.rencanakan(buku(baris, judul=judul))
        hilang = [k for k in KOLOM_WAJIB if k not in judul]
        berkas = [g for g in hasil.galat if g.baris == 0]
        if hilang:
            self.assertEqual(hasil.galat, berkas)
            self.assertEqual(len(berkas), 1)
            self.assertIn("tidak memiliki kolom wajib: " + ", ".join(f"“{k}”" for k in hilang),
                          berkas[0].pesan)  # fmt: skip
        if berkas:
            self.assertEqual((len(hasil.galat), hasil.baris, hasil.dibaca), (1, [], 0))
            return
        direncanakan = {b.nomor for b in hasil.baris}
        ditolak = {g.baris for g in hasil.galat}
        self.assertFalse(direncanakan & ditolak, hasil.galat)
        self.assertEqual(len(direncanakan | ditolak), hasil.dibaca)
        self.assertTrue({g.kolom for g in hasil.galat} <= {"", *KOLOM}, hasil.galat)


class NilaiSelTests(SimpleTestCase):
    def test_percent_display_becomes_the_percentage(self):
        """A cell displayed as a percentage is read as that percentage, never in exponent form."""

        class Sel:
            def __init__(self, value, number_format):
                self.value, self.number_format = value, number_format

        self.assertEqual(str(xlsx.nilai_sel(Sel(1, "0%"))), "100")
        self.assertEqual(xlsx.nilai_sel(Sel(0.6623, "0.00%")), Decimal("66.23"))
        self.assertEqual(xlsx.nilai_sel(Sel(0.6623, "General")), 0.6623)
