"""Certify (`cours nbgrader attestations`, `verifier-attestation`): a printable attestation for each learner above
the pass mark, with an identifier that can be checked against the register of those issued.

May import: prepare, mark, report."""
