import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand

from pdo_site.staff_auth import ensure_verified_email


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if it does not exist. The password comes from "
        "DJANGO_ADMIN_PASSWORD, or a random one is generated and printed once. Its e-mail "
        "address is made its verified primary address, which signing in requires."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            # Accounts made before sign-in went through allauth have no verified address.
            ensure_verified_email(existing, existing.email or email)
            self.stdout.write(f"Admin account '{username}' exists; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email=email, password=password)
        ensure_verified_email(user)
        if os.environ.get("DJANGO_ADMIN_PASSWORD"):
            self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}' ({email})."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account '{username}' ({email}) with password: {password}\n"
                    "It is shown only this once."
                )
            )
