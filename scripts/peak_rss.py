#!/usr/bin/env python3
"""Peak memory of a batch conversion: builds N archive files in nested folders (copies of
../shared/corpus when present, else of fixtures/), converts them all with the release
binary to JSON Lines, and prints the wall time and peak resident set size.

Usage: scripts/peak_rss.py [N ...]     (default: 10000 100000; run `cargo build --release` first)
"""
import os, shutil, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "release", "rfi-parse")
corpus = os.path.join(root, "..", "shared", "corpus")
source_dir = corpus if os.path.isdir(corpus) else os.path.join(root, "fixtures")
sources = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(source_dir) for f in fs
    if f.endswith(".txt") and "errors" not in d
)

for n in [int(a) for a in sys.argv[1:]] or [10_000, 100_000]:
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            folder = os.path.join(tmp, f"{i // 1000:03d}", f"{(i // 100) % 10:02d}")
            os.makedirs(folder, exist_ok=True)
            shutil.copyfile(sources[i % len(sources)], os.path.join(folder, f"{i:06d}.txt"))
        command = [binary, "--quiet", "--format", "jsonl", tmp]
        started = time.monotonic()
        if os.path.exists("/usr/bin/time"):
            run = subprocess.run(["/usr/bin/time", "-f", "%x %M", *command],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            code, peak = map(int, run.stderr.split()[-2:])
            how = "GNU time"
        else:
            # A fresh interpreter per run, so the peak is this run's alone; it may include
            # the interpreter's own pages from before the exec, so it is an upper bound.
            measure = (
                "import resource, subprocess, sys; "
                "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
                "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            out = subprocess.run([sys.executable, "-c", measure, *command],
                                 capture_output=True, text=True, check=True).stdout.split()
            code, peak = int(out[0]), int(out[1])
            how = "getrusage, upper bound"
        elapsed = time.monotonic() - started
        assert code == 0, f"exit status {code}"
        print(f"{n} files: {elapsed:.2f} s, peak RSS {peak / 1024:.1f} MiB ({how})")
