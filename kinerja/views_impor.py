"""The PK workbook in the browser: download the template, upload, preview, apply.

The uploaded file waits between the preview and the apply in a private directory (IMPOR_DIR),
named by a random token and the user's id, and is removed once applied or after a day. Applying
re-reads the file and checks that the plan is still the one previewed.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from satker.akses import ambil_satker

from . import impor_pk, xlsx
from .forms import ImporPKForm

UMUR_BERKAS = 24 * 3600
_TOKEN = 32  # characters of secrets.token_hex(16)


def _dir() -> Path:
    path = Path(getattr(settings, "IMPOR_DIR", settings.BASE_DIR / "var" / "impor-pk"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def berkas_sementara(user, token: str) -> Path | None:
    """The uploaded file waiting for its apply under `token`, if it is the user's own."""
    if len(token) != _TOKEN or not all(c in "0123456789abcdef" for c in token):
        return None
    path = _dir() / f"{user.id}-{token}.xlsx"
    return path if path.is_file() else None


def simpan_sementara(user, data: bytes) -> str:
    """Keep an uploaded file until it is applied (a day at most); returns its token."""
    batas = time.time() - UMUR_BERKAS
    for lama in _dir().glob("*.xlsx"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (_dir() / f"{user.id}-{token}.xlsx").write_bytes(data)
    return token


def _tahun(teks: str) -> int | None:
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) == 4 else None


def _hanya(satker):
    return lambda s: s.id == satker.id


@login_required
def pk_templat(request, kode, tahun=None):
    """The template, pre-filled with the satker-year's PKs when a year is given."""
    satker = ambil_satker(request, kode)
    respon = HttpResponse(
        impor_pk.templat_xlsx(satker, tahun),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    nama = f"PK-{satker.kode}-{tahun}" if tahun else f"PK-{satker.kode}-templat"
    respon["Content-Disposition"] = f'attachment; filename="{nama}.xlsx"'
    return respon


@login_required
@require_http_methods(["GET", "POST"])
def pk_impor(request, kode):
    satker = ambil_satker(request, kode, ubah=True)
    form = ImporPKForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    hasil = token = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data["berkas"].read(xlsx.BATAS_BYTE + 1)
        hasil = impor_pk.rencanakan(data, satker_boleh=_hanya(satker))
        if hasil.ok:
            token = simpan_sementara(request.user, data)
    return _halaman(request, satker, form, hasil, token)


def _halaman(request, satker, form, hasil, token, status=None):
    context = {
        "satker": satker,
        "form": form,
        "hasil": hasil,
        "token": token,
        "tahun_templat": _tahun(request.GET.get("tahun", "")),
        "ukuran_maks_mb": xlsx.BATAS_BYTE // (1024 * 1024),
    }
    if status is None:
        status = 400 if hasil is not None and not hasil.ok or form.errors else 200
    return render(request, "kinerja/impor_pk.html", context, status=status)


@login_required
@require_POST
def pk_impor_terapkan(request, kode):
    satker = ambil_satker(request, kode, ubah=True)
    token = request.POST.get("token", "")
    path = berkas_sementara(request.user, token)
    if path is None:
        messages.error(request, "Berkas pratinjau sudah tidak tersedia; unggah berkasnya lagi.")
        return redirect("pk_impor", kode=kode)
    hasil = impor_pk.impor_pk(
        path.read_bytes(),
        user=request.user,
        satker_boleh=_hanya(satker),
        sidik=request.POST.get("sidik", ""),
    )
    if not hasil.diterapkan:
        if hasil.ok:
            messages.warning(request, "Data berubah sejak pratinjau; periksa pratinjau terbaru.")
        return _halaman(request, satker, ImporPKForm(), hasil, token if hasil.ok else None)
    path.unlink(missing_ok=True)
    messages.success(
        request,
        f"Impor PK tersimpan: {hasil.jumlah(impor_pk.BARU)} indikator baru, "
        f"{hasil.jumlah(impor_pk.BERUBAH)} berubah, {hasil.jumlah(impor_pk.TETAP)} tetap.",
    )
    for catatan in hasil.catatan:
        messages.info(request, catatan)
    tahun = max((b.tahun for b in hasil.baris), default=None)
    if tahun is None:
        return redirect("satker_detail", kode=kode)
    return redirect("satker_tahun", kode=kode, tahun=tahun)
