"""Codes marked as assumptions (`kode_asumsi`): set only by the demo data for codes its source does
not print, carried on the tree, shown marked on the budget pages, cleared by a workbook import."""

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from anggaran import impor, services
from anggaran.demo import muat_anggaran_demo
from anggaran.models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RoAnggaran
from anggaran.pohon import BarisRO, susun_pohon
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from satker.models import Peran

TAHUN = 2023
SEMUA_DI_BAWAH_PROGRAM = frozenset({"kegiatan", "kro", "ro"})


def baris(**kolom) -> BarisRO:
    nilai = {
        "program": "076.01.CQ", "kegiatan": "6865", "kro": "QGE", "ro": "001",
        "nama": "Pendaftaran dan Verifikasi Peserta Pemilu", "pagu": Decimal("18885000"),
        "realisasi": Decimal("18884995"), "nama_program": "Penyelenggaraan Pemilu",
        "nama_kegiatan": "Pendaftaran dan Verifikasi Peserta Pemilu",
    }  # fmt: skip
    nilai.update(kolom)
    return BarisRO(**nilai)


class PohonTests(SimpleTestCase):
    def test_nodes_carry_the_mark_of_their_own_level(self):
        """A row's assumed levels mark those nodes of the tree and no others."""
        akar = susun_pohon([baris(kode_asumsi=frozenset({"kegiatan", "ro"}))])
        program = akar.cari("076.01.CQ")
        kegiatan = program.cari("6865")
        kro = kegiatan.cari("QGE")
        ro = kro.cari("001")
        self.assertEqual(
            [s.kode_asumsi for s in (program, kegiatan, kro, ro)], [False, True, False, True]
        )

    def test_any_assumed_code_below_a_node_is_reported(self):
        """`ada_kode_asumsi` says whether the node or anything below it has an assumed code."""
        akar = susun_pohon(
            [
                baris(),
                baris(kegiatan="6866", nama_kegiatan="Penetapan", kode_asumsi=frozenset({"ro"})),
            ]
        )
        self.assertTrue(akar.ada_kode_asumsi)
        self.assertFalse(akar.cari("076.01.CQ", "6865").ada_kode_asumsi)
        self.assertTrue(akar.cari("076.01.CQ", "6866").ada_kode_asumsi)

    def test_rows_without_marks_give_an_unmarked_tree(self):
        """Rows as the pages and the import make them mark nothing."""
        self.assertFalse(susun_pohon([baris()]).ada_kode_asumsi)


class SimpanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()["lampura"]
        buat_pk(cls.satker)

    def simpan(self, ro=None, **kolom):
        return services.ro_simpan(satker=self.satker, tahun=TAHUN, baris=baris(**kolom), ro=ro)

    def test_created_nodes_take_the_rows_marks(self):
        """A new RO and the parents it creates are marked at the levels the row names."""
        ro = self.simpan(kode_asumsi=SEMUA_DI_BAWAH_PROGRAM)
        self.assertFalse(ProgramAnggaran.objects.get().kode_asumsi)
        self.assertTrue(KegiatanAnggaran.objects.get().kode_asumsi)
        self.assertTrue(KroAnggaran.objects.get().kode_asumsi)
        self.assertTrue(RoAnggaran.objects.get(pk=ro.pk).kode_asumsi)

    def test_tree_of_the_satker_year_carries_the_marks(self):
        """pohon_satker reads the stored marks onto its nodes."""
        self.simpan(kode_asumsi=frozenset({"kro"}))
        kro = services.pohon_satker(self.satker, TAHUN).cari("076.01.CQ", "6865", "QGE")
        self.assertTrue(kro.kode_asumsi)
        self.assertFalse(kro.anak[0].kode_asumsi)

    def test_changing_amounts_keeps_the_marks(self):
        """Editing a RO's amounts (a row without marks) does not confirm its codes."""
        ro = self.simpan(kode_asumsi=SEMUA_DI_BAWAH_PROGRAM)
        self.simpan(ro=ro, pagu=Decimal(1))
        ro.refresh_from_db()
        self.assertEqual(ro.pagu, Decimal(1))
        self.assertTrue(ro.kode_asumsi)
        self.assertTrue(ro.kro.kode_asumsi)

    def test_new_ro_under_an_assumed_kegiatan_is_not_marked_itself(self):
        """A RO added through the pages under an assumed kegiatan is unmarked; that stays marked."""
        self.simpan(kode_asumsi=SEMUA_DI_BAWAH_PROGRAM)
        ro = self.simpan(kro="QGF", nama="RO baru")
        self.assertFalse(ro.kode_asumsi)
        self.assertFalse(ro.kro.kode_asumsi)
        self.assertTrue(ro.kro.kegiatan.kode_asumsi)

    def test_workbook_import_clears_the_marks(self):
        """Importing the budget (here its own export) replaces it with unmarked codes."""
        self.simpan(kode_asumsi=SEMUA_DI_BAWAH_PROGRAM)
        hasil = impor.impor_xlsx(
            satker=self.satker, tahun=TAHUN, berkas=impor.templat_xlsx(self.satker, TAHUN)
        )
        self.assertTrue(hasil.ok, hasil.galat)
        self.assertFalse(services.pohon_satker(self.satker, TAHUN).ada_kode_asumsi)
        self.assertEqual(RoAnggaran.objects.count(), 1)


