"""The report lock on PK data: while the LKj of a satker-year-kind is submitted, approved or
published, every write of its PK (header, items, targets, budget, revisions, realisasi and
evidence) is refused with the lock's Indonesian message and writes nothing; returned or draft
reports let the writes through again. The pages say why and hide their edit controls."""

import shutil
import tempfile

from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse

from kinerja import services_pk, services_pk_item
from kinerja.models import (
    AnggaranPK,
    Bukti,
    Indikator,
    ItemPK,
    PerjanjianKinerja,
    Realisasi,
    Sasaran,
    TargetTriwulan,
)
from kinerja.services_realisasi import bukti_hapus, bukti_simpan, realisasi_simpan_triwulan
from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from kinerja.tests.helpers_realisasi import berkas_pdf, buat_bukti, data_post, masukan_triwulan
from laporan.models import Laporan
from laporan.services import laporan_buat
from laporan.tests.helpers import buat_laporan, tetapkan_status
from satker.kunci import DataTerkunci
from satker.models import Peran

MEDIA = tempfile.mkdtemp(prefix="uji-kunci-")
TERKUNCI = ("diajukan", "disetujui", "terbit")


def jejak(pk_id):
    """Everything a PK write could change, to compare before and after."""
    pk = PerjanjianKinerja.objects.get(id=pk_id)
    item = ItemPK.objects.filter(pk_induk__satker_id=pk.satker_id)
    return {
        "pk": list(PerjanjianKinerja.objects.filter(satker_id=pk.satker_id).values()),
        "item": list(item.order_by("id").values()),
        "target_tw": list(TargetTriwulan.objects.filter(item__in=item).order_by("id").values()),
        "realisasi": list(Realisasi.objects.filter(item__in=item).order_by("id").values()),
        "bukti": list(Bukti.objects.order_by("id").values("id", "realisasi_id", "berkas")),
        "anggaran": list(AnggaranPK.objects.order_by("id").values()),
        "sasaran": list(Sasaran.objects.order_by("id").values()),
        "indikator": list(Indikator.objects.order_by("id").values_list("id", flat=True)),
    }


class KunciMixin:
    @classmethod
    def setUpTestData(cls):
        s = cls.s = buat_satker()
        cls.pk, cls.items = buat_pk(s["lampura"])
        renstra = cls.pk.renstra
        cls.sasaran = cls.items["persen"].indikator.sasaran
        cls.sasaran_2 = Sasaran.objects.create(renstra=renstra, nomor=2, teks="Sasaran kedua")
        cls.items["kosong"] = ItemPK.objects.create(
            pk_induk=cls.pk,
            urutan=4,
            indikator=Indikator.objects.create(
                sasaran=cls.sasaran_2, kode="2.1", nama="Indikator tanpa realisasi", satuan="%"
            ),
            target=80,
        )
        cls.katalog = Indikator.objects.create(
            sasaran=cls.sasaran, kode="1.4", nama="Indikator katalog", satuan="%"
        )
        cls.anggaran = AnggaranPK.objects.create(
            pk_induk=cls.pk, urutan=1, program="Program Dukungan Manajemen", pagu=2647529000
        )
        cls.realisasi = Realisasi.objects.get(item=cls.items["persen"], triwulan=4)
        cls.bukti = buat_bukti(cls.realisasi)
        cls.laporan = laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.operator = buat_user("operator.a", s["lampura"], Peran.OPERATOR)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def kunci(self, status="diajukan"):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=status)

    def pesan(self):
        return Laporan.objects.get(pk=self.laporan.pk).pesan_kunci


# Every kind of PK write, each reading its objects afresh from the database.
def _pk(t):
    return PerjanjianKinerja.objects.dengan_item().get(id=t.pk.id)


def _item(t, kunci):
    return ItemPK.objects.select_related("pk_induk__satker", "indikator").get(id=t.items[kunci].id)


