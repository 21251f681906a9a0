import sys
d = list(map(int, sys.stdin.read().split()))
n, W = d[0], d[1]
items = sorted(((d[2 + 2 * i], d[3 + 2 * i]) for i in range(n)), key=lambda t: -t[1] / t[0])
total = 0
for w, v in items:
    if w <= W:
        W -= w
        total += v
print(total)