class HalamanTests(TestCase):
    """The budget tree and the RO–indicator page of a satker-year with one assumed kegiatan."""

    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()["lampura"]
        buat_pk(cls.satker)
        cls.operator = buat_user("operator", cls.satker, Peran.OPERATOR)
        simpan = services.ro_simpan
        cls.ro_asumsi = simpan(
            satker=cls.satker, tahun=TAHUN, baris=baris(kode_asumsi=frozenset({"kegiatan", "ro"}))
        )
        cls.ro_tercetak = simpan(
            satker=cls.satker,
            tahun=TAHUN,
            baris=baris(kegiatan="6709", nama_kegiatan="Perencanaan", nama="Perencanaan Pemilu"),
        )

    def setUp(self):
        self.client.force_login(self.operator)

    def url(self, nama, *args):
        return reverse(nama, args=[self.satker.kode, TAHUN, *args])

    def test_tree_marks_assumed_codes_and_explains_them(self):
        """The assumed kegiatan and RO codes are marked; the printed ones are not; a legend."""
        konten = self.client.get(self.url("anggaran_satker")).content.decode()
        self.assertIn('<span class="kode-asumsi" title="Kode asumsi: kode tidak tercetak', konten)
        self.assertIn('kode-asumsi" title="Kode asumsi: kode tidak tercetak pada sumber data; '
                      'diisi sebagai asumsi">6865<sup', konten)  # fmt: skip
        self.assertIn("QGE.001<sup", konten)  # the RO's code is shown with its KRO
        self.assertIn("</span> 6709</td>", konten)
        self.assertIn("</span> 076.01.CQ</td>", konten)
        self.assertEqual(konten.count('class="kode-asumsi"'), 3)  # 6865, its RO, the legend
        self.assertIn("kode tidak tercetak pada sumber data; diisi sebagai asumsi. Halaman", konten)

    def test_tree_without_assumed_codes_has_no_legend(self):
        """A budget entered through the pages shows no marker and no legend."""
        RoAnggaran.objects.update(kode_asumsi=False)
        KegiatanAnggaran.objects.update(kode_asumsi=False)
        konten = self.client.get(self.url("anggaran_satker")).content.decode()
        self.assertNotIn("kode-asumsi", konten)
        self.assertNotIn("legenda-kode-asumsi", konten)

    def test_edit_row_keeps_the_marker(self):
        """The inline edit row and the row saved with htmx still mark the code."""
        url = self.url("anggaran_ro_ubah", self.ro_asumsi.id)
        htmx = {"HTTP_HX_REQUEST": "true"}
        self.assertContains(self.client.get(url, **htmx), "QGE.001<sup")
        respon = self.client.post(url, {"pagu": "18.885.000", "realisasi": ""}, **htmx)
        self.assertContains(respon, "QGE.001<sup")
        self.assertContains(respon, "6865<sup")  # the kegiatan's sums, out of band

    def test_link_page_marks_assumed_codes(self):
        """The RO–indicator page marks the assumed codes in the RO choices, with the legend."""
        konten = self.client.get(self.url("anggaran_hubungan")).content.decode()
        self.assertIn("6865<sup", konten)
        self.assertIn("QGE.001<sup", konten)
        self.assertIn("076.01.CQ · 6709 Perencanaan", konten)
        self.assertIn('id="legenda-kode-asumsi"', konten)


class DemoTests(TestCase):
    """anggaran/demo.py reads `kode_asumsi` from the fixture's RO rows."""

    @classmethod
    def setUpTestData(cls):
        cls.satker = buat_satker()["lampura"]
        buat_pk(cls.satker)

    def muat(self, *ro) -> int:
        data = {"satker": {"kode": self.satker.kode}, "tahun": TAHUN, "anggaran": {"ro": ro}}
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "demo.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            return muat_anggaran_demo(path)

    def ro(self, **kolom) -> dict:
        return {
            "program": "076.01.CQ", "nama_program": "Penyelenggaraan Pemilu",
            "kegiatan": "6865", "nama_kegiatan": "Pendaftaran", "kro": "QGE", "ro": "001",
            "nama": "Pendaftaran", "pagu": "18885000", "realisasi": "18884995", **kolom,
        }  # fmt: skip

    def test_listed_levels_are_marked(self):
        """A row's `kode_asumsi` levels are stored as assumptions; a row without it as printed."""
        self.muat(
            self.ro(kode_asumsi=["kegiatan", "kro", "ro"]),
            self.ro(kegiatan="3355", nama_kegiatan="Keuangan", kro="EBA", ro="994"),
        )
        pohon = services.pohon_satker(self.satker, TAHUN)
        self.assertTrue(pohon.cari("076.01.CQ", "6865", "QGE", "001").kode_asumsi)
        self.assertFalse(pohon.cari("076.01.CQ").kode_asumsi)
        self.assertFalse(pohon.cari("076.01.CQ", "3355").ada_kode_asumsi)

    def test_rows_disagreeing_on_a_shared_node_refused(self):
        """Two rows under one kegiatan must agree whether its code is an assumption."""
        with self.assertRaisesMessage(ValueError, "kode_asumsi kegiatan"):
            self.muat(self.ro(kode_asumsi=["kegiatan"]), self.ro(ro="002"))

    def test_unknown_level_refused(self):
        """A level other than program, kegiatan, kro and ro is an error in the file."""
        with self.assertRaisesMessage(ValueError, "tidak dikenal"):
            self.muat(self.ro(kode_asumsi=["rincian"]))
