from django.contrib.auth.forms import AuthenticationForm


class FormMasuk(AuthenticationForm):
    # Django's Indonesian catalogue renders this message as "nama pengguna nama pengguna".
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi admin satker Anda.",
    }
