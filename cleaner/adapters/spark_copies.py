"""Copies across a Spark DataFrame: cleaner's own copy signatures (`clean_dataframe(signatures=True)`),
banded, verified and clustered in Spark SQL, with no Python in the tasks.

The same decision as `cleaner.copies.CopyIndex`, at scale: two texts are copies when their exact
digests agree, or when the estimated containment of the smaller in the larger is at least
`threshold` and their estimated Jaccard at least `min_jaccard` (both from the MinHashes and the
shingle counts, as the index estimates them). Candidates come from LSH bands of the MinHash (the
index's bands and rows): in each band's bucket every member is paired with the bucket's first
(by the cluster order), and each pair is verified. Verified pairs are joined into connected
components by min-label propagation; each component's **representative** is its first member by
`order_col` (ties by id), or with `prefer="longest"` the one with the most shingles. A component
can chain (A copies B, B copies C, A and C less alike): the stream (`CopyIndex.check`) compares a
text with representatives only, so it can keep C apart where the component does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..copies import MIN_JACCARD, MIN_SHINGLES, THRESHOLD, CopyIndex

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

__all__ = ["CLUSTER_FIELDS", "cluster_copies"]

CLUSTER_FIELDS = ("cluster", "duplicate_of")  # the representative's id; the same, or null for the representative
PREFER = ("first", "longest")


def cluster_copies(
    df: DataFrame,
    *,
    id_col: str = "id",
    order_col: str | None = None,
    prefer: str = "first",
    threshold: float = THRESHOLD,
    min_jaccard: float = MIN_JACCARD,
    max_rounds: int = 50,
) -> DataFrame:
    """`df` (with the `exact`, `minhash` and `shingles` columns of `clean_dataframe(signatures=True)`)
    with CLUSTER_FIELDS added: `cluster`, the id of its cluster's representative (its own id when
    it is one, or has no signature), and `duplicate_of`, the same but null for representatives, so
    `df.where("duplicate_of IS NULL")` keeps one text of each story. The order is `order_col`'s
    (a crawl date, a record number), else the row's place in `df`; ids must be unique. Cache or
    write out a cleaned `df` first: the result is joined back to it, and Spark recomputes what is
    not cached. Raises ValueError for a missing column or an unknown `prefer`."""
    from pyspark.sql import functions as F

    for column in (id_col, "exact", "minhash", "shingles", *([order_col] if order_col else [])):
        if column not in df.columns:
            raise ValueError(f"the DataFrame has no {column!r} column (it has {', '.join(df.columns)})")
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {', '.join(PREFER)}, not {prefer!r}")
    index = CopyIndex(threshold, min_jaccard=min_jaccard)  # checks the thresholds; its bands and rows
    order = F.col(order_col) if order_col else F.monotonically_increasing_id()
    rank = F.struct(
        *([(-F.col("shingles")).alias("longest")] if prefer == "longest" else []),
        order.alias("order"),
        F.col(id_col).alias("id"),
    )
    signed = (
        df.where(F.col("exact").isNotNull() & (F.col("exact") != ""))
        .select(F.col(id_col).alias("id"), rank.alias("rank"), "exact", "minhash", "shingles")
        .localCheckpoint()  # one reading of the signatures (and one order) for every step below
    )
    pairs = _exact_pairs(signed).unionByName(_near_pairs(signed, index)).distinct()
    labels = _components(signed, pairs, max_rounds)
    clusters = labels.select(
        F.col("id").alias("_id"),
        F.col("label.id").alias("cluster"),
        F.when(F.col("label.id") != F.col("id"), F.col("label.id")).alias("duplicate_of"),
    )
    out = df.join(clusters, df[id_col] == clusters["_id"], "left").drop("_id")
    return out.withColumn("cluster", F.coalesce("cluster", F.col(id_col)))


def _firsts(members: DataFrame, group: list[str]) -> DataFrame:
    """Each member of a group paired with the group's first member (by rank), the first left out."""
    from pyspark.sql import functions as F

    first = members.groupBy(*group).agg(F.min("rank").alias("first"))
    joined = members.join(first, group)
    return joined.where(F.col("rank") != F.col("first")).select("id", F.col("first.id").alias("other"))


def _exact_pairs(signed: DataFrame) -> DataFrame:
    return _firsts(signed.select("id", "rank", "exact"), ["exact"])


def _near_pairs(signed: DataFrame, index: CopyIndex) -> DataFrame:
    """Pairs that share an LSH band (member and bucket's first), kept when they verify as copies."""
    from pyspark.sql import functions as F

    judged = signed.where(F.col("shingles") >= MIN_SHINGLES)
    keys = F.array(*[_band_key(band, index.rows) for band in range(index.bands)])
    banded = judged.select("id", "rank", F.posexplode(keys).alias("band", "key"))
    candidates = _firsts(banded, ["band", "key"]).distinct()
    a = judged.select("id", F.col("minhash").alias("a_minhash"), F.col("shingles").alias("a_shingles"))
    b = judged.select(F.col("id").alias("other"), F.col("minhash").alias("b_minhash"), F.col("shingles").alias("b"))
    both = candidates.join(a, "id").join(b, "other")
    equal = F.zip_with("a_minhash", "b_minhash", lambda x, y: (x == y).cast("int"))
    jaccard = F.aggregate(equal, F.lit(0), lambda total, x: total + x) / F.lit(index.num_perm)
    smaller = F.greatest(F.least("a_shingles", "b"), F.lit(1))
    contained = F.least(jaccard / (1 + jaccard) * (F.col("a_shingles") + F.col("b")) / smaller, F.lit(1.0))
    verified = (jaccard >= index.min_jaccard) & (contained >= index.threshold)
    return both.where(verified).select("id", "other")


def _band_key(band: int, rows: int) -> Column:
    from pyspark.sql import functions as F

    return F.xxhash64(F.lit(band), F.slice("minhash", band * rows + 1, rows))


def _components(signed: DataFrame, pairs: DataFrame, max_rounds: int) -> DataFrame:
    """Each signed row's label: the least rank of its connected component (min-label propagation
    over the pairs both ways, until no label changes)."""
    from pyspark.sql import functions as F

    edges = pairs.unionByName(pairs.select(F.col("other").alias("id"), F.col("id").alias("other")))
    edges = edges.distinct().localCheckpoint()
    labels = signed.select("id", F.col("rank").alias("label")).localCheckpoint()
    for _ in range(max_rounds):
        heard = edges.join(labels.withColumnRenamed("id", "other"), "other").select("id", "label")
        new = labels.unionByName(heard).groupBy("id").agg(F.min("label").alias("label")).localCheckpoint()
        changed = new.join(labels.withColumnRenamed("label", "old"), "id").where(F.col("label") != F.col("old"))
        labels = new
        if changed.isEmpty():
            return labels
    raise RuntimeError(f"copy clusters did not settle in {max_rounds} rounds")
