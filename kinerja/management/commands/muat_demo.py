import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anggaran.demo import muat_anggaran_demo
from kinerja import demo
from kinerja.models import PerjanjianKinerja, Renstra
from satker.models import Keanggotaan, Peran, Satker

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "demo-lkj-2026"
KODE_DEMO = ["18.03", "36.73", "18.72", "17.02"]

# (username, satker code, role, display name, jabatan)
DEMO_USERS = [
    ("admin", "00", Peran.ADMIN, "Admin KPU RI", "Administrator Sistem"),
    ("reviewer.lampung", "18", Peran.REVIEWER, "Reviewer Lampung", "Kasubbag Perencanaan"),
    ("reviewer.bengkulu", "17", Peran.REVIEWER, "Reviewer Bengkulu", "Kasubbag Perencanaan"),
    ("reviewer.banten", "36", Peran.REVIEWER, "Reviewer Banten", "Kasubbag Perencanaan"),
    ("operator.lampura", "18.03", Peran.OPERATOR, "Operator Lampung Utara", "Staf Perencanaan"),
    ("penyusun.lampura", "18.03", Peran.PENYUSUN, "Penyusun Lampung Utara", "Kasubbag Perencanaan"),
    ("pimpinan.lampura", "18.03", Peran.PIMPINAN, "Pimpinan Lampung Utara", "Ketua"),
    ("operator.metro", "18.72", Peran.OPERATOR, "Operator Kota Metro", "Staf Perencanaan"),
    ("penyusun.metro", "18.72", Peran.PENYUSUN, "Penyusun Kota Metro", "Kasubbag Perencanaan"),
    ("pimpinan.metro", "18.72", Peran.PIMPINAN, "Pimpinan Kota Metro", "Ketua"),
    ("operator.rejanglebong", "17.02", Peran.OPERATOR, "Operator Rejang Lebong", "Staf"),
    ("penyusun.rejanglebong", "17.02", Peran.PENYUSUN, "Penyusun Rejang Lebong", "Kasubbag"),
    ("pimpinan.rejanglebong", "17.02", Peran.PIMPINAN, "Pimpinan Rejang Lebong", "Ketua"),
    ("operator.serang", "36.73", Peran.OPERATOR, "Operator Kota Serang", "Staf Perencanaan"),
    ("penyusun.serang", "36.73", Peran.PENYUSUN, "Penyusun Kota Serang", "Kasubbag Perencanaan"),
    ("pimpinan.serang", "36.73", Peran.PIMPINAN, "Pimpinan Kota Serang", "Sekretaris"),
]


