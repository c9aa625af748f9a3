"""Sums the wrk runs made side by side (one per node) into one Markdown row: requests/s added up,
latency percentiles taken as the worst node's (wrk reports them per run), errors added up."""
import re
import sys

label, path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
rate = 0.0
p50 = p99 = 0.0
errors = 0


def ms(text):
    value, unit = float(re.match(r"([\d.]+)", text).group(1)), re.sub(r"[\d.]", "", text)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)


for name in files:
    text = open(name).read()
    rate += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = max(p50, ms(re.search(r"50%\s+(\S+)", text).group(1)))
    p99 = max(p99, ms(re.search(r"99%\s+(\S+)", text).group(1)))
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        match = re.search(pattern, text)
        if match:
            errors += sum(int(g) for g in match.groups())
shown = re.sub(r"/credentials/[^/]+\.json", "/credentials/{id}.json", path)
print(f"| {label} | `{shown}` | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {errors} |")
