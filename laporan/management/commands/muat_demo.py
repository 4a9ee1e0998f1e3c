"""`manage.py muat_demo`: the master data and the four demo satker-years. Each app loads its own
part (satker/demo.py, kinerja/demo.py, anggaran/demo.py, laporan/demo.py); this command only
puts them in order, in one transaction."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anggaran.demo import muat_anggaran_demo
from kinerja import demo as kinerja_demo
from kinerja.models import Renstra
from laporan.demo import buat_laporan_demo
from satker import demo as satker_demo
from satker.models import Satker


class Command(BaseCommand):
    help = "Memuat data induk (553 satker, skala, Renstra nasional) dan data demo empat LKj."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ulang", action="store_true", help="Hapus dan muat ulang data demo yang sudah ada."
        )
        parser.add_argument(
            "--akun", action="store_true", help="Hanya cetak daftar akun demo, tanpa memuat data."
        )

    def handle(self, *args, ulang=False, akun=False, **options):
        if akun:
            self.stdout.write("\n".join(satker_demo.daftar_akun_demo()))
            return
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Data demo tidak dimuat dalam mode produksi (DEBUG=0).")
        if Renstra.objects.filter(satker__kode="00").exists() and not ulang:
            self.stdout.write("Data demo sudah dimuat; gunakan --ulang untuk memuat ulang.")
            return
        berkas = satker_demo.berkas_demo()
        kode_demo = [f.name.split("_")[0] for f in berkas]
        with transaction.atomic():
            satker_demo.muat_satker()
            for renstra in kinerja_demo.muat_induk_kinerja(
                satker_demo.FIXTURES / "master", kode_demo
            ):
                self.stdout.write(f"Renstra nasional: {renstra}")
            for path in berkas:
                satker_demo.muat_profil_demo(path)
                for pk in kinerja_demo.muat_kinerja_demo(path):
                    self.stdout.write(f"{pk}: {pk.item.count()} indikator")
                jumlah_ro = muat_anggaran_demo(path)
                if jumlah_ro:
                    self.stdout.write(f"Anggaran {path.stem}: {jumlah_ro} RO")
            satker_demo.muat_akun_demo()
            buat_laporan_demo(berkas, self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"{Satker.objects.count()} satker dimuat."))
