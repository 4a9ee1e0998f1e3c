"""kinerja.services_pk, services_pk_item and selectors_pk without views: PK header, Renstra
adoption, items, order, revisions."""

from datetime import date
from decimal import Decimal
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase

from kinerja import selectors_pk as sel
from kinerja import services_pk as sp
from kinerja import services_pk_item as spi
from kinerja.models import (
    AnggaranPK,
    Bukti,
    Indikator,
    ItemPK,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Sasaran,
    SkalaNilai,
    TargetRenstra,
    TargetTriwulan,
)

from .helpers import buat_pk, buat_satker, buat_skala_akip

KEPALA = {
    "tempat_ttd": "Kotabumi",
    "tanggal_ttd": date(2023, 1, 2),
    "pihak_pertama_nama": "Ketua Uji",
    "pihak_pertama_jabatan": "Ketua KPU Kabupaten Lampung Utara",
    "pihak_pertama_nip": "19881128 200701 1 002",
}


def buat_renstra_nasional(ri, skala=None):
    """KPU RI's 2020–2024 Renstra: two sasaran, a share percentage and an AKIP grade."""
    skala = skala or SkalaNilai.objects.filter(kode="akip").first() or buat_skala_akip()
    renstra = Renstra.objects.create(
        satker=ri,
        tahun_mulai=2020,
        tahun_selesai=2024,
        nama="Renstra KPU 2020–2024",
        visi="Menjadi penyelenggara pemilu yang mandiri",
        misi="Misi satu\nMisi dua",
        tujuan="Tujuan satu",
    )
    s1 = Sasaran.objects.create(renstra=renstra, nomor=1, teks="Meningkatnya kapasitas SDM")
    s2 = Sasaran.objects.create(renstra=renstra, nomor=2, teks="Meningkatnya akuntabilitas")
    persen = Indikator.objects.create(
        sasaran=s1, kode="1.1", nama="Persentase pegawai kompeten", satuan="%"
    )
    TargetRenstra.objects.create(indikator=persen, tahun=2023, target=Decimal("85"))
    akip = Indikator.objects.create(
        sasaran=s2,
        kode="2.1",
        nama="Nilai AKIP",
        satuan="predikat",
        jenis_nilai="predikat",
        skala_nilai=skala,
    )
    TargetRenstra.objects.create(indikator=akip, tahun=2023, target_predikat="BB")
    return renstra


