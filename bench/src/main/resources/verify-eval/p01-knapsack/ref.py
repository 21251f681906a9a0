import sys
d = list(map(int, sys.stdin.read().split()))
n, W = d[0], d[1]
best = [0] * (W + 1)
for i in range(n):
    w, v = d[2 + 2 * i], d[3 + 2 * i]
    for c in range(W, w - 1, -1):
        if best[c - w] + v > best[c]:
            best[c] = best[c - w] + v
print(max(best))
