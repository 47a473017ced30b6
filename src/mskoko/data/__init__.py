"""Input data: readers and validation of the contract files, and the workspace store."""

from mskoko.data.dataset import (
    ORGANIZATIONS_SCHEMA,
    RESULTS_SCHEMA,
    SCALES_SCHEMA,
    Dataset,
)
from mskoko.data.readers import read_dataset
from mskoko.data.store import PartitionSummary, ResultStore, StoreChange
from mskoko.data.validate import DEFAULT_MAX_PROBLEMS, ImportProblemReport

__all__ = [
    "DEFAULT_MAX_PROBLEMS",
    "ORGANIZATIONS_SCHEMA",
    "RESULTS_SCHEMA",
    "SCALES_SCHEMA",
    "Dataset",
    "ImportProblemReport",
    "PartitionSummary",
    "ResultStore",
    "StoreChange",
    "read_dataset",
]
