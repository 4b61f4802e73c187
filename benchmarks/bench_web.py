"""`balju web` timings over HTTP: a real server process on loopback and a client in this process.

Run: .venv/bin/python benchmarks/bench_web.py [--stored 2000] [--rounds 20]

1. Start `balju web` on a free port with a new SQLite file that already holds ``--stored`` reviews
   (copies of the sample's review dict, saved through balju.store before the server starts).
2. Upload examples/sample_rfp.hwp through POST /api/reviews: the first upload (the analyser is
   loaded in the background at start) and the next ``--rounds`` uploads.
3. GET the list page (/), a search, a page far back, the review page, GET /api/reviews and the
   downloads, ``--rounds`` times each: median and slowest.
4. While the largest real RFP of ../shared/data/rfp is being reviewed, GET /api/health every 50 ms: is the server still
   answering?
5. The function-list editor on the real RFP with the most proposed functions (GKL 그룹웨어: 710 in the
   list and 108 left-out candidates, identifier v7; 702 and 116 with v6): the
   page (GET /reviews/{id}/functions/edit) and its size, saving the table unchanged (POST: the form
   read, the RFP reviewed again with the list, a new review saved), and the same list as JSON
   through POST /api/reviews/{id}/functions.

Wall times on a shared machine vary with other work: the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from balju.functions.model import Function

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_rfp.hwp"
REVIEW = ROOT / "tests" / "report" / "fixtures" / "review.json"
REAL = ROOT.parent / "shared" / "data" / "rfp" / "files"
BIG = max(REAL.iterdir(), key=lambda p: p.stat().st_size) if REAL.is_dir() else Path("-")
"""The largest real RFP: the slowest kind of upload."""
MANY = REAL / "20240408682.hwp"
"""GKL 그룹웨어: the real RFP with the most proposed functions (818 candidates), the largest table to edit."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(db: Path, count: int) -> None:
    from balju.store import Store

    review = json.loads(REVIEW.read_text(encoding="utf-8"))
    names = ["도서관 좌석 예약", "체육시설 예약관리", "민원 통합 접수", "학사 정보 고도화", "문화재 디지털 아카이브"]
    with Store(str(db)) as store:
        for i in range(count):
            r = copy.deepcopy(review)
            r["facts"]["project_name"]["value"] = f"{names[i % len(names)]} {i}차 사업"
            r["source"]["sha256"] = f"{i:064x}"
            r["source"]["file"] = f"rfp-{i}.hwp"
            store.save_review(r)


def timed(call) -> float:
    begin = time.perf_counter()
    call()
    return time.perf_counter() - begin


def stats(name: str, seconds: list[float]) -> str:
    return f"  {name:42} median {statistics.median(seconds) * 1000:7.1f} ms   max {max(seconds) * 1000:7.1f} ms   (n={len(seconds)})"


