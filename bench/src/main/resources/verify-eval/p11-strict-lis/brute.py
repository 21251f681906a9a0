import sys
d = list(map(int, sys.stdin.read().split()))
h = d[1:1 + d[0]]
n = len(h)
best = 0
for mask in range(1, 1 << n):
    seq = [h[i] for i in range(n) if mask >> i & 1]
    if all(seq[j] > seq[j - 1] for j in range(1, len(seq))):
        best = max(best, len(seq))
print(best)
