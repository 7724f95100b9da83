#!/usr/bin/env python3
"""Start-up time: from spawning `tiendo serve` to the first 200 from GET /ready.

Spawns the server N times (default 5) on the given database, polls /ready on a
fresh connection every ~2 ms (bounded: 20 s per start), stops it with SIGTERM
(SIGKILL after 10 s) and prints `STARTUP median_ms=… runs_ms=…`.
Environment (TIENDO_NOW, TIENDO_ACCESS_LOG, …) is passed through.

usage: startup.py PORT N -- tiendo serve --db FILE --port PORT
"""
import os, signal, socket, statistics, subprocess, sys, time

def ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200") or data.startswith(b"HTTP/1.0 200")
    except OSError:
        return False

def main():
    port, runs = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = None
        try:
            while time.monotonic() - t0 < 20:
                if ready(port):
                    elapsed = (time.monotonic() - t0) * 1000
                    break
                if proc.poll() is not None:
                    break
                time.sleep(0.002)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if elapsed is None:
            print(f"STARTUP failed exit={proc.returncode}")
            return
        times.append(elapsed)
        time.sleep(0.2)
    print(f"STARTUP median_ms={statistics.median(times):.1f} runs_ms={','.join(f'{t:.1f}' for t in times)}")

if __name__ == "__main__":
    main()
