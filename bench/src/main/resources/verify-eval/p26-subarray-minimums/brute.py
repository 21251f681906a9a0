import sys
d = list(map(int, sys.stdin.read().split()))
a = d[1:1 + d[0]]
print(sum(min(a[l:r + 1]) for l in range(len(a)) for r in range(l, len(a))) % (10**9 + 7))