def ttd_laporan_demo(paths) -> dict[tuple[str, int, str], dict]:
    """The Kata Pengantar signature each demo file's "laporan" block gives, per (satker code,
    year, kind), as Laporan columns. Only what the block states is set: a key left out keeps
    what laporan_buat derived from the satker and the PK (format: fixtures/demo/SCHEMA.md)."""
    hasil = {}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for blok in data.get("laporan", []):
            kolom = {}
            if "tempat_ttd" in blok:
                kolom["tempat_ttd"] = blok["tempat_ttd"] or ""
            if "tanggal_ttd" in blok:
                tanggal = blok["tanggal_ttd"]
                kolom["tanggal_ttd"] = date.fromisoformat(tanggal) if tanggal else None
            orang = blok.get("penandatangan")
            if orang is not None:
                # The three together: a name from the seed never keeps another person's NIP.
                kolom["penandatangan_nama"] = orang.get("nama", "")
                kolom["penandatangan_jabatan"] = orang.get("jabatan", "")
                kolom["penandatangan_nip"] = orang.get("nip", "")
            hasil[(data["satker"]["kode"], data["tahun"], blok["jenis"])] = kolom
    return hasil


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
            self.cetak_akun()
            return
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Data demo tidak dimuat dalam mode produksi (DEBUG=0).")
        demo_files = sorted((FIXTURES / "demo").glob("*.json"))
        kode_demo = [f.name.split("_")[0] for f in demo_files]
        sudah_ada = Renstra.objects.filter(satker__kode="00").exists()
        if sudah_ada and not ulang:
            self.stdout.write("Data demo sudah dimuat; gunakan --ulang untuk memuat ulang.")
            return
        with transaction.atomic():
            call_command("loaddata", FIXTURES / "satker.json", verbosity=0)
            demo.muat_skala(FIXTURES / "master" / "skala.json")
            PerjanjianKinerja.objects.filter(satker__kode__in=kode_demo).delete()
            Renstra.objects.filter(satker__kode__in=kode_demo).delete()
            Renstra.objects.filter(satker__kode="00").delete()
            for path in sorted((FIXTURES / "master").glob("renstra_*.json")):
                renstra = demo.muat_renstra_nasional(path)
                self.stdout.write(f"Renstra nasional: {renstra}")
            for path in demo_files:
                for pk in demo.muat_laporan_demo(path):
                    self.stdout.write(f"{pk}: {pk.item.count()} indikator")
                jumlah_ro = muat_anggaran_demo(path)
                if jumlah_ro:
                    self.stdout.write(f"Anggaran {path.stem}: {jumlah_ro} RO")
            self.buat_akun()
            self.buat_laporan()
        self.stdout.write(self.style.SUCCESS(f"{Satker.objects.count()} satker dimuat."))

    def buat_laporan(self):
        """One report per demo satker-year, as the seed publishes it: of its one PK, or combined
        over both PKs where the satker-year has two (Rejang Lebong publishes one LKj holding
        the commission's and the secretariat's PK). Drafts come from the data; the signature is
        the seed's (the "laporan" block of its file). A report already under review or approved
        keeps its signature: its content is locked."""
        from laporan.models import JenisLaporan, Laporan
        from laporan.services import laporan_buat, laporan_ubah

        ttd = ttd_laporan_demo(sorted((FIXTURES / "demo").glob("*.json")))
        jenis_per_tahun: dict[tuple, set] = {}
        for pk in PerjanjianKinerja.objects.filter(satker__kode__in=KODE_DEMO).terkini():
            jenis_per_tahun.setdefault((pk.satker, pk.tahun), set()).add(pk.jenis)
        for (satker, tahun), jenis_pk in jenis_per_tahun.items():
            jenis = JenisLaporan.GABUNGAN if len(jenis_pk) > 1 else next(iter(jenis_pk))
            laporan = Laporan.objects.filter(satker=satker, tahun=tahun, jenis=jenis).first()
            laporan = laporan or laporan_buat(satker=satker, tahun=tahun, jenis=jenis)
            kolom = ttd.get((satker.kode, tahun, jenis))
            if not kolom:
                continue
            if laporan.terkunci:
                self.stdout.write(f"{laporan}: terkunci, data penandatanganan tidak dimuat ulang.")
            else:
                laporan_ubah(laporan=laporan, **kolom)

    def buat_akun(self):
        User = get_user_model()
        for username, kode, peran, nama, jabatan in DEMO_USERS:
            first, _, last = nama.partition(" ")
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@contoh.kpu.go.id",
                    "is_staff": peran == Peran.ADMIN,
                    "is_superuser": peran == Peran.ADMIN,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            Keanggotaan.objects.update_or_create(
                user=user,
                defaults={
                    "satker": Satker.objects.get(kode=kode),
                    "peran": peran,
                    "jabatan": jabatan,
                },
            )

    def cetak_akun(self):
        self.stdout.write("")
        self.stdout.write(f"Akun demo (kata sandi semua akun: {DEMO_PASSWORD})")
        for username, kode, peran, _, _ in DEMO_USERS:
            satker = Satker.objects.filter(kode=kode).values_list("nama", flat=True).first()
            self.stdout.write(f"  {username:<24} {peran.label:<10} {satker or kode}")
        self.stdout.write("")
