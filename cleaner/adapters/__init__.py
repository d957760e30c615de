"""Adapters at the edge: cleaner inside engines (datatrove, Spark), over the record layer
(`cleaner.stream.clean_lines`). The core never imports them; each needs its extra installed."""
