"""No lost updates: two people saving the same quarter.

The service-level tests run on any database. The two-connection tests need PostgreSQL (row locks
are real there; SQLite locks the whole file): run them with
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lkj_dev \
        .venv/bin/pytest kinerja/tests/test_konkurensi.py
"""

import threading
import time
import unittest
from decimal import Decimal
from unittest import mock

from django.db import connection, connections
from django.test import TestCase, TransactionTestCase

from kinerja.models import PerjanjianKinerja, Realisasi
from kinerja.services_realisasi import realisasi_simpan_triwulan
from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user
from .helpers_realisasi import masukan_triwulan


def _pk(pk_id):
    return PerjanjianKinerja.objects.dengan_item().get(id=pk_id)


class LostUpdateTests(TestCase):
    """Ani and Budi both opened TW IV of the same PK; Budi saves first."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.pk, cls.items = buat_pk(s["lampura"])
        cls.ani = buat_user("ani", s["lampura"], Peran.OPERATOR)
        cls.budi = buat_user("budi", s["lampura"], Peran.PENYUSUN)

    def simpan(self, user, baris, triwulan=4):
        return realisasi_simpan_triwulan(
            pk=_pk(self.pk.id), triwulan=triwulan, baris=baris, user=user
        )

    def test_stale_version_is_conflict_and_nothing_overwritten(self):
        """Ani's save with the version she loaded does not overwrite Budi's newer value."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        hasil = self.simpan(self.ani, dimuat_ani)
        self.assertFalse(hasil.disimpan)
        r = Realisasi.objects.get(item_id=persen, triwulan=4)
        self.assertEqual((r.nilai, r.diisi_oleh, r.versi), (Decimal(90), self.budi, 2))

    def test_conflict_names_who_and_both_values(self):
        """The conflict shows who saved, their value and Ani's typed value."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        konflik = self.simpan(self.ani, dimuat_ani).berkonflik[0].konflik
        self.assertEqual(konflik.oleh, "budi")
        nilai = konflik.perbedaan[0]
        self.assertEqual(
            (nilai.label, nilai.milik_mereka, nilai.milik_anda), ("Nilai", "90 %", "80 %")
        )
        self.assertTrue(nilai.berubah_sejak_dimuat)

    def test_conflict_blocks_the_other_rows_too(self):
        """With one conflicting row, Ani's other changes are not written either."""
        persen, akip = self.items["persen"].id, self.items["akip"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}, akip: {"nilai": "AA"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        self.simpan(self.ani, dimuat_ani)
        self.assertEqual(Realisasi.objects.get(item_id=akip, triwulan=4).nilai_predikat, "A")

    def test_concurrent_create_is_conflict_not_error(self):
        """Both create TW I of the same row: the second gets a conflict, not an error."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 1, {persen: {"nilai": "40"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 1, {persen: {"nilai": "45"}}), 1)
        hasil = self.simpan(self.ani, dimuat_ani, 1)
        self.assertEqual(len(hasil.berkonflik), 1)
        self.assertEqual(Realisasi.objects.get(item_id=persen, triwulan=1).nilai, Decimal(45))

    def test_deleted_meanwhile_is_conflict(self):
        """Editing a row Budi deleted meanwhile is a conflict that says it was deleted."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"hapus": True}}))
        konflik = self.simpan(self.ani, dimuat_ani).berkonflik[0].konflik
        self.assertEqual((konflik.dihapus, konflik.oleh), (True, "budi"))

    def test_both_delete_is_not_a_conflict(self):
        """Deleting a row Budi already deleted is no conflict: the row is gone either way."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"hapus": True}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"hapus": True}}))
        self.assertTrue(self.simpan(self.ani, dimuat_ani).disimpan)

    def test_row_left_untouched_is_not_a_conflict(self):
        """Budi changed a row Ani did not touch: Ani's other changes save, Budi's value stays."""
        persen, akip = self.items["persen"].id, self.items["akip"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {akip: {"nilai": "AA"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        hasil = self.simpan(self.ani, dimuat_ani)
        self.assertTrue(hasil.disimpan)
        self.assertEqual(Realisasi.objects.get(item_id=persen, triwulan=4).nilai, Decimal(90))
        self.assertEqual(Realisasi.objects.get(item_id=akip, triwulan=4).nilai_predikat, "AA")

    def test_resubmit_with_current_version_overwrites(self):
        """After seeing the conflict, saving again with the shown version applies Ani's value."""
        persen = self.items["persen"].id
        dimuat_ani = masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}})
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        konflik = self.simpan(self.ani, dimuat_ani).berkonflik[0].konflik
        dimuat_ani[0].versi = konflik.versi_sekarang
        self.assertTrue(self.simpan(self.ani, dimuat_ani).disimpan)
        self.assertEqual(Realisasi.objects.get(item_id=persen, triwulan=4).nilai, Decimal(80))

    def test_every_save_in_history(self):
        """Both saves of the overwrite are in the history, each with its user."""
        persen = self.items["persen"].id
        self.simpan(self.budi, masukan_triwulan(self.pk, 4, {persen: {"nilai": "90"}}))
        self.simpan(self.ani, masukan_triwulan(self.pk, 4, {persen: {"nilai": "80"}}))
        pengguna = list(
            Realisasi.history.filter(item_id=persen, history_type="~")
            .order_by("history_date")
            .values_list("history_user__username", "versi")
        )
        self.assertEqual(pengguna, [("budi", 2), ("ani", 3)])


