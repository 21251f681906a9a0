import sys
d = list(map(int, sys.stdin.read().split()))
n, K = d[0], d[1]
seen, total = {}, 0
for x in d[2:2 + n]:
    total += seen.get(K - x, 0)
    seen[x] = seen.get(x, 0) + 1
print(total)
