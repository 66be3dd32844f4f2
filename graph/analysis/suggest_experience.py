"""What organisations already do together: who is connected, how many partners, which activities.

Read once from the collaborating pairs and asked for whole arrays of organisation pairs at a time: connected
pairs by integer keys, activity overlap with one bit per activity.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

# Number of set bits of every byte.
BITS_IN = np.array([bin(value).count("1") for value in range(256)], dtype=np.int64)


class Experience:
    def __init__(self, pairs: pd.DataFrame) -> None:
        pairs = pairs.reset_index(drop=True)
        edges = pd.DataFrame(
            {"library": pairs.library_org_id.astype(str), "care": pairs.care_org_id.astype(str)}
        ).drop_duplicates()
        self.edges = edges
        self.partners = pd.concat([edges.library, edges.care]).value_counts()
        # An organisation does what its collaborations do, as library or as care organisation.
        done = pd.Series([str(value or "") for value in pairs.activities], index=pairs.index, dtype=object)
        codes = done.str.split(";").explode()
        codes = codes[codes != ""]
        owners = pd.concat(
            [
                pd.DataFrame({"organisation": pairs.library_org_id.astype(str).loc[codes.index], "code": codes}),
                pd.DataFrame({"organisation": pairs.care_org_id.astype(str).loc[codes.index], "code": codes}),
            ]
        ).drop_duplicates()
        self.activities = owners
        self.organisations = pd.Index(pd.unique(owners.organisation))
        code_number = pd.Index(pd.unique(owners.code)).get_indexer(pd.Index(owners.code))
        width = max(1, (int(code_number.max(initial=-1)) + 8) // 8)
        # One row of bits per organisation, and an empty last row for organisations without activities.
        self.bits = np.zeros((len(self.organisations) + 1, width), dtype=np.uint8)
        np.bitwise_or.at(
            self.bits,
            (self.organisations.get_indexer(pd.Index(owners.organisation)), code_number // 8),
            (1 << (code_number % 8)).astype(np.uint8),
        )

    def connected(
        self, library_orgs: np.ndarray, care_orgs: np.ndarray, library_code: np.ndarray, care_code: np.ndarray
    ) -> np.ndarray:
        """Whether each (library_code, care_code) pair already has a collaboration, whatever its status."""
        library_of = pd.Index(library_orgs).get_indexer(pd.Index(self.edges.library))
        care_of = pd.Index(care_orgs).get_indexer(pd.Index(self.edges.care))
        known = (library_of >= 0) & (care_of >= 0)
        width = max(1, len(care_orgs))
        return np.isin(library_code * width + care_code, library_of[known] * width + care_of[known])

    def partner_counts(self, organisations: np.ndarray) -> np.ndarray:
        """How many organisations of the other kind each one already works with."""
        return self.partners.reindex(organisations).fillna(0).to_numpy(dtype=np.int64)

    def fit(self, library_orgs: np.ndarray, care_orgs: np.ndarray) -> np.ndarray:
        """Shared activities divided by the activities of either (0 when neither does anything yet)."""
        library_bits = self.bits[self.organisations.get_indexer(pd.Index(library_orgs))]  # -1: the empty last row
        care_bits = self.bits[self.organisations.get_indexer(pd.Index(care_orgs))]
        shared = BITS_IN[library_bits & care_bits].sum(axis=1)
        either = BITS_IN[library_bits | care_bits].sum(axis=1)
        return np.divide(shared, either, out=np.zeros(len(shared)), where=either > 0)

    @cached_property
    def _sets(self) -> dict[str, set[str]]:
        sets: dict[str, set[str]] = {}
        for organisation, code in zip(
            self.activities.organisation.to_numpy(dtype=object),
            self.activities.code.to_numpy(dtype=object),
            strict=True,
        ):
            sets.setdefault(str(organisation), set()).add(str(code))
        return sets

    def shared(self, library_org: str, care_org: str) -> set[str]:
        return self._sets.get(library_org, set()) & self._sets.get(care_org, set())
