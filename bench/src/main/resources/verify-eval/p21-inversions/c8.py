import sys, bisect
d = list(map(int, sys.stdin.read().split()))
a = d[1:1 + d[0]]
seen = []
inv = 0
for x in reversed(a):
    inv += bisect.bisect_left(seen, x)
    bisect.insort(seen, x)
print(inv)
