import sys
d = list(map(int, sys.stdin.read().split()))
segs = [(d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])]
n = len(segs)
best = 0
for mask in range(1 << n):
    chosen = sorted(segs[i] for i in range(n) if mask >> i & 1)
    if all(chosen[j][0] >= chosen[j - 1][1] for j in range(1, len(chosen))):
        best = max(best, len(chosen))
print(best)
