"""Review notes: one URL per action (write, answer, resolve), each back to the report page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from . import alur, catatan
from .access import ambil_laporan


def _kembali(laporan):
    return redirect(f"/laporan/{laporan.id}/#catatan")


def _jalankan(request, tujuan, fungsi, pesan_berhasil, **kwargs):
    try:
        fungsi(oleh=request.user, **kwargs)
    except alur.TidakBerwenang as exc:
        raise PermissionDenied(exc.messages[0]) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pesan_berhasil)
    return _kembali(tujuan)


@login_required
@require_POST
def catatan_buat(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id)
    return _jalankan(
        request, laporan, catatan.catatan_buat, "Catatan reviu ditambahkan.",
        laporan=laporan, pilihan=request.POST.get("pilihan", ""), teks=request.POST.get("teks", ""),
    )  # fmt: skip


@login_required
@require_POST
def catatan_jawab(request, laporan_id, catatan_id):
    laporan = ambil_laporan(request, laporan_id)
    obj = get_object_or_404(laporan.catatan, id=catatan_id)
    return _jalankan(
        request, laporan, catatan.catatan_jawab, "Jawaban tersimpan.",
        catatan=obj, jawaban=request.POST.get("jawaban", ""),
    )  # fmt: skip


@login_required
@require_POST
def catatan_selesai(request, laporan_id, catatan_id):
    laporan = ambil_laporan(request, laporan_id)
    obj = get_object_or_404(laporan.catatan, id=catatan_id)
    selesai = catatan.catatan_selesai
    return _jalankan(request, laporan, selesai, "Catatan diselesaikan.", catatan=obj)
