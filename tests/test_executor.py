"""The execution seam: every executor gives exactly the records of the in-process run.

The articles are short originals written for these tests (plausible diplomatic news
between real countries), not copied from anywhere.
"""

from __future__ import annotations

import time

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from detente.cli.options import executor_from_options, executor_options, story_options
from detente.errors import ConfigError
from detente.executor import (
    DaskExecutor,
    Executor,
    InProcess,
    ProcessPool,
    make_executor,
    write_parquet_partitions,
)
from detente.pipeline import CodeOptions, code_batches, code_documents, process_batch
from detente.records import CodedArticle, RawDocument, Rejected

ARTICLES = [
    ("Japan protests Chinese coast guard patrol",
     "Japan lodged a formal protest with China on Monday after Chinese coast guard ships "
     "entered waters near the Senkaku Islands. The Japanese foreign ministry summoned the "
     "Chinese ambassador in Tokyo."),
    ("Kenya and Ethiopia leaders meet in Nairobi",
     "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
     "Thursday to discuss a new highway linking the two countries. The two leaders signed a "
     "trade agreement."),
    ("Poland expels Russian diplomat",
     "Poland expelled a Russian diplomat on Wednesday, accusing him of spying for Moscow. "
     "Russia said it would respond."),
    ("Brazil offers aid to Bolivia after floods",
     "Brazil offered emergency aid to Bolivia after heavy floods destroyed homes in the "
     "Beni region. The Brazilian government sent two cargo planes with food and medicine."),
    ("Germany praises Greek reform plan",
     "The German finance minister praised Greece on Friday for its budget reforms and said "
     "Berlin would support new loans."),
    ("India and Pakistan hold border talks",
     "Military officers from India and Pakistan held talks at the Wagah border crossing on "
     "Tuesday. India urged Pakistan to stop cross-border firing."),
    ("Australia condemns North Korean missile launch",
     "Australia condemned North Korea on Sunday for launching a ballistic missile over the "
     "Sea of Japan. The Australian foreign minister called the launch reckless."),
    ("Canada imposes sanctions on Iran",
     "Canada imposed new sanctions on Iran on Monday over its crackdown on protesters. "
     "Ottawa froze the assets of twelve Iranian officials."),
    ("Egypt hosts Sudan ceasefire talks",
     "Egypt hosted talks between the warring parties of Sudan in Cairo on Saturday. The "
     "Egyptian foreign minister called for an immediate ceasefire."),
    ("Mexico and the United States agree on migration plan",
     "Mexico and the United States agreed on Wednesday to expand legal routes for migrants. "
     "The Mexican president thanked Washington for its help."),
]

DOCS = [RawDocument(id=f"t{i:02d}", text=text, title=title, where=f"test:{i}",
                    date=f"2024-03-{i + 10:02d}")
        for i, (title, text) in enumerate(ARTICLES)]
OPTIONS = CodeOptions(batch_size=3)


def _batches(docs: list[RawDocument], size: int = 3) -> list[list[RawDocument]]:
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def _flat(results) -> list:
    return [record for batch in results for record in batch]


def _events(records) -> list:
    return [event for record in records if isinstance(record, CodedArticle)
            for event in record.events]


@pytest.fixture(scope="module")
def in_process() -> list:
    return _flat(InProcess().map_batches(process_batch, _batches(DOCS), OPTIONS))


def test_in_process_run_codes_events(in_process):
    # The comparisons below mean something only if there are events to compare.
    assert [r.article.id for r in in_process] == [d.id for d in DOCS]
    assert len(_events(in_process)) >= 8


def test_process_pool_gives_the_same_records_in_order(in_process):
    with ProcessPool(2) as pool:
        assert isinstance(pool, Executor)
        records = _flat(pool.map_batches(process_batch, _batches(DOCS), OPTIONS))
    assert records == in_process


def test_dask_local_cluster_gives_exactly_the_in_process_events(in_process):
    with DaskExecutor(None, workers=2) as dask:
        records = _flat(dask.map_batches(process_batch, _batches(DOCS), OPTIONS))
    assert _events(records) == _events(in_process)
    assert records == in_process


def _slow_echo(batch: list[int], scale: float) -> list[int]:
    """Later batches finish first, so order can only come from the executor."""
    time.sleep(scale * (10 - batch[0]))
    return [n * 10 for n in batch]


