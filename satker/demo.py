"""The master list of the 553 satker and the demo accounts, loaded by `manage.py muat_demo`
(laporan/management/commands/muat_demo.py orchestrates every app's demo loader)."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .models import Keanggotaan, Peran, Satker

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "demo-lkj-2026"

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

PROFIL = ("alamat", "telepon", "email", "website", "kota_ttd")


def berkas_demo() -> list[Path]:
    """The demo satker-years, one file each (fixtures/demo/<kode>_<tahun>.json)."""
    return sorted((FIXTURES / "demo").glob("*.json"))


def muat_satker() -> None:
    """The 553 satker with their Kemendagri codes (fixtures/satker.json); run again, it updates
    them in place."""
    call_command("loaddata", FIXTURES / "satker.json", verbosity=0)


def muat_profil_demo(path: Path) -> Satker:
    """The satker's address and contacts as the demo file's "satker" block gives them."""
    info = json.loads(Path(path).read_text(encoding="utf-8"))["satker"]
    satker = Satker.objects.get(kode=info["kode"])
    for kolom in PROFIL:
        if info.get(kolom):
            setattr(satker, kolom, info[kolom])
    satker.full_clean()
    satker.save()
    return satker


def muat_akun_demo() -> None:
    """The demo accounts, all with DEMO_PASSWORD; run again, they are reset."""
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
            defaults={"satker": Satker.objects.get(kode=kode), "peran": peran, "jabatan": jabatan},
        )


def daftar_akun_demo() -> list[str]:
    """The lines `make demo` prints before the server starts: each account, role and satker."""
    baris = ["", f"Akun demo (kata sandi semua akun: {DEMO_PASSWORD})"]
    for username, kode, peran, _, _ in DEMO_USERS:
        satker = Satker.objects.filter(kode=kode).values_list("nama", flat=True).first()
        baris.append(f"  {username:<24} {peran.label:<10} {satker or kode}")
    return [*baris, ""]
