import sys
d = list(map(int, sys.stdin.read().split()))
n, m = d[0], d[1]
cheapest = {}
for i in range(m):
    u, v, w = d[2 + 3 * i: 5 + 3 * i]
    if u == v:
        continue
    for x in (u, v):
        if x not in cheapest or w < cheapest[x][0]:
            cheapest[x] = (w, min(u, v), max(u, v))
if n > 1 and len(cheapest) < n:
    print(-1)
else:
    print(sum(w for w, _, _ in set(cheapest.values())))
