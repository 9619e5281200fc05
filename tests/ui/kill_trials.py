#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Autosave under SIGKILL: starts the application (kill_driver edit) on a project, lets it paint, kills it with
SIGKILL at a random moment, restarts it (kill_driver verify) and checks that nothing older than the autosave
interval was lost and no file is corrupt. The same project carries over from trial to trial, so recovery is
exercised on top of earlier recoveries.

    kill_trials.py DRIVER WORK_DIR [--trials N] [--autosave-ms MS] [--slack-ms MS] [--seed S]
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
from PIL import Image

ap = argparse.ArgumentParser()
ap.add_argument("driver")
ap.add_argument("work")
ap.add_argument("--trials", type=int, default=20)
ap.add_argument("--autosave-ms", type=int, default=300)
# Time the writer thread may take after the autosave timer fires (encoding, fsync, on a loaded machine).
ap.add_argument("--slack-ms", type=int, default=1000)
ap.add_argument("--seed", type=int, default=10)
a = ap.parse_args()

rng = random.Random(a.seed)
shutil.rmtree(a.work, ignore_errors=True)
project = os.path.join(a.work, "project")
os.makedirs(project)
pixels = np.random.default_rng(a.seed).integers(0, 255, (120, 160, 3), dtype=np.uint8)
Image.fromarray(pixels).save(os.path.join(project, "scene.png"))
env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

failures = 0
total_lost = 0
total_checked = 0
for trial in range(a.trials):
    journal = os.path.join(a.work, "journal-%02d.txt" % trial)
    proc = subprocess.Popen([a.driver, "edit", project, journal, str(a.autosave_ms)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while (not os.path.exists(journal) or os.path.getsize(journal) == 0) and proc.poll() is None:
        if time.time() > deadline:
            break
        time.sleep(0.01)
    if proc.poll() is not None:
        print("trial %d: the application exited early: %s" % (trial, proc.stderr.read().decode()))
        failures += 1
        continue
    time.sleep(rng.uniform(1.0, 5.0))
    proc.send_signal(signal.SIGKILL)
    killed_at = int(time.time() * 1000)
    proc.wait()
    result = subprocess.run([a.driver, "verify", project, journal, str(a.autosave_ms), str(killed_at),
                             str(a.slack_ms)], env=env, capture_output=True, text=True, timeout=120)
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()
    print("trial %2d: %s" % (trial, last))
    if result.returncode != 0:
        failures += 1
        print(result.stdout + result.stderr)
    for word in last.split(", "):
        if word.startswith("lost "):
            total_lost += int(word.split()[1])
        if word.startswith("cells checked "):
            total_checked += int(word.split()[2])
leftovers = [f for f in os.listdir(os.path.join(project, "annotations")) if not f.startswith("scene.png")] \
    if os.path.isdir(os.path.join(project, "annotations")) else []
print("%d trials, %d failed; %d cells checked, %d lost; stray files after kills: %s"
      % (a.trials, failures, total_checked, total_lost, leftovers or "none"))
sys.exit(1 if failures else 0)