def upload(client: httpx.Client, path: Path) -> dict:
    with path.open("rb") as f:
        response = client.post("/api/reviews", files={"file": (path.name, f, "application/octet-stream")})
    response.raise_for_status()
    return response.json()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="balju-bench-web-"))
    db = folder / "balju.db"
    began = time.perf_counter()
    seed(db, args.stored)
    print(f"seeded {args.stored} reviews in {time.perf_counter() - began:.1f} s ({os.getloadavg()[0]:.2f} load)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "balju", "web", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
        started = time.perf_counter()
        while True:
            try:
                client.get("/api/health")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        print(f"server answering {time.perf_counter() - started:.2f} s after start")
        first = timed(lambda: upload(client, SAMPLE))
        later = [timed(lambda: upload(client, SAMPLE)) for _ in range(args.rounds)]
        review_id = upload(client, SAMPLE)["id"]
        print(f"uploads of {SAMPLE.name} (review + save), load {os.getloadavg()[0]:.2f}:")
        print(f"  first upload                               {first * 1000:7.1f} ms")
        print(stats("later uploads", later))
        gets = {
            "list page /": "/",
            "list page, search '체육'": "/?q=%EC%B2%B4%EC%9C%A1",
            f"list page {args.stored // 20}": f"/?page={args.stored // 20}",
            "review page": f"/reviews/{review_id}",
            "GET /api/reviews (50)": "/api/reviews?limit=50",
            "GET /api/reviews/{id} (whole review)": f"/api/reviews/{review_id}",
            "report.json": f"/reviews/{review_id}/report.json",
            "report.html": f"/reviews/{review_id}/report.html",
            "report.xlsx": f"/reviews/{review_id}/report.xlsx",
            "report.pdf": f"/reviews/{review_id}/report.pdf",
        }
        print(f"pages and downloads with {args.stored + args.rounds + 2} reviews stored, load {os.getloadavg()[0]:.2f}:")
        for name, url in gets.items():
            client.get(url).raise_for_status()
            print(stats(name, [timed(lambda: client.get(url).raise_for_status()) for _ in range(args.rounds)]))
        if BIG.is_file():
            answers: list[float] = []
            done = threading.Event()

            def poll() -> None:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as other:
                    while not done.is_set():
                        answers.append(timed(lambda: other.get("/api/health").raise_for_status()))
                        time.sleep(0.05)

            poller = threading.Thread(target=poll)
            poller.start()
            big = timed(lambda: upload(client, BIG))
            done.set()
            poller.join()
            print(f"upload of {BIG.name} ({BIG.stat().st_size / 1e6:.1f} MB): {big:.2f} s; meanwhile /api/health:")
            print(stats("health during the review", answers))
        if MANY.is_file():
            edit_table(client, args.rounds)
    finally:
        server.terminate()
        server.wait(10)


def edit_table(client: httpx.Client, rounds: int) -> None:
    """Step 5: the editor page, an unchanged save through it, and the same list as JSON."""
    from balju.functions.stored import stored_left_out
    from balju.web.editor import table_base  # noqa: E402  (only this step needs the web app's modules)

    review_id = upload(client, MANY)["id"]
    data = client.get(f"/api/reviews/{review_id}").json()
    functions = data["functions"]
    url = f"/reviews/{review_id}/functions/edit"
    page = client.get(url)
    page.raise_for_status()
    # the table as the page shows it: the list, and each left-out candidate under its requirement, 빼기
    listed_rows = [Function(name=f["name"], type=f["type"], requirement_id=f.get("requirement_id")) for f in functions]
    rows, left = table_base(listed_rows, stored_left_out(data), data["requirements"])
    form = {"n": str(len(rows)), "action": "save"}
    for i, f in enumerate(rows):
        form.update({f"o{i}": str(i), f"name{i}": f.name, f"type{i}": f.type,
                     f"req{i}": f.requirement_id or "", f"note{i}": ""})
        if i in left:
            form[f"drop{i}"] = "1"
    body = httpx.QueryParams(form).__str__().encode()

    def save() -> None:
        response = client.post(url, content=body, headers={"content-type": "application/x-www-form-urlencoded"})
        assert response.status_code == 303, response.text[:300]

    listed = [{k: f.get(k) for k in ("name", "type", "requirement_id")} for f in functions]

    def save_json() -> None:
        client.post(f"/api/reviews/{review_id}/functions", json={"functions": listed}).raise_for_status()

    print(f"function-list editor, {MANY.name} ({len(functions)} functions and {len(left)} left-out candidates), "
          f"load {os.getloadavg()[0]:.2f}:")
    wire = int(page.headers.get("content-length") or len(page.content))
    print(f"  editor page size {len(page.content) / 1024:.0f} KB ({wire / 1024:.0f} KB sent, "
          f"{page.headers.get('content-encoding') or 'not compressed'}), form sent back {len(body) / 1024:.0f} KB")
    print(stats("GET editor page", [timed(lambda: client.get(url).raise_for_status()) for _ in range(rounds)]))
    few = max(3, rounds // 4)
    print(stats("POST unchanged table (re-review + save)", [timed(save) for _ in range(few)]))
    print(stats("POST the same list as JSON (API)", [timed(save_json) for _ in range(few)]))


if __name__ == "__main__":
    main()
