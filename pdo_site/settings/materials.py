"""Settings of the printable materials: PDF build leases and paper size."""

import os

# PDF builds hold a lease while they render (materials/lease.py): the builder beats every
# quarter of the lease, and a build whose lease expired counts as abandoned (its worker
# died) and is queued again, at most PDO_BUILD_MAX_ATTEMPTS times before it is marked
# failed. Keep the lease well above a database hiccup; workers recover every half lease.
PDO_BUILD_LEASE_SECONDS = int(os.environ.get("PDO_BUILD_LEASE_SECONDS", "60"))
PDO_BUILD_MAX_ATTEMPTS = int(os.environ.get("PDO_BUILD_MAX_ATTEMPTS", "3"))

# Paper of the printable PDFs (materials app): A4 unless PDO_PAPER_SIZE=letter (US Letter).
PDO_PAPER_SIZE = "letter" if os.environ.get("PDO_PAPER_SIZE", "").lower() == "letter" else "A4"
