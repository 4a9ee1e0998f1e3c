"""Import a Perjanjian Kinerja workbook (kinerja/impor_pk/) from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja import impor_pk


class Command(BaseCommand):
    help = (
        "Impor Perjanjian Kinerja (target dan realisasi) dari berkas Excel berlembar “PK”. "
        "Semua baris disimpan, atau tidak ada sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="periksa dan tampilkan perubahan tanpa menyimpan apa pun",
        )

    def handle(self, *args, berkas, dry_run, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        with path.open("rb") as f:
            hasil = impor_pk.rencanakan(f) if dry_run else impor_pk.impor_pk(f)
        for catatan in hasil.catatan:
            self.stdout.write(f"Catatan: {catatan}")
        for b in hasil.baris:
            if b.status == impor_pk.TETAP:
                continue
            self.stdout.write(f"Baris {b.nomor} [{b.status}] {b.satker} {b.tahun} {b.indikator}")
            for p in b.perubahan:
                self.stdout.write(f"    {p.kolom}: {p.lama or '(kosong)'} → {p.baru}")
        if not hasil.ok:
            for g in hasil.galat:
                tempat = f"baris {g.baris}" if g.baris else "berkas"
                kolom = f", kolom {g.kolom}" if g.kolom else ""
                self.stderr.write(f"{tempat}{kolom}: {g.pesan}")
            raise CommandError(f"{len(hasil.galat)} kesalahan; tidak ada yang disimpan.")
        ringkas = (
            f"{hasil.dibaca} baris: {hasil.jumlah(impor_pk.BARU)} baru, "
            f"{hasil.jumlah(impor_pk.BERUBAH)} berubah, {hasil.jumlah(impor_pk.TETAP)} tetap"
        )
        if dry_run:
            self.stdout.write(f"{ringkas}. Uji coba: tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{ringkas}. Tersimpan."))
