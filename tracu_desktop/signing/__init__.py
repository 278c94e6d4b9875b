"""Digital signatures (ký số): PAdES signatures of the program's PDFs placed as Nghị định
30/2020 prescribes, their verification against the user's trust list, and detached CMS
signatures of exchange-package manifests. Pure: no Qt."""
