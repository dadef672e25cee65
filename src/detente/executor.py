"""The one seam for where work runs: in this process, in a process pool, or on Dask.

Every executor runs the same per-batch function (``pipeline.process_batch``) and yields
its results in input order, keeping only a bounded number of batches in flight so that
memory stays flat however long the input is. Stage code never imports dask: only this
module does, and only when a Dask executor is asked for.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from .errors import ConfigError, WorkerError
from .records import CodedArticle, Event, Rejected

ENGINES = ("local", "dask")
INSTALL_DASK = "pip install 'detente[dask]'"


@runtime_checkable
class Executor(Protocol):
    """Runs ``fn(batch, *args)`` for every batch and yields the results in input order."""

    def map_batches(self, fn: Callable[..., list], batches: Iterable[list], *args: Any
                    ) -> Iterator[list]: ...

    def close(self) -> None: ...


def _warm_worker() -> None:
    """Load spaCy and the coder once when a worker starts, not inside the first batch.

    Each worker keeps to one BLAS thread: the pool already has a process per core, and
    numpy's BLAS (which the parser's layers use, see ``nlp.coder_pipeline``) would
    otherwise start a thread per core in every worker, and they would fight for cores.
    The limit is set after loading: it applies to the BLAS libraries loaded by then."""
    from threadpoolctl import threadpool_limits

    from .pipeline import warm

    warm()
    threadpool_limits(limits=1, user_api="blas")


def _noop() -> None:
    """A task that only makes sure its worker has started."""


class InProcess:
    """Runs batches one after another in this process: the reference the others must equal."""

    def map_batches(self, fn: Callable[..., list], batches: Iterable[list], *args: Any
                    ) -> Iterator[list]:
        for batch in batches:
            yield fn(batch, *args)

    def close(self) -> None:
        pass

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ordered(submit: Callable[[list], Any], result: Callable[[Any], list], cancel: Callable,
             batches: Iterable[list], in_flight: int) -> Iterator[list]:
    """Submit up to ``in_flight`` batches ahead and yield their results in input order.

    Bounding what is in flight is what keeps memory flat: the input is read only as fast
    as results are consumed.
    """
    pending: deque = deque()
    source = iter(batches)
    try:
        for batch in islice(source, in_flight):
            pending.append(submit(batch))
        while pending:
            done = result(pending.popleft())
            for batch in islice(source, 1):
                pending.append(submit(batch))
            yield done
    finally:
        # A consumer that stops early (or an error) must not leave work queued behind it.
        for future in pending:
            cancel(future)


def _pool_result(future: Future) -> list:
    """A batch's results; a worker that died becomes a WorkerError naming the batch."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        where = getattr(future, "detente_where", "?")
        raise WorkerError(
            f"a worker process died while coding the batch that starts at {where}; what was "
            "stored before it is kept. Run again with --workers 1 to see the document "
            "that fails") from exc


