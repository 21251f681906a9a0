import sys
d = list(map(int, sys.stdin.read().split()))
h = d[1:1 + d[0]]
rank = {v: i + 1 for i, v in enumerate(sorted(set(h)))}
m = len(rank)
tree = [0] * (m + 1)
best = 0
for x in h:
    r = rank[x]
    i, cur = r - 1, 0
    while i > 0:
        cur = max(cur, tree[i]); i -= i & -i
    cur += 1
    best = max(best, cur)
    i = r
    while i <= m:
        tree[i] = max(tree[i], cur); i += i & -i
print(best)