TULIS = {
    "pk_ubah": lambda t: services_pk.pk_ubah(
        pk=_pk(t), pihak_pertama_nama="Ketua Baru", pihak_pertama_jabatan="Ketua"
    ),
    "pk_revisi": lambda t: services_pk.pk_revisi(pk=_pk(t), alasan="Perubahan anggaran"),
    "item_tambah_dari_katalog": lambda t: services_pk_item.item_tambah_dari_katalog(
        pk=_pk(t), pilihan=[(t.katalog, "80")]
    ),
    "item_tambah_indikator_baru": lambda t: services_pk_item.item_tambah_indikator_baru(
        pk=_pk(t),
        sasaran=t.sasaran,
        indikator={"nama": "Indikator baru", "satuan": "%"},
        target="50",
    ),
    "item_ubah_target": lambda t: services_pk_item.item_ubah_target(
        item=_item(t, "persen"), target="90", target_triwulan={4: "90"}
    ),
    "item_hapus": lambda t: services_pk_item.item_hapus(item=_item(t, "kosong")),
    "item_geser": lambda t: services_pk_item.item_geser(item=_item(t, "akip"), arah="naik"),
    "sasaran_geser": lambda t: services_pk_item.sasaran_geser(
        pk=_pk(t), sasaran=t.sasaran_2, arah="naik"
    ),
    "anggaran_tambah": lambda t: services_pk.anggaran_tambah(
        pk=_pk(t), program="Program Teknis", pagu="Rp 1.000.000"
    ),
    "anggaran_hapus": lambda t: services_pk.anggaran_hapus(
        anggaran=AnggaranPK.objects.get(id=t.anggaran.id)
    ),
    "realisasi_simpan_triwulan": lambda t: realisasi_simpan_triwulan(
        pk=_pk(t),
        triwulan=4,
        baris=masukan_triwulan(_pk(t), 4, {t.items["persen"].id: {"nilai": "90"}}),
        user=t.operator,
    ),
    "bukti_simpan": lambda t: bukti_simpan(
        realisasi=Realisasi.objects.get(id=t.realisasi.id), berkas=berkas_pdf(), user=t.operator
    ),
    "bukti_hapus": lambda t: bukti_hapus(bukti=Bukti.objects.get(id=t.bukti.id), user=t.operator),
}


@override_settings(MEDIA_ROOT=MEDIA)
class LayananTerkunciTests(KunciMixin, TestCase):
    def tolak(self, nama):
        """Assert the write `nama` is refused in every locked status and changes nothing."""
        for status in TERKUNCI:
            self.kunci(status)
            with self.subTest(status=status):
                sebelum = jejak(self.pk.id)
                with self.assertRaises(DataTerkunci) as cm:
                    TULIS[nama](self)
                self.assertEqual(cm.exception.messages, [self.pesan()])
                self.assertEqual(jejak(self.pk.id), sebelum)

    def test_pk_ubah(self):
        """Changing the PK header is refused while the report is locked."""
        self.tolak("pk_ubah")

    def test_pk_revisi(self):
        """Revising the PK is refused while the report is locked."""
        self.tolak("pk_revisi")

    def test_item_tambah_dari_katalog(self):
        """Adding catalogue indicators is refused while the report is locked."""
        self.tolak("item_tambah_dari_katalog")

    def test_item_tambah_indikator_baru(self):
        """Adding an own indicator (and its sasaran/indicator rows) is refused."""
        self.tolak("item_tambah_indikator_baru")

    def test_item_ubah_target(self):
        """Changing yearly or quarterly targets is refused while the report is locked."""
        self.tolak("item_ubah_target")

    def test_item_hapus(self):
        """Removing an item is refused while the report is locked."""
        self.tolak("item_hapus")

    def test_item_geser(self):
        """Reordering items is refused while the report is locked."""
        self.tolak("item_geser")

    def test_sasaran_geser(self):
        """Reordering sasaran is refused while the report is locked."""
        self.tolak("sasaran_geser")

    def test_anggaran_tambah(self):
        """Adding a programme budget is refused while the report is locked."""
        self.tolak("anggaran_tambah")

    def test_anggaran_hapus(self):
        """Removing a programme budget is refused while the report is locked."""
        self.tolak("anggaran_hapus")

    def test_realisasi_simpan_triwulan(self):
        """Saving a quarter's realisasi and narratives is refused while the report is locked."""
        self.tolak("realisasi_simpan_triwulan")

    def test_bukti_simpan(self):
        """Uploading evidence is refused while the report is locked."""
        self.tolak("bukti_simpan")

    def test_bukti_hapus(self):
        """Deleting evidence is refused while the report is locked."""
        self.tolak("bukti_hapus")

    def test_pk_buat_for_locked_report_refused(self):
        """Creating a PK for the satker-year-kind of a locked report is refused with the lock."""
        self.kunci()
        with self.assertRaises(DataTerkunci):
            services_pk.pk_buat(
                satker=self.s["lampura"],
                tahun=2023,
                jenis="lembaga",
                pihak_pertama_nama="Ketua",
                pihak_pertama_jabatan="Ketua",
            )

    def pk_lain(self):
        """An unlocked revision-0 PK of the same satker for 2024, with one item."""
        pk = PerjanjianKinerja.objects.create(
            satker=self.s["lampura"],
            tahun=2024,
            renstra=self.pk.renstra,
            pihak_pertama_nama="Ketua",
            pihak_pertama_jabatan="Ketua",
        )
        item = ItemPK.objects.create(pk_induk=pk, urutan=1, indikator=self.katalog, target=60)
        return pk, item

    def test_pk_ubah_into_locked_kind_refused(self):
        """Moving an unlocked PK to the year and kind of a locked report is refused."""
        pk, _ = self.pk_lain()
        buat_laporan(satker=self.s["lampura"], tahun=2024, jenis="sekretariat", status="diajukan")
        with self.assertRaises(DataTerkunci):
            services_pk.pk_ubah(
                pk=pk,
                jenis="sekretariat",
                pihak_pertama_nama="Ketua",
                pihak_pertama_jabatan="Ketua",
            )
        self.assertEqual(PerjanjianKinerja.objects.get(id=pk.id).jenis, "lembaga")

    def test_other_year_not_locked(self):
        """The lock covers only its own satker-year-kind: another year's PK stays editable."""
        _, item = self.pk_lain()
        self.kunci()
        services_pk_item.item_ubah_target(item=item, target="70")
        self.assertEqual(ItemPK.objects.get(id=item.id).target, 70)


