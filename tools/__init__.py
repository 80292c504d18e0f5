"""Development tools beside the pipeline, not part of it: the sample-report generator
(`tools.samples`) and the benchmark (`tools.bench`).

They import the pipeline (`pipelines`); no module of the pipeline imports them
(tests/test_layering.py), except the lazy imports of the `samples` and `bench` verbs of
`python -m pipelines` (pipelines/cli.py). They ship with a clone of the repository, not
with the runtime package (pyproject.toml packages only `pipelines`).
"""
