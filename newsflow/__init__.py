"""newsflow: scheduled news ingestion — load or fetch articles, clean them, extract entities,
quotes, amounts and events, and store them in a database for SQL.

One import namespace, one layer per package (dependencies point down; tests/test_layers.py
and the import-linter contracts in pyproject.toml check it):

    newsflow.cli           the `newsflow` command                      (newsflow/cli.py)
    newsflow.deployments   schedules, work pools, prefect.yaml, serve  (deployments/)
    newsflow.flows         thin Prefect flows over the engine          (flows/)
    newsflow.pipeline      the engine: run lifecycle, batch driver     (pipeline/)
    newsflow.settings      every environment variable, read once       (newsflow/settings.py)
    newsflow.extractors    sources, cleaning, nlp: plain functions     (extractors/)
    newsflow.storage       locations, schema, rows, loads, SQL, locks  (storage/)

See docs/architecture.md for the package map and one article's way from input to rows.
"""

__version__ = "0.1.0"