@override_settings(MEDIA_ROOT=MEDIA)
class LayananTerbukaTests(KunciMixin, TestCase):
    def boleh(self, status):
        """Assert every write goes through (and changes something) with the report in `status`."""
        self.kunci(status)
        for nama, tulis in TULIS.items():
            with self.subTest(tulis=nama):
                sebelum = jejak(self.pk.id)
                titik = transaction.savepoint()
                try:
                    tulis(self)
                    self.assertNotEqual(jejak(self.pk.id), sebelum)
                finally:
                    transaction.savepoint_rollback(titik)

    def test_writes_allowed_when_returned(self):
        """A report returned for corrections (dikembalikan) lets every PK write through."""
        self.boleh("dikembalikan")

    def test_writes_allowed_when_draft(self):
        """A draft report (e.g. reopened) lets every PK write through."""
        self.boleh("draf")


@override_settings(MEDIA_ROOT=MEDIA)
class HalamanTerkunciTests(KunciMixin, TestCase):
    def setUp(self):
        self.client.force_login(self.operator)
        self.kunci()

    def assertTidakBerubah(self, respons_fn, status=200):
        sebelum = jejak(self.pk.id)
        r = respons_fn()
        self.assertEqual(r.status_code, status)
        self.assertContains(r, self.pesan(), status_code=status)
        self.assertEqual(jejak(self.pk.id), sebelum)
        return r

    def test_pk_ubah_post_returns_page_with_message(self):
        """Posting the PK header returns the read-only page with the lock message."""
        data = {
            "tahun": 2023,
            "jenis": "lembaga",
            "tempat_ttd": "Kotabumi",
            "tanggal_ttd": "2023-01-02",
            "pihak_pertama_nama": "Ketua Baru",
            "pihak_pertama_jabatan": "Ketua",
        }
        url = reverse("pk_ubah", args=[self.pk.id])
        r = self.assertTidakBerubah(lambda: self.client.post(url, data))
        self.assertContains(r, "<fieldset disabled>")
        self.assertNotContains(r, '<button type="submit"')

    def test_item_target_post_returns_page_with_message(self):
        """Posting a target returns the read-only page with the lock message."""
        url = reverse("pk_item_target", args=[self.items["persen"].id])
        r = self.assertTidakBerubah(lambda: self.client.post(url, {"target": "90"}))
        self.assertNotContains(r, "Simpan target")

    def test_katalog_post_returns_page_with_message(self):
        """Posting catalogue indicators returns the page with the lock message."""
        url = reverse("pk_item_katalog", args=[self.pk.id])
        data = {f"pilih_{self.katalog.id}": "on", f"target_{self.katalog.id}": "80"}
        self.assertTidakBerubah(lambda: self.client.post(url, data))

    def test_item_baru_post_returns_page_with_message(self):
        """Posting an own indicator returns the page with the lock message."""
        url = reverse("pk_item_baru", args=[self.pk.id])
        data = {"sasaran": self.sasaran.id, "nama": "Baru", "satuan": "%", "target": "50"}
        self.assertTidakBerubah(lambda: self.client.post(url, data))

    def test_revisi_post_returns_page_with_message(self):
        """Posting a revision returns the page with the lock message; no revision is made."""
        url = reverse("pk_revisi", args=[self.pk.id])
        self.assertTidakBerubah(lambda: self.client.post(url, {"alasan": "Perubahan"}))

    def test_anggaran_post_returns_page_with_message(self):
        """Posting a programme returns the budget page with the message and no add form."""
        url = reverse("pk_anggaran", args=[self.pk.id])
        data = {"program": "Program Teknis", "pagu": "1.000"}
        r = self.assertTidakBerubah(lambda: self.client.post(url, data))
        self.assertNotContains(r, "Tambah program")

    def test_row_actions_redirect_with_message(self):
        """Delete/move actions on PK rows go back to the rows with the lock message."""
        urls = [
            reverse("pk_item_hapus", args=[self.items["kosong"].id]),
            reverse("pk_item_naik", args=[self.items["akip"].id]),
            reverse("pk_sasaran_naik", args=[self.pk.id, self.sasaran_2.id]),
            reverse("pk_anggaran_hapus", args=[self.pk.id, self.anggaran.id]),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertTidakBerubah(lambda u=url: self.client.post(u, follow=True))

    def test_susun_page_shows_banner_without_edit_controls(self):
        """The rows page says why and shows no add, move or delete controls."""
        r = self.client.get(reverse("pk_susun", args=[self.pk.id]))
        self.assertContains(r, self.pesan())
        self.assertNotContains(r, reverse("pk_item_katalog", args=[self.pk.id]))
        self.assertNotContains(r, reverse("pk_item_hapus", args=[self.items["kosong"].id]))

    def test_pk_detail_shows_banner(self):
        """The PK page says the data is locked and why."""
        r = self.client.get(reverse("pk_detail", args=[self.pk.id]))
        self.assertContains(r, self.pesan())

    def test_realisasi_post_redirects_with_message(self):
        """Saving a quarter goes back to the quarter page with the message; nothing is saved."""
        url = reverse("realisasi_simpan", args=[self.pk.id, 4])
        data = data_post(self.pk, 4, {self.items["persen"].id: {"nilai": "90"}})
        self.assertTidakBerubah(lambda: self.client.post(url, data, follow=True))

    def test_realisasi_page_read_only_with_banner(self):
        """The quarter page shows the lock message and no save button or inputs."""
        r = self.client.get(reverse("realisasi_triwulan", args=[self.pk.id, 4]))
        self.assertContains(r, self.pesan())
        self.assertNotContains(r, "Simpan realisasi TW")
        self.assertNotContains(r, f'name="r-{self.items["persen"].id}-nilai"')

    def test_bukti_upload_htmx_gives_message(self):
        """An htmx evidence upload returns the fragment with the message and no controls."""
        url = reverse("bukti_unggah", args=[self.items["persen"].id, 4])
        r = self.assertTidakBerubah(
            lambda: self.client.post(url, {"berkas": berkas_pdf()}, HTTP_HX_REQUEST="true")
        )
        self.assertNotContains(r, "Unggah</button>")

    def test_bukti_delete_htmx_gives_message(self):
        """An htmx evidence delete returns the fragment with the message; the file stays."""
        url = reverse("bukti_hapus", args=[self.bukti.id])
        self.assertTidakBerubah(lambda: self.client.post(url, HTTP_HX_REQUEST="true"))

    def test_pages_editable_again_when_returned(self):
        """Once the report is returned, the rows page has no banner and its controls are back."""
        self.kunci("dikembalikan")
        r = self.client.get(reverse("pk_susun", args=[self.pk.id]))
        self.assertNotContains(r, 'id="kunci-laporan"')
        self.assertContains(r, reverse("pk_item_katalog", args=[self.pk.id]))
