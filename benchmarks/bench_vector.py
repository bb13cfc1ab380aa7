"""Vectorised check (polars) against the reference library check loop, on the same roster.

Generates the roster of ``bench_check.py`` (same seed, 1% invalid records) in a temporary
directory, then measures, each in a fresh process, and in the same run:

(l) baseline: the reference library loop, ``competency.check(official, on,
    catalog=Catalog.builtin())`` for every official of ``competency.io.roster.officials(path)``;
(x) the vectorised evaluator, ``competency.vector.check_frame(officials(path), on,
    catalog)`` (the same officials read the same way, flattened in batches of 50,000 rows);
(e) the evaluation alone: both of the above on officials already read into memory, so
    that reading, validating and structuring the JSON Lines (common to both) is left out.

Both paths must give the same number of rows and the same count of every outcome.

Run:  .venv/bin/python benchmarks/bench_vector.py --n 100000
Needs the ``vector``, ``fast`` and ``synth`` extras.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench
import bench_check

SCRIPT = Path(__file__).resolve()


def _imports():
    import datetime as dt

    from competency.io.roster import officials
    from competency.standards.catalogue import Catalog
    from competency.standards.checking import check
    return dt, Catalog, check, officials


def vector_worker(argv: list[str]) -> None:
    """(x) check_frame over the roster file."""
    start = time.perf_counter()
    dt, Catalog, _, officials = _imports()
    from competency.vector import check_frame

    day = dt.date.fromisoformat(argv[1])
    imported = time.perf_counter()
    catalog = Catalog.builtin()
    count = 0

    def counted():
        nonlocal count
        for official in officials(Path(argv[0])):
            count += 1
            yield official

    frame = check_frame(counted(), day, catalog)
    outcomes = dict(frame["outcome"].value_counts().iter_rows())
    end = time.perf_counter()
    _bench.emit({"officials": count, "rows": frame.height, "outcomes": outcomes,
                 "seconds": end - imported, "import_seconds": imported - start})


def evaluation_worker(argv: list[str]) -> None:
    """(e) Reference loop and check_frame on officials already in memory (evaluation only)."""
    dt, Catalog, check, officials = _imports()
    from competency.vector import check_frame

    day = dt.date.fromisoformat(argv[1])
    catalog = Catalog.builtin()
    people = list(officials(Path(argv[0])))
    start = time.perf_counter()
    reference: dict[str, int] = {}
    for official in people:
        for result in check(official, day, catalog=catalog):
            reference[result.outcome.code] = reference.get(result.outcome.code, 0) + 1
    middle = time.perf_counter()
    frame = check_frame(people, day, catalog)
    vector = dict(frame["outcome"].value_counts().iter_rows())
    end = time.perf_counter()
    _bench.emit({"officials": len(people), "reference_seconds": middle - start,
                 "vector_seconds": end - middle, "reference": reference, "vector": vector})


WORKERS = {"library": bench_check.check_worker, "vector": vector_worker,
           "evaluation": evaluation_worker}


def main() -> None:
    args = _bench.arguments(__doc__, "date the roster describes and the check is made on")
    with _bench.scratch("vector", args.keep) as workdir:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        library = _bench.Row("(l) library check loop", n)
        vector = _bench.Row("(x) vector check_frame", n)
        _bench.measure([(library, _bench.officials_job(SCRIPT, workdir, "library", n, str(path),
                                                       args.on)),
                        (vector, _bench.officials_job(SCRIPT, workdir, "vector", n, str(path),
                                                      args.on))], args.repeat)
        _, evaluation = _bench.run_worker(SCRIPT, workdir, "evaluation", str(path), args.on)

    _bench.print_table([library, vector], library)
    lib, vec = library.extra, vector.extra
    print(f"results (official x applicable standard): library {lib['rows']} "
          f"({_bench.counts(lib['outcomes'])}), vector {vec['rows']} "
          f"({_bench.counts(vec['outcomes'])})")
    valid = evaluation["officials"]
    ref_s, vec_s = evaluation["reference_seconds"], evaluation["vector_seconds"]
    print(f"(e) evaluation only, {valid} officials already in memory: reference "
          f"{ref_s:.2f} s ({valid / ref_s:,.0f} records/s), vector {vec_s:.2f} s "
          f"({valid / vec_s:,.0f} records/s), {ref_s / vec_s:.2f}x")
    print(f"import time (not in 'seconds'): library {lib['import_seconds']:.2f} s, "
          f"vector {vec['import_seconds']:.2f} s")
    _bench.print_parent_peak()
    assert library.invalid == vector.invalid, "the paths read different numbers of officials"
    assert lib["rows"] == vec["rows"] and lib["outcomes"] == vec["outcomes"], \
        ("reference and vector results differ", lib["outcomes"], vec["outcomes"])
    assert evaluation["reference"] == evaluation["vector"] == lib["outcomes"], evaluation


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
