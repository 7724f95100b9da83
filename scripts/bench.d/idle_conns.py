#!/usr/bin/env python3
"""1,000 idle keep-alive connections against a running server (stdlib only).

Opens N sockets to 127.0.0.1:PORT, sends one `GET /health` on each and reads
its answer, keeps every socket open, then reads the server's VmRSS/VmHWM from
/proc/PID/status and checks that /health still answers on a new connection.
Prints one `IDLE key=value …` line. Bounded: N connections, 5 s socket
timeouts, a 90 s overall deadline.

usage: idle_conns.py PORT PID [N]
"""
import resource, socket, sys, time

def status_kib(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0])
    return out

REQUEST = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

def read_response(sock, deadline):
    """Reads one response (headers + Content-Length body); returns the status code."""
    data = b""
    while b"\r\n\r\n" not in data:
        if time.monotonic() > deadline or len(data) > 65536:
            raise TimeoutError("no complete response")
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for h in lines[1:]:
        name, _, value = h.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        if time.monotonic() > deadline:
            raise TimeoutError("short body")
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed in body")
        body += chunk
    return status

def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, n + 256)) if hard != resource.RLIM_INFINITY else max(soft, n + 256)
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    deadline = time.monotonic() + 90
    before = status_kib(pid)
    socks, ok, failed = [], 0, 0
    started = time.monotonic()
    for _ in range(n):
        if time.monotonic() > deadline:
            break
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(REQUEST)
            if read_response(s, time.monotonic() + 5) == 200:
                ok += 1
            else:
                failed += 1
            socks.append(s)
        except (OSError, ValueError, IndexError, TimeoutError):
            failed += 1
            s.close()
    open_seconds = time.monotonic() - started
    time.sleep(1.0)  # let the server settle with every connection idle
    during = status_kib(pid)
    # A new connection while the others idle.
    t0 = time.monotonic()
    fresh_status = 0
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(REQUEST)
            fresh_status = read_response(s, time.monotonic() + 5)
    except (OSError, ValueError, IndexError, TimeoutError):
        fresh_status = 0
    fresh_ms = (time.monotonic() - t0) * 1000
    # Are the idle ones still served? Ask again on up to 20 of them.
    reused_ok = 0
    for s in socks[:: max(1, len(socks) // 20)][:20]:
        try:
            s.sendall(REQUEST)
            if read_response(s, time.monotonic() + 5) == 200:
                reused_ok += 1
        except (OSError, ValueError, IndexError, TimeoutError):
            pass
    for s in socks:
        s.close()
    print(f"IDLE conns={n} ok={ok} failed={failed} open_s={open_seconds:.2f} "
          f"rss_before_kib={before.get('VmRSS', 0)} rss_kib={during.get('VmRSS', 0)} hwm_kib={during.get('VmHWM', 0)} "
          f"fresh_status={fresh_status} fresh_ms={fresh_ms:.1f} reused_ok={reused_ok}/{min(20, len(socks))}")

if __name__ == "__main__":
    main()
