"""Analytics: indicators (levels, never averages), signs of non-objective results, low results,
the risk zone and the analytical report — the heavy part written once in Ibis, run on DuckDB
or Spark."""

from mskoko.analytics.outputs import write_outputs
from mskoko.analytics.pipeline import FLAG_COLUMNS, AnalysisResult, analyze
from mskoko.analytics.settings import AnalyticsSettings

__all__ = ["FLAG_COLUMNS", "AnalysisResult", "AnalyticsSettings", "analyze", "write_outputs"]
