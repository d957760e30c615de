"""A fuzzer for `cleaner.clean` and `cleaner.stream.run_stream`: `python -m tests.fuzz --help`.

Inputs of every kind (random bytes and text, scraped-text soup, HTML soup, pages in many charsets
with honest and hostile labels, repeated structures, JSON Lines streams), cleaned with arguments
right and wrong. Anything raised that is not a `CleanerError`, a broken promise, or an input that
takes over a second of CPU is a finding, written with its input and a replay command.
"""
