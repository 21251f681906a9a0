import sys
from fractions import Fraction
d = list(map(int, sys.stdin.read().split()))
avg = Fraction(sum(d[1:1 + d[0]]), d[0])
best = None
for k in range(int(avg) - 2, int(avg) + 3):
    dist = abs(avg - k)
    if best is None or dist < best[0] or (dist == best[0] and k > best[1]):
        best = (dist, k)
print(best[1])
