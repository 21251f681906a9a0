import sys
d = list(map(int, sys.stdin.read().split()))
n, s = d[0], sum(d[1:1 + d[0]])
print((2 * s + n) // (2 * n))
