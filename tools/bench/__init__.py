"""`python -m pipelines bench`: the pipeline's speed and memory against the text-extraction floor.

    floor.py     the fastest way merely to get the text out of each file, in one process
    reading.py   the document readers on a sample of each format: a cold run's lower bound
    measure.py   a generated corpus, a cold ingest, a no-op rerun, a rerun after one change
    memory.py    peak resident memory of a process and all its children, sampled
    report.py    the results kept per N, BENCHMARKS.md and its plot
    ocr_compare.py  the OCR engines side by side on the same scanned pages (docs/formats.md)
"""
