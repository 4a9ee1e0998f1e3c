"""Who may do what with a satker's data: the product's one access policy.

Every rule about roles is here, and every app asks these functions rather than reading a
membership's role itself:

- admins of KPU RI (and superusers) see and change every satker, and review every report;
- a reviewer of a KPU Provinsi sees their province and its Kab/Kota, reviews the Kab/Kota's
  reports, and changes nothing;
- operators and penyusun change their own satker's data; pimpinan only read it;
- the reports of a KPU Provinsi (and of KPU RI) are reviewed by the admins of KPU RI.

`ambil_satker` is the access helper views call on their first line: a satker the user may not
see is a 404 (so codes of others do not leak), one they may see but not change a 403.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Keanggotaan, Peran, Satker, Tingkat


def keanggotaan_pengguna(user) -> Keanggotaan | None:
    """The user's membership, or None for users who belong to no satker."""
    try:
        return user.keanggotaan
    except (Keanggotaan.DoesNotExist, AttributeError):
        return None


def _admin(user, anggota: Keanggotaan | None) -> bool:
    return user.is_superuser or (anggota is not None and anggota.peran == Peran.ADMIN)


def satker_terlihat(user) -> QuerySet[Satker]:
    """The satker whose data `user` may see: admins all, reviewers their province and the
    Kab/Kota below it, everyone else only their own satker."""
    if not user.is_authenticated:
        return Satker.objects.none()
    anggota = keanggotaan_pengguna(user)
    if _admin(user, anggota):
        return Satker.objects.all()
    if anggota is None:
        return Satker.objects.none()
    if anggota.peran == Peran.REVIEWER:
        return Satker.objects.filter(Q(pk=anggota.satker_id) | Q(induk=anggota.satker_id))
    return Satker.objects.filter(pk=anggota.satker_id)


def boleh_ubah(user, satker: Satker) -> bool:
    """Operators and penyusun change their own satker's data; admins (and superusers) anyone's.
    Pimpinan and reviewers only read."""
    anggota = keanggotaan_pengguna(user)
    if _admin(user, anggota):
        return True
    return (
        anggota is not None
        and anggota.satker_id == satker.id
        and anggota.peran in (Peran.OPERATOR, Peran.PENYUSUN)
    )


def berperan(user, satker: Satker, *peran: str) -> bool:
    """Whether the user is a member of `satker` with one of these roles."""
    anggota = keanggotaan_pengguna(user)
    return anggota is not None and anggota.satker_id == satker.id and anggota.peran in peran


def pereviu(user) -> bool:
    """Reviewers of a KPU Provinsi and admins review reports (and have a review inbox)."""
    anggota = keanggotaan_pengguna(user)
    return _admin(user, anggota) or (anggota is not None and anggota.peran == Peran.REVIEWER)


def boleh_reviu(user, satker: Satker) -> bool:
    """A reviewer of the satker's parent KPU Provinsi, or an admin (who also reviews the
    reports of the provinces themselves)."""
    anggota = keanggotaan_pengguna(user)
    if _admin(user, anggota):
        return True
    return (
        anggota is not None
        and anggota.peran == Peran.REVIEWER
        and anggota.satker_id == satker.induk_id
    )


def satker_direviu(user) -> QuerySet[Satker] | None:
    """The satker whose reports `user` reviews: None for every satker (admins), the Kab/Kota of
    a reviewer's province, nothing for other roles."""
    anggota = keanggotaan_pengguna(user)
    if _admin(user, anggota):
        return None
    if anggota is not None and anggota.peran == Peran.REVIEWER:
        return Satker.objects.filter(induk=anggota.satker_id)
    return Satker.objects.none()


def provinsi_direviu(user) -> Satker | None:
    """A reviewer's own KPU Provinsi; None for anyone else."""
    anggota = keanggotaan_pengguna(user)
    if anggota is not None and anggota.peran == Peran.REVIEWER:
        return anggota.satker
    return None


def pengguna_berperan(satker: Satker | None, *peran: str) -> list:
    """The active users of `satker` with these roles and an e-mail address."""
    if satker is None:
        return []
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, keanggotaan__satker=satker, keanggotaan__peran__in=peran
        )
        .exclude(email="")
        .order_by("username")
    )


def pengguna_pereviu(satker: Satker) -> list:
    """Who reviews the satker's reports: the reviewers of a Kab/Kota's KPU Provinsi; for a
    province's (or KPU RI's) own report, the admins of KPU RI."""
    if satker.tingkat == Tingkat.KABKOTA:
        return pengguna_berperan(satker.induk, Peran.REVIEWER)
    return pengguna_berperan(satker.induk or satker, Peran.ADMIN)


def periksa_ubah(request, satker: Satker, ubah: bool) -> None:
    """A 403 when the page would change data the user may only read."""
    if ubah and not boleh_ubah(request.user, satker):
        raise PermissionDenied("Peran Anda hanya dapat melihat data satker ini.")


def ambil_satker(request, kode: str, *, ubah: bool = False) -> Satker:
    """The satker `kode` for a view: 404 when the user may not see it, 403 when `ubah` and they
    may only read it."""
    satker = get_object_or_404(satker_terlihat(request.user), kode=kode)
    periksa_ubah(request, satker, ubah)
    return satker
