"""Load on ``newsfuse serve``: requests/s and latency of the story list and a kept brief at 1, 8
and 32 concurrent clients, over a store of 10,000 articles, beside a static file server.

The store: one real DUC 2006 story (its 25 articles, added and analysed by ``corpus.add``, then
briefed once, so its brief is kept) among synthetic articles made as ``stories_scale.py`` makes
them (12 sentences drawn from 12 different real DUC articles, random dates in 1996–2000, 50
outlets, stories of 5). The server runs in its own process (``newsfuse serve``, one uvicorn
worker), the clients in this one, both on this machine. The baseline is Python's
``http.server`` serving the same brief JSON as a file: what answering with bytes costs here.

Bounded: every (endpoint, clients) cell sends a fixed number of requests and stops at a time
cap, to loopback only.

    python benchmarks/serve.py [--articles 10000] [--requests 400] [--cap 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))

CLIENTS = (1, 8, 32)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_store(path: Path, articles: int) -> int:
    """Fill the store at ``path``; returns the id of the real, briefed story."""
    from newsfuse.corpus import add, list_stories, story_brief
    from newsfuse.resources import Resources
    from newsfuse.settings import Settings
    from stories import article_of, load_stream
    from stories_scale import fill, sentence_pool

    stream = load_stream()
    gold = sorted({d["gold"] for d in stream if str(d["gold"]).startswith("D06")})[0]
    real = [d for d in stream if d["gold"] == gold]
    others = [d for d in stream if d["gold"] != gold]
    started = time.perf_counter()
    fill(str(path), articles - len(real), sentence_pool(others), Settings())
    print(
        f"filled {articles - len(real):,} synthetic articles in {time.perf_counter() - started:.0f} s"
    )
    resources = Resources()
    result = add(
        [article_of(d) for d in real],
        db=path,
        resources=resources,
        # a DUC cluster spans months: one story of it, whatever the gaps between its reports
        settings=Settings(story_idle_days=3650),
    )
    story = max(
        list_stories(result.store, limit=None),
        key=lambda s: len(set(s.articles) & {d["id"] for d in real}),
    )
    made = story_brief(story.id, db=result.store, resources=resources)
    result.store.close()
    print(
        f"real story {story.id} ({gold}): {story.size} articles, brief of {len(made.sources)} sources"
    )
    return story.id


async def load(url: str, requests: int, clients: int, cap: float) -> dict:
    """``requests`` GETs of ``url`` by ``clients`` concurrent clients, stopped at ``cap`` s."""
    latencies: list[float] = []
    failed = 0
    queue = iter(range(requests))
    deadline = time.perf_counter() + cap
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal failed
            for _ in queue:
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                try:
                    answer = await client.get(url)
                    ok = answer.status_code == 200 and len(answer.content) > 0
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                failed += not ok

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - began
    latencies.sort()
    return {
        "sent": len(latencies),
        "failed": failed,
        "rps": len(latencies) / wall,
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode})")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint and clients")
    parser.add_argument("--cap", type=float, default=60, help="seconds per cell at most")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        story = build_store(db, args.articles)
        port, static_port = free_port(), free_port()
        brief_file = Path(tmp) / "static" / "brief.json"
        brief_file.parent.mkdir()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "newsfuse", "serve", "--db", str(db), "--port", str(port)],
            stderr=subprocess.DEVNULL,
        )
        static = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(static_port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(brief_file.parent),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"{base}/api/stories?limit=1", server)
            brief_file.write_bytes(httpx.get(f"{base}/api/stories/{story}/brief").content)
            wait_until_up(f"http://127.0.0.1:{static_port}/brief.json", static)
            run_table(args, base, story, f"http://127.0.0.1:{static_port}/brief.json")
        finally:
            for process in (server, static):
                process.terminate()
                process.wait(timeout=20)


def run_table(args: argparse.Namespace, base: str, story: int, static_url: str) -> None:
    endpoints = {
        "story list page (/)": f"{base}/",
        "story list API (50 stories)": f"{base}/api/stories?limit=50",
        "kept brief API (JSON)": f"{base}/api/stories/{story}/brief",
        "story page (HTML)": f"{base}/stories/{story}",
        "baseline: brief JSON as a static file (http.server)": static_url,
    }
    size = len(httpx.get(endpoints["kept brief API (JSON)"]).content)
    print(
        f"\n{args.articles:,} articles; the kept brief is {size / 1000:.0f} kB of JSON; "
        f"{args.requests} requests per cell, at most {args.cap:.0f} s; {os.cpu_count()} cores"
    )
    print("| endpoint | clients | sent | failed | req/s | p50 ms | p99 ms | p99 vs static |")
    print("|---|---|---|---|---|---|---|---|")
    static: dict[int, dict] = {}
    for clients in CLIENTS:
        static[clients] = asyncio.run(load(static_url, args.requests, clients, args.cap))
    for name, url in endpoints.items():
        for clients in CLIENTS:
            row = (
                static[clients]
                if url == static_url
                else asyncio.run(load(url, args.requests, clients, args.cap))
            )
            ratio = row["p99"] / static[clients]["p99"]
            print(
                f"| {name} | {clients} | {row['sent']} | {row['failed']} | {row['rps']:.0f} | "
                f"{row['p50']:.1f} | {row['p99']:.1f} | {ratio:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