class NilaiTests(TestCase):
    """Reading values typed by a person."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.pk, cls.items = buat_pk(s["lampura"])
        cls.persen = cls.items["persen"].indikator
        cls.akip = cls.items["akip"].indikator

    def test_nip_with_spaces_normalised(self):
        """A NIP typed without spaces is stored as printed, 8-6-1-3."""
        self.assertEqual(sp.normalisasi_nip("198811282007011002"), "19881128 200701 1 002")

    def test_nip_wrong_length_refused(self):
        """A NIP that is not 18 digits is refused with an Indonesian message."""
        with self.assertRaisesMessage(ValidationError, "NIP terdiri atas 18 angka"):
            sp.normalisasi_nip("19881128 200701 1 02")

    def test_decimal_comma_read(self):
        """ "66,23" is read as 66.23."""
        self.assertEqual(self.persen.baca("66,23").kolom, (Decimal("66.23"), ""))

    def test_text_for_number_refused(self):
        """ "dua" in a numeric field is refused."""
        with self.assertRaisesMessage(ValidationError, "bukan angka"):
            self.persen.baca("dua")

    def test_other_unit_refused(self):
        """ "2 laporan" against a percentage indicator is refused (rule 7)."""
        with self.assertRaisesMessage(ValidationError, "tidak sesuai dengan satuan"):
            self.persen.baca("2 laporan")

    def test_cyrillic_grade_normalised(self):
        """A Cyrillic "В" is read as the Latin grade B."""
        self.assertEqual(self.akip.baca("\u0412").kolom, (None, "B"))

    def test_grade_outside_scale_refused(self):
        """A grade not on the AKIP scale is refused."""
        with self.assertRaisesMessage(ValidationError, "tidak ada dalam skala"):
            self.akip.baca("E")

    def test_rupiah_as_printed_read(self):
        """ "Rp 2.647.529.000,-" is read as 2647529000."""
        self.assertEqual(sp.baca_rupiah("Rp 2.647.529.000,-"), Decimal("2647529000"))


class AdopsiRenstraTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        cls.nasional = buat_renstra_nasional(cls.s["ri"])

    def test_adoption_copies_plan_and_indicators(self):
        """Adopting copies visi, misi, tujuan, sasaran and indicators, pointing to the originals."""
        renstra = sp.renstra_adopsi_nasional(satker=self.s["metro"], tahun=2023)
        self.assertEqual(renstra.acuan, self.nasional)
        self.assertEqual(renstra.misi, "Misi satu\nMisi dua")
        self.assertEqual(
            list(renstra.sasaran.values_list("nomor", "teks")),
            [(1, "Meningkatnya kapasitas SDM"), (2, "Meningkatnya akuntabilitas")],
        )
        salinan = Indikator.objects.get(sasaran__renstra=renstra, kode="2.1")
        self.assertEqual(salinan.acuan.sasaran.renstra, self.nasional)
        self.assertEqual(salinan.skala_nilai.kode, "akip")

    def test_adoption_copies_medium_term_targets(self):
        """The Renstra's yearly targets come along with the indicators."""
        renstra = sp.renstra_adopsi_nasional(satker=self.s["metro"], tahun=2023)
        target = TargetRenstra.objects.get(
            indikator__sasaran__renstra=renstra, tahun=2023, indikator__kode="1.1"
        )
        self.assertEqual(target.target, Decimal("85"))

    def test_existing_renstra_kept(self):
        """A satker that has a Renstra for the year keeps it; nothing is copied."""
        pk, _ = buat_pk(self.s["lampura"])
        self.assertEqual(sp.renstra_adopsi_nasional(satker=pk.satker, tahun=2023), pk.renstra)
        self.assertEqual(Renstra.objects.filter(satker=pk.satker).count(), 1)

    def test_no_national_renstra_for_year(self):
        """Without a national Renstra covering the year the message says so."""
        with self.assertRaisesMessage(ValidationError, "Renstra nasional KPU RI"):
            sp.renstra_adopsi_nasional(satker=self.s["metro"], tahun=2027)


class PKBuatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        buat_renstra_nasional(cls.s["ri"])
        cls.pk, cls.items = buat_pk(cls.s["lampura"])

    def test_create_adopts_national_renstra(self):
        """A satker without a Renstra gets the national one adopted for its first PK."""
        pk = sp.pk_buat(satker=self.s["metro"], tahun=2023, jenis="lembaga", **KEPALA)
        self.assertEqual(pk.renstra.satker, self.s["metro"])
        self.assertEqual(pk.renstra.acuan.satker.kode, "00")
        self.assertEqual(pk.revisi, 0)

    def test_create_uses_satker_renstra(self):
        """A satker with a Renstra covering the year uses it."""
        pk = sp.pk_buat(satker=self.s["lampura"], tahun=2023, jenis="sekretariat", **KEPALA)
        self.assertEqual(pk.renstra, self.pk.renstra)

    def test_duplicate_refused_with_message(self):
        """A second PK of the same satker, year and kind is refused clearly."""
        with self.assertRaisesMessage(ValidationError, "sudah memiliki Perjanjian Kinerja"):
            sp.pk_buat(satker=self.s["lampura"], tahun=2023, jenis="lembaga", **KEPALA)
        self.assertEqual(PerjanjianKinerja.objects.filter(satker=self.s["lampura"]).count(), 1)

    def test_database_clash_becomes_validation_error(self):
        """Should two requests race past the check, the unique constraint gives a message."""
        pk = PerjanjianKinerja(
            satker=self.s["lampura"], tahun=2023, jenis="lembaga", renstra=self.pk.renstra
        )
        pesan = "sudah memiliki Perjanjian Kinerja"
        with (
            mock.patch.object(PerjanjianKinerja, "full_clean"),
            self.assertRaisesMessage(ValidationError, pesan),
        ):
            sp._simpan_pk(pk)

    def test_wrong_nip_refused_and_nothing_written(self):
        """A wrong NIP is reported on its field and no Renstra is adopted."""
        data = {**KEPALA, "pihak_pertama_nip": "1988"}
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_buat(satker=self.s["metro"], tahun=2023, jenis="lembaga", **data)
        self.assertIn("pihak_pertama_nip", ctx.exception.message_dict)
        self.assertFalse(Renstra.objects.filter(satker=self.s["metro"]).exists())

    def test_impossible_nip_refused_naming_the_part(self):
        """18 digits are not enough: a NIP appointing its owner before birth is refused with
        the part that is wrong."""
        data = {**KEPALA, "pihak_pertama_nip": "19881128 198001 1 002"}
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_buat(satker=self.s["metro"], tahun=2023, jenis="lembaga", **data)
        self.assertIn("belum berumur 18 tahun", ctx.exception.message_dict["pihak_pertama_nip"][0])

    def test_signing_date_in_another_year_refused(self):
        """A PK for 2023 signed in 2021 is refused (a stale year)."""
        data = {**KEPALA, "tanggal_ttd": date(2021, 1, 2)}
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_buat(satker=self.s["metro"], tahun=2023, jenis="lembaga", **data)
        self.assertIn("tanggal_ttd", ctx.exception.message_dict)

    def test_year_outside_renstra_period_refused(self):
        """Choosing a Renstra that does not cover the year is refused."""
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_buat(
                satker=self.s["lampura"],
                tahun=2019,
                jenis="lembaga",
                renstra=self.pk.renstra,
                **{**KEPALA, "tanggal_ttd": None},
            )
        self.assertIn("tahun", ctx.exception.message_dict)

    def test_second_party_needs_a_name(self):
        """A second party with a jabatan but no name is refused."""
        data = {**KEPALA, "pihak_kedua_jabatan": "Ketua"}
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_buat(satker=self.s["metro"], tahun=2023, jenis="lembaga", **data)
        self.assertIn("pihak_kedua_nama", ctx.exception.message_dict)

    def test_edit_header_normalises_nip(self):
        """Editing the header stores the NIP in printed form."""
        kedua = {
            "pihak_kedua_nama": "Atasan",
            "pihak_kedua_jabatan": "Ketua",
            "pihak_kedua_nip": "198811282007011002",
        }
        sp.pk_ubah(pk=self.pk, **KEPALA, **kedua)
        self.pk.refresh_from_db()
        self.assertEqual(self.pk.pihak_kedua_nip, "19881128 200701 1 002")


class RevisiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        cls.pk, cls.items = buat_pk(cls.s["lampura"])
        AnggaranPK.objects.create(pk_induk=cls.pk, urutan=1, program="Dukungan", pagu=1000)
        TargetTriwulan.objects.create(item=cls.items["persen"], triwulan=2, target=50)

    def test_revision_needs_reason(self):
        """A revision without a reason is refused."""
        with self.assertRaises(ValidationError) as ctx:
            sp.pk_revisi(pk=self.pk, alasan="  ")
        self.assertIn("alasan", ctx.exception.message_dict)

    def test_unsigned_pk_not_revised(self):
        """A PK without a signing date is edited, not revised."""
        self.pk.tanggal_ttd = None
        self.pk.save()
        with self.assertRaisesMessage(ValidationError, "belum ditandatangani"):
            sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")

    def test_revision_copies_everything(self):
        """Revision 1 copies header, items, quarter targets, realisasi and budget."""
        baru = sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        self.assertEqual((baru.revisi, baru.alasan_revisi), (1, "Perubahan DIPA"))
        self.assertEqual(baru.pihak_pertama_nama, "Ketua Uji")
        self.assertEqual(baru.item.count(), 3)
        self.assertEqual(
            list(baru.item.values_list("indikator__kode", "urutan")),
            list(self.pk.item.values_list("indikator__kode", "urutan")),
        )
        self.assertTrue(TargetTriwulan.objects.filter(item__pk_induk=baru, triwulan=2).exists())
        self.assertEqual(Realisasi.objects.filter(item__pk_induk=baru).count(), 4)
        self.assertEqual(baru.anggaran.get().pagu, 1000)

    def test_old_revision_keeps_its_data(self):
        """The old revision keeps its items and realisasi."""
        sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        self.assertEqual(Realisasi.objects.filter(item__pk_induk=self.pk).count(), 4)

    def test_revision_copies_evidence_file(self):
        """Evidence is copied into a file of its own for the new revision."""
        r = Realisasi.objects.get(item=self.items["persen"], triwulan=4)
        Bukti.objects.create(
            realisasi=r,
            berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 bukti"),
            nama_asli="sk.pdf",
            jenis_mime="application/pdf",
            ukuran=14,
        )
        baru = sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        salinan = Bukti.objects.get(realisasi__item__pk_induk=baru)
        self.assertNotEqual(salinan.berkas.name, r.bukti.get().berkas.name)
        with salinan.berkas.open("rb") as f:
            self.assertEqual(f.read(), b"%PDF-1.4 bukti")

    def test_superseded_revision_is_read_only(self):
        """Once revised, the old revision can be neither edited nor revised again."""
        sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        with self.assertRaisesMessage(ValidationError, "revisi 1 yang berlaku"):
            sp.pk_ubah(pk=self.pk, **KEPALA)
        with self.assertRaisesMessage(ValidationError, "revisi 1 yang berlaku"):
            sp.pk_revisi(pk=self.pk, alasan="Lagi")
        with self.assertRaisesMessage(ValidationError, "revisi 1 yang berlaku"):
            spi.item_hapus(item=self.items["persen"])

    def test_second_revision_numbered_two(self):
        """Revising revision 1 gives revision 2."""
        satu = sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        self.assertEqual(sp.pk_revisi(pk=satu, alasan="Perubahan kedua").revisi, 2)

    def test_year_of_revision_fixed(self):
        """The year of a revision cannot be changed apart from its PK."""
        satu = sp.pk_revisi(pk=self.pk, alasan="Perubahan DIPA")
        with self.assertRaisesMessage(ValidationError, "tidak dapat diubah"):
            sp.pk_ubah(pk=satu, tahun=2024, **{**KEPALA, "tanggal_ttd": None})


class ItemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = buat_satker()
        cls.pk, cls.items = buat_pk(cls.s["lampura"])
        cls.renstra = cls.pk.renstra
        cls.sasaran1 = cls.items["persen"].indikator.sasaran
        cls.sasaran2 = Sasaran.objects.create(renstra=cls.renstra, nomor=2, teks="Sasaran dua")
        cls.baru_persen = Indikator.objects.create(
            sasaran=cls.sasaran2, kode="2.1", nama="Persentase arsip", satuan="%"
        )
        cls.baru_dokumen = Indikator.objects.create(
            sasaran=cls.sasaran1, kode="1.4", nama="Jumlah laporan", satuan="laporan"
        )

    def urutan(self):
        return list(self.pk.item.order_by("urutan").values_list("indikator__kode", "urutan"))

    def test_catalogue_adds_several_in_place(self):
        """Several catalogue indicators are added at once, each after its sasaran's rows."""
        spi.item_tambah_dari_katalog(
            pk=self.pk, pilihan=[(self.baru_persen, "87,5"), (self.baru_dokumen, "4")]
        )
        self.assertEqual(
            self.urutan(), [("1.1", 1), ("1.2", 2), ("1.3", 3), ("1.4", 4), ("2.1", 5)]
        )
        self.assertEqual(self.pk.item.get(indikator=self.baru_persen).target, Decimal("87.5"))

    def test_catalogue_row_error_adds_nothing(self):
        """One bad target stops the whole batch and is reported on its row."""
        with self.assertRaises(ValidationError) as ctx:
            spi.item_tambah_dari_katalog(
                pk=self.pk, pilihan=[(self.baru_dokumen, "4"), (self.baru_persen, "dua")]
            )
        self.assertIn(f"target_{self.baru_persen.id}", ctx.exception.message_dict)
        self.assertEqual(self.pk.item.count(), 3)

    def test_share_percentage_above_100_refused(self):
        """120 for a share percentage is refused."""
        with self.assertRaises(ValidationError) as ctx:
            spi.item_tambah_dari_katalog(pk=self.pk, pilihan=[(self.baru_persen, "120")])
        self.assertIn("lebih dari 100", str(ctx.exception))

    def test_indicator_of_other_renstra_refused(self):
        """An indicator outside the PK's Renstra is refused."""
        lain = buat_renstra_nasional(self.s["ri"]).sasaran.first().indikator.first()
        with self.assertRaisesMessage(ValidationError, "Renstra yang diacu"):
            spi.item_tambah_dari_katalog(pk=self.pk, pilihan=[(lain, "80")])

    def test_catalogue_lists_only_missing_indicators(self):
        """The catalogue offers only Renstra indicators not yet in the PK."""
        kode = [i.kode for i in sel.indikator_katalog(self.pk)]
        self.assertEqual(kode, ["1.4", "2.1"])

    def test_own_indicator_under_new_sasaran(self):
        """An own indicator typed under a new sasaran creates both and the row."""
        item = spi.item_tambah_indikator_baru(
            pk=self.pk,
            sasaran_baru="Terwujudnya layanan informasi",
            indikator={"nama": "Jumlah rilis", "satuan": "rilis", "agregasi": "kumulatif"},
            target="12",
            target_triwulan={1: "3", 2: "3", 3: "3", 4: "3"},
        )
        self.assertEqual(item.indikator.sasaran.nomor, 3)
        self.assertEqual(item.indikator.kode, "3.1")
        self.assertEqual(item.target_triwulan.count(), 4)
        self.assertEqual(item.urutan, 4)

    def test_own_grade_indicator_needs_scale(self):
        """A grade indicator without a scale is refused and nothing is created."""
        with self.assertRaises(ValidationError) as ctx:
            spi.item_tambah_indikator_baru(
                pk=self.pk,
                sasaran=self.sasaran2,
                indikator={"nama": "Predikat", "satuan": "predikat", "jenis_nilai": "predikat"},
                target="B",
            )
        self.assertIn("skala_nilai", ctx.exception.message_dict)
        self.assertFalse(Indikator.objects.filter(nama="Predikat").exists())

    def test_target_set_with_quarters_and_activity(self):
        """The yearly, quarterly and activity targets are stored; an empty quarter is removed."""
        item = self.items["persen"]
        TargetTriwulan.objects.create(item=item, triwulan=1, target=10)
        spi.item_ubah_target(
            item=item,
            target="66,23",
            target_kegiatan="5",
            satuan_kegiatan="orang",
            target_triwulan={1: "", 2: "30", 4: "66,23"},
        )
        item.refresh_from_db()
        self.assertEqual((item.target, item.target_kegiatan), (Decimal("66.23"), 5))
        self.assertEqual(list(item.target_triwulan.values_list("triwulan", flat=True)), [2, 4])

    def test_target_in_other_unit_changes_nothing(self):
        """ "2 laporan" as a quarter target of a % indicator is refused; nothing changes."""
        item = self.items["persen"]
        with self.assertRaises(ValidationError) as ctx:
            spi.item_ubah_target(item=item, target="90", target_triwulan={2: "2 laporan"})
        self.assertIn("target_tw2", ctx.exception.message_dict)
        item.refresh_from_db()
        self.assertEqual(item.target, Decimal("95"))

    def test_all_target_errors_reported_together(self):
        """A yearly 120 % and a quarter in another unit are both reported in one go."""
        with self.assertRaises(ValidationError) as ctx:
            spi.item_ubah_target(
                item=self.items["persen"], target="120", target_triwulan={2: "2 laporan"}
            )
        self.assertEqual(set(ctx.exception.message_dict), {"target", "target_tw2"})

    def test_quarter_above_100_for_share_refused(self):
        """A quarterly target above 100 for a share percentage is refused."""
        with self.assertRaises(ValidationError) as ctx:
            spi.item_ubah_target(item=self.items["persen"], target="95", target_triwulan={1: "101"})
        self.assertIn("target_tw1", ctx.exception.message_dict)

    def test_target_change_recorded_in_history(self):
        """A target change is kept in the item's history."""
        item = self.items["persen"]
        sebelum = item.history.count()
        spi.item_ubah_target(item=item, target="90")
        self.assertEqual(item.history.count(), sebelum + 1)
        self.assertEqual(item.history.first().target, Decimal("90"))

    def test_cumulative_quarters_warned(self):
        """Quarterly targets of a cumulative indicator that do not add up are warned about."""
        item = self.items["revisi"]
        spi.item_ubah_target(item=item, target="10", target_triwulan={1: 2, 2: 2, 3: 2, 4: 2})
        self.assertIn("Jumlah target TW I–IV (8)", sel.peringatan_target(item)[0])

    def test_item_with_realisasi_not_removed(self):
        """An item with realisasi is kept, and the message names the quarters."""
        with self.assertRaisesMessage(ValidationError, "TW II, TW IV"):
            spi.item_hapus(item=self.items["revisi"])
        self.assertTrue(ItemPK.objects.filter(id=self.items["revisi"].id).exists())

    def test_item_removed_and_rows_renumbered(self):
        """Removing an item renumbers the rows 1..n."""
        self.items["persen"].realisasi.all().delete()
        spi.item_hapus(item=self.items["persen"])
        self.assertEqual(self.urutan(), [("1.2", 1), ("1.3", 2)])

    def test_move_down_then_up(self):
        """Moving a row down and up swaps it with its neighbour."""
        spi.item_geser(item=self.items["persen"], arah="turun")
        self.assertEqual(self.urutan(), [("1.2", 1), ("1.1", 2), ("1.3", 3)])
        self.items["akip"].refresh_from_db()
        spi.item_geser(item=self.items["akip"], arah="naik")
        self.assertEqual(self.urutan(), [("1.2", 1), ("1.3", 2), ("1.1", 3)])

    def test_first_row_cannot_move_up(self):
        """The first row of a sasaran cannot move up."""
        with self.assertRaisesMessage(ValidationError, "sudah paling atas"):
            spi.item_geser(item=self.items["persen"], arah="naik")

    def test_gaps_closed_when_moving(self):
        """Rows numbered with gaps are renumbered contiguously by a move."""
        ItemPK.objects.filter(id=self.items["akip"].id).update(urutan=30)
        spi.item_geser(item=self.items["revisi"], arah="naik")
        self.assertEqual(self.urutan(), [("1.2", 1), ("1.1", 2), ("1.3", 3)])

    def test_sasaran_moved_with_its_rows(self):
        """Moving a sasaran up moves all its rows above the previous sasaran's."""
        spi.item_tambah_dari_katalog(pk=self.pk, pilihan=[(self.baru_persen, "80")])
        spi.sasaran_geser(pk=self.pk, sasaran=self.sasaran2, arah="naik")
        self.assertEqual(self.urutan(), [("2.1", 1), ("1.1", 2), ("1.2", 3), ("1.3", 4)])

    def test_document_rows_span_sasaran(self):
        """The document numbers sasaran 1..n and spans each over its indicators."""
        spi.item_tambah_dari_katalog(pk=self.pk, pilihan=[(self.baru_persen, "80")])
        baris = sel.baris_dokumen(PerjanjianKinerja.objects.dengan_item().get(id=self.pk.id))
        self.assertEqual(
            [(b.sasaran_nomor, b.rowspan) for b in baris], [(1, 3), (None, 0), (None, 0), (2, 1)]
        )


class AnggaranTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pk, _ = buat_pk(buat_satker()["lampura"])

    def test_budget_added_and_removed(self):
        """A programme is added with its pagu as printed and removed again."""
        a = sp.anggaran_tambah(pk=self.pk, program="Dukungan Manajemen", pagu="Rp 2.647.529.000")
        self.assertEqual(a.pagu, Decimal("2647529000"))
        sp.anggaran_hapus(anggaran=a)
        self.assertFalse(self.pk.anggaran.exists())

    def test_budget_text_refused(self):
        """A pagu that is not an amount is refused on its field."""
        with self.assertRaises(ValidationError) as ctx:
            sp.anggaran_tambah(pk=self.pk, program="Dukungan", pagu="dua juta")
        self.assertIn("pagu", ctx.exception.message_dict)


class KodeIndikatorBerikutTests(SimpleTestCase):
    def test_after_the_highest_code_of_the_sasaran(self):
        """The next code follows the sasaran's highest; a gap is not reused; other sasaran's
        codes and non-numeric codes do not count."""
        self.assertEqual(sel.kode_indikator_berikut(3, set()), "3.1")
        self.assertEqual(sel.kode_indikator_berikut(3, {"3.1", "3.3", "13.9"}), "3.4")
        self.assertEqual(sel.kode_indikator_berikut(2, {"2.a", "1.5"}), "2.1")
