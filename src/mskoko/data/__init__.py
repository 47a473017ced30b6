"""Input data: readers and validation of the contract files, and the workspace store."""
