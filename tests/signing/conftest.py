from tests.signing.fixtures import director, images, office, pki, report_pdfs  # noqa: F401
