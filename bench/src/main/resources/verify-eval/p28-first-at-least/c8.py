import sys, bisect
d = list(map(int, sys.stdin.read().split()))
n, q = d[0], d[1]
a = d[2:2 + n]
print('\n'.join(str(bisect.bisect_left(a, x)) for x in d[2 + n:2 + n + q]))