@unittest.skipUnless(
    connection.vendor == "postgresql",
    "needs PostgreSQL (real row locks between two connections); run with "
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/lkj_dev",
)
class DuaKoneksiTests(TransactionTestCase):
    """Two threads, each with its own database connection, save the same quarter row from the
    same loaded version at the same moment."""

    def setUp(self):
        s = buat_satker()
        self.pk, self.items = buat_pk(s["lampura"])
        self.users = [
            buat_user("ani", s["lampura"], Peran.OPERATOR),
            buat_user("budi", s["lampura"], Peran.PENYUSUN),
        ]

    def _balapan(self, triwulan, nilai_per_user):
        """Run both saves behind a barrier; each write lingers so the transactions overlap."""
        persen = self.items["persen"].id
        baris = [
            masukan_triwulan(self.pk, triwulan, {persen: {"nilai": n}}) for n in nilai_per_user
        ]
        barrier = threading.Barrier(2)
        hasil = [None, None]
        galat = []
        simpan_asli = Realisasi.save

        def simpan_lambat(obj, *args, **kwargs):
            time.sleep(0.3)  # hold the row locks while the other thread tries to read
            return simpan_asli(obj, *args, **kwargs)

        def kerja(i):
            try:
                pk = _pk(self.pk.id)
                barrier.wait(timeout=10)
                hasil[i] = realisasi_simpan_triwulan(
                    pk=pk, triwulan=triwulan, baris=baris[i], user=self.users[i]
                )
            except Exception as exc:  # surfaced in the main thread
                galat.append(exc)
            finally:
                connections.close_all()

        with mock.patch.object(Realisasi, "save", simpan_lambat):
            threads = [threading.Thread(target=kerja, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
        self.assertEqual(galat, [])
        return hasil

    def test_same_version_update_exactly_one_wins(self):
        """Updating the same row from the same version: one saves, the other gets a conflict."""
        hasil = self._balapan(4, ["80", "90"])
        self.assertEqual(sorted(h.disimpan for h in hasil), [False, True])
        kalah = next(h for h in hasil if not h.disimpan)
        menang = hasil.index(next(h for h in hasil if h.disimpan))
        self.assertEqual(len(kalah.berkonflik), 1)
        r = Realisasi.objects.get(item=self.items["persen"], triwulan=4)
        self.assertEqual((r.nilai, r.versi), (Decimal(["80", "90"][menang]), 2))
        self.assertEqual(
            Realisasi.history.filter(item_id=r.item_id, triwulan=4, history_type="~").count(), 1
        )

    def test_same_row_create_exactly_one_wins(self):
        """Creating the same new row at once: one creates it, the other gets a conflict."""
        hasil = self._balapan(1, ["40", "45"])
        self.assertEqual(sorted(h.disimpan for h in hasil), [False, True])
        kalah = next(h for h in hasil if not h.disimpan)
        self.assertEqual(len(kalah.berkonflik), 1)
        self.assertEqual(Realisasi.objects.filter(item=self.items["persen"], triwulan=1).count(), 1)
