import sys
d = list(map(int, sys.stdin.read().split()))
n = d[0]
order = sorted(range(n), key=lambda i: d[1 + 2 * i])
print(' '.join(str(i + 1) for i in order))
