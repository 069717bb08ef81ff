"""Make README's screenshot of a story page (docs/story-page.png) the way the browser test sees
it: the example corpus added to a fresh store, ``newsfuse serve``'s app on a loopback port,
Debian's chromium driven by Playwright.

    python scripts/screenshot.py [--out docs/story-page.png] [--width 1280]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "story-page.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tests.servers import running_app

    from newsfuse.corpus import add, list_stories
    from newsfuse.server import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "example.db"
        store = add([ROOT / "examples" / "kazakhstan-2022"], db=db).store
        story = list_stories(store)[0].id
        store.close()
        with running_app(create_app(db)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{base}/stories/{story}")
            page.screenshot(path=str(args.out))
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
