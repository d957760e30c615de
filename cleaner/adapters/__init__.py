"""Adapters at the edge: cleaner on an HTTP client's response (`http`, no extra needed), inside
Scrapy, and inside engines (datatrove, Spark) over the record layer (`cleaner.stream.clean_lines`).
The core never imports them; all but `http` need their extra installed."""