class ProcessPool:
    """A pool of ``workers`` processes on this machine, each loading spaCy once.

    Uses the "spawn" start method: forking a process that already holds spaCy and
    threads is unsafe, and spawn behaves the same on every platform.
    """

    def __init__(self, workers: int = 2, in_flight: int | None = None,
                 initializer: Callable[[], None] | None = _warm_worker) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self.workers = workers
        self.in_flight = in_flight or 2 * workers
        self._initializer = initializer
        self._pool: ProcessPoolExecutor | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=self._initializer)
        return self._pool

    def start(self) -> None:
        """Start every worker and wait until each has loaded spaCy, so that what is timed
        next is coding, not start-up. Optional: workers otherwise start on first use."""
        pool = self._ensure_pool()
        # One task per worker, submitted together: while the first worker is still in
        # its initializer, the pool starts another for the next task.
        for future in [pool.submit(_noop) for _ in range(self.workers)]:
            future.result()

    def map_batches(self, fn: Callable[..., list], batches: Iterable[list], *args: Any
                    ) -> Iterator[list]:
        pool = self._ensure_pool()

        def submit(batch: list) -> Future:
            future = pool.submit(fn, batch, *args)
            future.detente_where = getattr(batch[0], "where", "?") if batch else "?"
            return future

        return _ordered(submit, _pool_result, Future.cancel, batches, self.in_flight)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskExecutor:
    """Batches on a Dask distributed cluster: an existing one at ``scheduler_address``,
    or, when that is None, a LocalCluster of ``workers`` single-threaded processes.

    Every worker must have detente (same version) installed; spaCy then loads once per
    worker process, because the coder is cached per process.
    """

    def __init__(self, scheduler_address: str | None = None, workers: int = 2,
                 in_flight: int | None = None, connect_timeout: float = 10.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(f"--engine dask needs dask.distributed: {INSTALL_DASK}") from exc
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self._cluster = None
        self._client = None
        if scheduler_address is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(scheduler_address, timeout=connect_timeout)
            except OSError as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler_address}: {exc}") from exc
        try:
            self._client.run(_warm_worker)
        except ImportError as exc:
            self.close()
            raise ConfigError(f"a Dask worker cannot load detente ({exc}): install the same "
                              "detente, with its spaCy model, on every worker") from exc
        threads = sum(self._client.nthreads().values()) or workers
        self.in_flight = in_flight or 2 * threads

    def map_batches(self, fn: Callable[..., list], batches: Iterable[list], *args: Any
                    ) -> Iterator[list]:
        client = self._client
        return _ordered(lambda batch: client.submit(fn, batch, *args, pure=False),
                        lambda future: future.result(), lambda future: future.cancel(),
                        batches, self.in_flight)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(engine: str = "local", workers: int = 1, scheduler: str | None = None
                  ) -> Executor:
    """The executor the options ask for; the one place that knows every kind."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if engine == "dask":
        return DaskExecutor(scheduler, workers=workers)
    if scheduler is not None:
        raise ConfigError("--scheduler needs --engine dask")
    return InProcess() if workers == 1 else ProcessPool(workers)


# --- Parquet partitions -------------------------------------------------------------

def _event_schema():
    import pyarrow as pa

    actor = pa.struct([("text", pa.string()), ("name", pa.string()),
                       ("country", pa.string()), ("sector", pa.string()),
                       ("start", pa.int32()), ("end", pa.int32())])
    return pa.schema([
        ("id", pa.string()), ("article_id", pa.string()), ("type", pa.string()),
        ("mode", pa.string()), ("source", pa.list_(actor)), ("target", pa.list_(actor)),
        ("quad", pa.int8()), ("intensity", pa.float32()), ("date", pa.string()),
        ("date_precision", pa.string()), ("location", pa.string()),
        ("location_country", pa.string()), ("modality", pa.string()),
        ("evidence", pa.string()), ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()), ("trigger", pa.string()), ("rule", pa.string()),
        ("mentions", pa.int32()), ("scope", pa.string()),
    ])


def _event_row(event: Event) -> dict[str, Any]:
    def actors(group):
        return [{"text": a.text, "name": a.name, "country": a.country, "sector": a.sector,
                 "start": a.start, "end": a.end} for a in group]

    return {
        "id": event.id, "article_id": event.article_id, "type": event.type,
        "mode": event.mode, "source": actors(event.source), "target": actors(event.target),
        "quad": event.quad, "intensity": event.intensity, "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "modality": event.modality, "evidence": event.evidence.text,
        "evidence_start": event.evidence.start, "evidence_end": event.evidence.end,
        "trigger": event.trigger.text, "rule": event.rule, "mentions": event.mentions,
        "scope": event.scope,
    }


def write_partition(results: Sequence[CodedArticle | Rejected], directory: str | Path,
                    index: int) -> Path:
    """Write the events of one batch to ``events-{index:05d}.parquet`` in ``directory``.

    One file per batch means cluster workers can write side by side without
    coordinating; a batch without events still gets a file, so the partitions
    account for every batch.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_event_row(event) for item in results if isinstance(item, CodedArticle)
            for event in item.events]
    path = Path(directory) / f"events-{index:05d}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=_event_schema()), path)
    return path


def write_parquet_partitions(batch_results: Iterable[Sequence[CodedArticle | Rejected]],
                             directory: str | Path) -> list[Path]:
    """Write each batch's events to its own partition, streaming; returns the paths.

    A driver that also stores the results calls ``write_partition`` per batch instead.
    """
    return [write_partition(results, directory, index)
            for index, results in enumerate(batch_results)]