def test_pool_keeps_input_order_and_reads_ahead_only_a_bounded_number_of_batches():
    pulled: list[int] = []

    def batches():
        for n in range(8):
            pulled.append(n)
            yield [n]

    with ProcessPool(2, in_flight=3, initializer=None) as pool:
        results = pool.map_batches(_slow_echo, batches(), 0.02)
        first = next(results)
        assert len(pulled) <= 4  # three in flight, plus the one submitted after the first result
        assert [first, *results] == [[n * 10] for n in range(8)]


def test_code_documents_passes_input_rejections_through(in_process):
    bad = Rejected("input.jsonl:4", "invalid JSON: Expecting value", "E005")
    items = [*DOCS[:4], bad, *DOCS[4:]]
    records = list(code_documents(items, OPTIONS))
    assert bad in records
    assert [r for r in records if r != bad] == in_process
    sizes = [len(batch) for batch in code_batches(items, OPTIONS)]
    assert sum(sizes) == len(DOCS) + 1


def test_code_documents_with_an_executor_equals_without(in_process):
    assert list(code_documents(DOCS, OPTIONS, InProcess())) == in_process


def test_parquet_partitions_hold_every_batch_and_its_events(tmp_path, in_process):
    batches = _batches(in_process)
    paths = write_parquet_partitions(batches, tmp_path / "events")
    assert [p.name for p in paths] == [f"events-{i:05d}.parquet" for i in range(len(batches))]
    table = pq.read_table(tmp_path / "events")
    events = _events(in_process)
    assert sorted(table.column("id").to_pylist()) == sorted(e.id for e in events)
    row = table.slice(0, 1).to_pylist()[0]
    first = events[0]
    assert (row["article_id"], row["type"], row["evidence"], row["date"]) \
        == (first.article_id, first.type, first.evidence.text, first.date)
    assert [a["country"] for a in row["source"]] == [a.country for a in first.source]


def test_make_executor_picks_the_kind():
    assert isinstance(make_executor(), InProcess)
    pool = make_executor("local", workers=3)
    assert isinstance(pool, ProcessPool) and pool.workers == 3
    pool.close()


@pytest.mark.parametrize(("args", "message"), [
    (("spark", 1, None), "unknown engine 'spark': choose one of local, dask"),
    (("local", 0, None), "--workers must be at least 1, got 0"),
    (("local", 2, "tcp://10.0.0.5:8786"), "--scheduler needs --engine dask"),
])
def test_make_executor_rejects_bad_options(args, message):
    with pytest.raises(ConfigError) as error:
        make_executor(*args)
    assert str(error.value) == message


@click.command()
@executor_options
@story_options
def _command(workers: int, engine: str, scheduler: str | None, story_threshold: float) -> None:
    executor = executor_from_options(workers, engine, scheduler)
    click.echo(f"{type(executor).__name__} {story_threshold}")
    if executor is not None:
        executor.close()


@pytest.mark.parametrize(("argv", "output"), [
    ([], "NoneType 0.5"),
    (["--workers", "2", "--story-threshold", "0.3"], "ProcessPool 0.3"),
])
def test_options_build_the_executor(argv, output):
    result = CliRunner().invoke(_command, argv)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == output


@pytest.mark.parametrize(("argv", "message"), [
    (["--scheduler", "tcp://10.0.0.5:8786"], "Error: --scheduler needs --engine dask"),
    (["--workers", "0"], "Error: Invalid value for '--workers': 0 is not in the range x>=1."),
    (["--story-threshold", "0"],
     "Error: Invalid value for '--story-threshold': 0.0 is not in the range 0.0<x<=1.0."),
    (["--engine", "spark"],
     "Error: Invalid value for '--engine': 'spark' is not one of 'local', 'dask'."),
])
def test_bad_options_say_what_is_wrong(argv, message):
    result = CliRunner().invoke(_command, argv)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == message


def test_an_unreachable_scheduler_is_a_config_error():
    with pytest.raises(ConfigError) as error:
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout=1)
    assert str(error.value).startswith(
        "cannot reach the Dask scheduler at tcp://127.0.0.1:9: Timed out trying to connect")


def _die(batch, *args):
    import os

    os._exit(1)


def test_a_dead_worker_is_a_clear_error_naming_the_batch():
    from detente.errors import WorkerError
    from detente.executor import ProcessPool
    from detente.records import RawDocument

    batch = [RawDocument(id="a", text="Chile sanctioned Peru.", where="in.jsonl:7")]
    with ProcessPool(1, initializer=None) as pool:
        with pytest.raises(WorkerError, match="the batch that starts at in.jsonl:7"):
            list(pool.map_batches(_die, [batch]))
